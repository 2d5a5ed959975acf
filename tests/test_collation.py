"""Names sort in German alphabetical order (DIN 5007-1) on PostgreSQL and
SQLite alike: umlauts with their base letter, ß as ss, case ignored."""

import random

import pytest
from django.db import connection, transaction

from asskomm.collation import din_5007_key
from members.models import Municipality, Organisation, User
from tests.factories import MunicipalityFactory, OrganisationFactory, UserFactory
from tests.helpers import requires_postgresql

TOWNS = ["Döbeln", "Dresden", "Görlitz", "Großenhain", "Ölsnitz", "Oschatz", "Zwickau"]
SURNAMES = ["Adler", "Köhler", "Krause", "Müller", "Mundt", "Özdemir", "Zimmermann"]


def shuffled(names):
    names = list(names)
    random.Random(5007).shuffle(names)
    return names


def test_the_sort_key_puts_umlauts_and_sharp_s_with_their_base_letters():
    assert sorted(shuffled(TOWNS), key=din_5007_key) == TOWNS
    assert sorted(["Zeithain", "Strauch", "Strasser", "straße"], key=din_5007_key) == [
        "straße",  # as "strasse"
        "Strasser",
        "Strauch",
        "Zeithain",
    ]
    assert sorted(["Müller", "Muller", "müller"], key=din_5007_key) == [
        "Muller",
        "müller",
        "Müller",
    ]


@pytest.mark.django_db
class TestTheDatabaseSortsNamesInGerman:
    def test_municipalities(self):
        for name in shuffled(TOWNS):
            MunicipalityFactory(name=name)
        assert list(Municipality.objects.values_list("name", flat=True)) == TOWNS

    def test_people_by_last_name(self):
        for name in shuffled(SURNAMES):
            UserFactory(last_name=name)
        assert list(User.objects.values_list("last_name", flat=True)) == SURNAMES

    def test_organisations(self):
        names = ["Äskulap e. V.", "Aktion Zivilcourage e. V.", "Übergang e. V."]
        for name in shuffled(names):
            OrganisationFactory(name=name)
        assert list(Organisation.objects.values_list("name", flat=True)) == [
            "Aktion Zivilcourage e. V.",
            "Äskulap e. V.",
            "Übergang e. V.",
        ]

    def test_equal_still_means_the_same_text(self):
        """The collation orders; it does not make "Strasse" and "Straße",
        or "görlitz" and "Görlitz", the same name."""
        OrganisationFactory(name="Straße der Jugend e. V.")
        with transaction.atomic():
            OrganisationFactory(name="Strasse der Jugend e. V.")  # no unique violation
        MunicipalityFactory(name="Görlitz")
        assert not Municipality.objects.filter(name="görlitz").exists()
        assert Municipality.objects.filter(name="Görlitz").exists()


@requires_postgresql
@pytest.mark.django_db
def test_the_name_index_serves_the_german_order():
    MunicipalityFactory.create_batch(20)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Municipality.objects.order_by("name").values("name").explain()
    assert "municipality_name_idx" in plan
