"""German is the portal's language: the catalogue is complete and the
compiled .mo that Django reads is the one the .po says."""

import re
from pathlib import Path

import polib
import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent / "locale"
CATALOGUES = [
    ROOT / "de" / "LC_MESSAGES",  # the portal's own strings
    ROOT / "allauth" / "de" / "LC_MESSAGES",  # formal overrides of allauth's German
]
LOCALE = CATALOGUES[0]


def translations(catalogue):
    return {
        (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
        for entry in catalogue
        if entry.msgid and not entry.obsolete and "fuzzy" not in entry.flags
    }


def test_every_german_message_is_translated():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert not po.untranslated_entries()
    assert not po.fuzzy_entries()
    assert len(po) > 100


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=["portal", "allauth"])
def test_the_compiled_catalogue_is_not_stale(catalogue):
    po = polib.pofile(str(catalogue / "django.po"))
    mo = polib.mofile(str(catalogue / "django.mo"))
    assert translations(mo) == translations(po), (
        f"{catalogue}/django.mo is stale: run `make messages` and commit the .mo"
    )


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=["portal", "allauth"])
def test_placeholders_survive_translation(catalogue):
    po = polib.pofile(str(catalogue / "django.po"))
    for entry in po.translated_entries():
        for flag in ("python-format", "python-brace-format"):
            if flag in entry.flags:
                assert sorted(_placeholders(entry.msgid)) == sorted(
                    _placeholders(entry.msgstr or entry.msgstr_plural.get(1, ""))
                ), entry.msgid


def _placeholders(text):
    return re.findall(r"%\(\w+\)[sd]|\{\w*\}", text)


INFORMAL = re.compile(r"\b(du|dich|dir|dein\w*|hast|bist|kannst)\b", re.IGNORECASE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/logout/"],
)
def test_the_account_pages_address_people_formally(url):
    text = re.sub(r"<[^>]+>", " ", Client().get(url).content.decode())
    assert not INFORMAL.findall(text)
