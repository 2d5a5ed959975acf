"""The Amtlicher Gemeindeschlüssel (AGS) of Saxon municipalities.

An AGS has eight digits: ``14`` for Saxony, the third digit the region (the
former Direktionsbezirk: 5 Chemnitz, 6 Dresden, 7 Leipzig), the first five
the Kreis, the last three the Gemeinde (``000`` for the Kreis itself).
"""

import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SAXONY_PREFIX = "14"
KREIS_SUFFIX = "000"


class Kreis(NamedTuple):
    name: str
    kreisfrei: bool


# The ten Landkreise and three kreisfreie Städte since the reform of 2008.
KREISE = {
    "14511": Kreis("Chemnitz", kreisfrei=True),
    "14521": Kreis("Erzgebirgskreis", kreisfrei=False),
    "14522": Kreis("Landkreis Mittelsachsen", kreisfrei=False),
    "14523": Kreis("Vogtlandkreis", kreisfrei=False),
    "14524": Kreis("Landkreis Zwickau", kreisfrei=False),
    "14612": Kreis("Dresden", kreisfrei=True),
    "14625": Kreis("Landkreis Bautzen", kreisfrei=False),
    "14626": Kreis("Landkreis Görlitz", kreisfrei=False),
    "14627": Kreis("Landkreis Meißen", kreisfrei=False),
    "14628": Kreis("Landkreis Sächsische Schweiz-Osterzgebirge", kreisfrei=False),
    "14713": Kreis("Leipzig", kreisfrei=True),
    "14729": Kreis("Landkreis Leipzig", kreisfrei=False),
    "14730": Kreis("Landkreis Nordsachsen", kreisfrei=False),
}

_EIGHT_DIGITS = re.compile(r"[0-9]{8}")


def kreis_key(ags):
    """The first five digits: the Kreis a municipality belongs to."""
    return ags[:5]


def is_kreis(ags):
    """Whether the key names a Landkreis or kreisfreie Stadt itself."""
    return ags.endswith(KREIS_SUFFIX)


def validate_ags(value):
    if not _EIGHT_DIGITS.fullmatch(value or ""):
        raise ValidationError(
            _("The official municipality key (AGS) has exactly eight digits, e.g. 14612000."),
            code="ags_format",
        )
    if not value.startswith(SAXONY_PREFIX):
        raise ValidationError(
            _("%(ags)s is not the key of a Saxon municipality: keys in Saxony begin with 14."),
            code="ags_not_saxon",
            params={"ags": value},
        )
    if kreis_key(value) not in KREISE:
        raise ValidationError(
            _(
                "%(ags)s names no Saxon district: its first five digits must be one of "
                "the 13 Landkreise and kreisfreie Städte (e.g. 14612 for Dresden)."
            ),
            code="ags_unknown_kreis",
            params={"ags": value},
        )
