"""Demo data of the members app, for ``manage.py seed_demo``.

The municipalities and their keys are real. The 13 Kreise are the ones of
the Kreisgebietsneugliederung 2008. The towns' AGS were read from the
Destatis Gemeindeverzeichnis (Gebietsstand 31.12.2025, as extracted in
github.com/nyko073006/wohngeld-rechner, data/mietstufen-2023.json) and
cross-checked against the Destatis GV-ISys of 31.12.2011
(github.com/digineo/gemeindeverzeichnis, data/<AGS>.yaml) and the towns'
Wikipedia entries; Aue-Bad Schlema (merged 2019) against Wikipedia only.
Whether a town is a model municipality, took part in a security analysis or
since when it is in ASSKomm is invented for the demo, as are all people.
"""

from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from asskomm.models import Topic
from members import ags as ags_rules
from members import roles
from members.models import Municipality, MunicipalityContact, Organisation, User, WorkingGroupSeat

DEMO_PASSWORD = "asskomm-demo"  # noqa: S105 - published demo logins
# The demo staff's authenticator app key (TOTP, base32), published like the
# password: add it to an authenticator app, or run `manage.py demo_totp_code`.
DEMO_TOTP_SECRET = "ASSKOMMDEMOZWEIFAKTORGEHEIMNIS23"  # noqa: S105 - published demo key

Kind = Municipality.Kind

TOWNS = [
    ("Annaberg-Buchholz", "14521020", Kind.GROSSE_KREISSTADT),
    ("Aue-Bad Schlema", "14521035", Kind.GROSSE_KREISSTADT),
    ("Marienberg", "14521390", Kind.GROSSE_KREISSTADT),
    ("Schwarzenberg/Erzgeb.", "14521550", Kind.GROSSE_KREISSTADT),
    ("Freiberg", "14522180", Kind.GROSSE_KREISSTADT),
    ("Döbeln", "14522080", Kind.GROSSE_KREISSTADT),
    ("Mittweida", "14522360", Kind.GROSSE_KREISSTADT),
    ("Flöha", "14522140", Kind.GROSSE_KREISSTADT),
    ("Plauen", "14523320", Kind.GROSSE_KREISSTADT),
    ("Reichenbach im Vogtland", "14523340", Kind.GROSSE_KREISSTADT),
    ("Auerbach/Vogtl.", "14523020", Kind.GROSSE_KREISSTADT),
    ("Oelsnitz/Vogtl.", "14523300", Kind.GROSSE_KREISSTADT),
    ("Zwickau", "14524330", Kind.GROSSE_KREISSTADT),
    ("Crimmitschau", "14524030", Kind.GROSSE_KREISSTADT),
    ("Werdau", "14524300", Kind.GROSSE_KREISSTADT),
    ("Glauchau", "14524080", Kind.GROSSE_KREISSTADT),
    ("Bautzen", "14625020", Kind.GROSSE_KREISSTADT),
    ("Hoyerswerda", "14625240", Kind.GROSSE_KREISSTADT),
    ("Kamenz", "14625250", Kind.GROSSE_KREISSTADT),
    ("Radeberg", "14625480", Kind.GROSSE_KREISSTADT),
    ("Bischofswerda", "14625040", Kind.GROSSE_KREISSTADT),
    ("Görlitz", "14626110", Kind.GROSSE_KREISSTADT),
    ("Zittau", "14626610", Kind.GROSSE_KREISSTADT),
    ("Löbau", "14626290", Kind.GROSSE_KREISSTADT),
    ("Weißwasser/O.L.", "14626600", Kind.GROSSE_KREISSTADT),
    ("Niesky", "14626370", Kind.GROSSE_KREISSTADT),
    ("Meißen", "14627140", Kind.GROSSE_KREISSTADT),
    ("Riesa", "14627230", Kind.GROSSE_KREISSTADT),
    ("Radebeul", "14627210", Kind.GROSSE_KREISSTADT),
    ("Coswig", "14627010", Kind.GROSSE_KREISSTADT),
    ("Großenhain", "14627060", Kind.GROSSE_KREISSTADT),
    ("Pirna", "14628270", Kind.GROSSE_KREISSTADT),
    ("Freital", "14628110", Kind.GROSSE_KREISSTADT),
    ("Sebnitz", "14628360", Kind.GROSSE_KREISSTADT),
    ("Dippoldiswalde", "14628060", Kind.GROSSE_KREISSTADT),
    ("Heidenau", "14628160", Kind.STADT),
    ("Borna", "14729050", Kind.GROSSE_KREISSTADT),
    ("Grimma", "14729160", Kind.GROSSE_KREISSTADT),
    ("Markkleeberg", "14729260", Kind.GROSSE_KREISSTADT),
    ("Wurzen", "14729410", Kind.GROSSE_KREISSTADT),
    ("Delitzsch", "14730070", Kind.GROSSE_KREISSTADT),
    ("Torgau", "14730310", Kind.GROSSE_KREISSTADT),
    ("Eilenburg", "14730110", Kind.GROSSE_KREISSTADT),
    ("Oschatz", "14730230", Kind.GROSSE_KREISSTADT),
    ("Schkeuditz", "14730270", Kind.GROSSE_KREISSTADT),
]

WEBSITES = {
    "14511000": "https://www.chemnitz.de",
    "14612000": "https://www.dresden.de",
    "14713000": "https://www.leipzig.de",
}

# Invented for the demo: eight model municipalities, and the security analyses.
MODEL_MUNICIPALITIES = {
    "14626110": "2016-03-01",  # Görlitz
    "14625020": "2016-03-01",  # Bautzen
    "14628270": "2016-09-01",  # Pirna
    "14522180": "2016-09-01",  # Freiberg
    "14523320": "2017-01-15",  # Plauen
    "14524330": "2017-01-15",  # Zwickau
    "14730070": "2017-06-01",  # Delitzsch
    "14713000": "2016-03-01",  # Leipzig
}
OTHER_MEMBERS_SINCE = {
    "14612000": "2018-04-01",  # Dresden
    "14511000": "2018-04-01",  # Chemnitz
    "14626610": "2019-02-01",  # Zittau
    "14627230": "2019-10-01",  # Riesa
    "14522080": "2020-05-01",  # Döbeln
    "14729260": "2021-01-01",  # Markkleeberg
    "14730310": "2021-01-01",  # Torgau
    "14521020": "2022-03-01",  # Annaberg-Buchholz
}
# Demo members joined when their municipality did; the people of the
# partner organisations (and of other municipalities) when ASSKomm started.
NETWORK_STARTED = "2016-03-01"
SECURITY_ANALYSES = {
    "14626610": 2019,  # Zittau
    "14627230": 2019,  # Riesa
    "14522080": 2020,  # Döbeln
    "14729260": 2021,  # Markkleeberg
    "14730310": 2021,  # Torgau
    "14521020": 2022,  # Annaberg-Buchholz
}

ORGANISATIONS = [
    # name, short name, kind, website, seat in the working group
    (
        "Sächsischer Städte- und Gemeindetag",
        "SSG",
        Organisation.Kind.ASSOCIATION,
        "https://www.ssg-sachsen.de",
        True,
    ),
    (
        "Sächsischer Landkreistag",
        "SLKT",
        Organisation.Kind.ASSOCIATION,
        "https://www.landkreistag-sachsen.de",
        True,
    ),
    (
        "Liga der Freien Wohlfahrtspflege in Sachsen",
        "Liga",
        Organisation.Kind.WELFARE,
        "",
        True,
    ),
    (
        "Landesamt für Schule und Bildung",
        "LaSuB",
        Organisation.Kind.STATE_AUTHORITY,
        "https://www.lasub.smk.sachsen.de",
        True,
    ),
    (
        "Sächsisches Staatsministerium der Justiz und für Demokratie, Europa und Gleichstellung",
        "SMJusDEG",
        Organisation.Kind.MINISTRY,
        "https://www.justiz.sachsen.de",
        True,
    ),
    ("Aktion Zivilcourage e. V.", "AZ", Organisation.Kind.ASSOCIATION, "", True),
    ("Institut B3 e. V.", "B3", Organisation.Kind.ASSOCIATION, "", True),
    ("Polizei Sachsen", "", Organisation.Kind.POLICE, "https://www.polizei.sachsen.de", True),
    (
        "Landespräventionsrat Sachsen",
        "LPR",
        Organisation.Kind.STATE_AUTHORITY,
        "https://www.lpr.sachsen.de",
        False,
    ),
    (
        "Technische Universität Chemnitz",
        "TU Chemnitz",
        Organisation.Kind.UNIVERSITY,
        "https://www.tu-chemnitz.de",
        False,
    ),
]

# email, first name, last name, title, function, affiliation (AGS or short
# name), listed in the directory, network member
PEOPLE = [
    ("team@example.org", "Katrin", "Berger", "", "ASSKomm-Team", "LPR", False, True),
    (
        "mitglied@example.org",
        "Sandra",
        "Köhler",
        "",
        "Präventionsbeauftragte",
        "14713000",
        True,
        True,
    ),
    (
        "ag@example.org",
        "Thomas",
        "Richter",
        "",
        "Sachgebietsleiter Kommunale Prävention",
        "14626110",
        True,
        True,
    ),
    ("bewerberin@example.org", "Julia", "Neumann", "", "", None, False, False),
    (
        "m.wagner@example.org",
        "Martin",
        "Wagner",
        "",
        "Leiter Ordnungsamt",
        "14625020",
        True,
        True,
    ),
    (
        "s.krause@example.org",
        "Susanne",
        "Krause",
        "Dr.",
        "Referentin für Ordnung und Sicherheit",
        "SSG",
        True,
        True,
    ),
    (
        "j.hoffmann@example.org",
        "Jens",
        "Hoffmann",
        "",
        "Referent Kommunalpolitik",
        "SLKT",
        True,
        True,
    ),
    (
        "a.schulze@example.org",
        "Anja",
        "Schulze",
        "",
        "Fachreferentin Kinder- und Jugendhilfe",
        "Liga",
        True,
        True,
    ),
    (
        "p.zimmermann@example.org",
        "Peter",
        "Zimmermann",
        "",
        "Polizeihauptkommissar, Prävention",
        "Polizei Sachsen",
        True,
        True,
    ),
    (
        "c.fischer@example.org",
        "Claudia",
        "Fischer",
        "",
        "Präventionsbeauftragte",
        "14628270",
        True,
        True,
    ),
    ("r.lange@example.org", "René", "Lange", "", "Sozialplaner", "14522180", False, True),
    (
        "k.weber@example.org",
        "Kerstin",
        "Weber",
        "",
        "Koordinatorin Kriminalprävention",
        "14523320",
        True,
        True,
    ),
    (
        "h.schmidt@example.org",
        "Holger",
        "Schmidt",
        "",
        "Bürgermeister für Ordnung",
        "14524330",
        True,
        True,
    ),
    (
        "l.braun@example.org",
        "Lena",
        "Braun",
        "",
        "Präventionsbeauftragte",
        "14730070",
        True,
        True,
    ),
    (
        "t.vogel@example.org",
        "Tobias",
        "Vogel",
        "",
        "Referent Demokratieförderung",
        "SMJusDEG",
        True,
        True,
    ),
    (
        "m.franke@example.org",
        "Marie",
        "Franke",
        "",
        "Projektleiterin",
        "AZ",
        True,
        True,
    ),
    (
        "u.kaiser@example.org",
        "Uwe",
        "Kaiser",
        "Prof. Dr.",
        "Wissenschaftlicher Leiter",
        "B3",
        False,
        True,
    ),
    (
        "d.meyer@example.org",
        "Daniela",
        "Meyer",
        "",
        "Referentin Schulische Prävention",
        "LaSuB",
        True,
        True,
    ),
    (
        "f.schubert@example.org",
        "Felix",
        "Schubert",
        "",
        "Präventionsrat Zittau, Geschäftsstelle",
        "14626610",
        True,
        True,
    ),
    (
        "n.becker@example.org",
        "Nadine",
        "Becker",
        "",
        "Koordinatorin Kommunaler Präventionsrat",
        "14713000",
        True,
        True,
    ),
    (
        "s.lorenz@example.org",
        "Stefan",
        "Lorenz",
        "",
        "Streetworker, Stadtverwaltung",
        "14626110",
        True,
        True,
    ),
    (
        "k.hartmann@example.org",
        "Kathrin",
        "Hartmann",
        "",
        "Polizeioberkommissarin, Bürgerpolizei",
        "Polizei Sachsen",
        False,
        True,
    ),
    (
        "b.wolf@example.org",
        "Birgit",
        "Wolf",
        "",
        "Sachbearbeiterin Sicherheit",
        "14627230",
        True,
        True,
    ),
]

# seat holder (AGS or short name) -> (delegate, deputy)
SEATS = {
    "14626110": ("ag@example.org", "s.lorenz@example.org"),
    "14625020": ("m.wagner@example.org", None),
    "14628270": ("c.fischer@example.org", None),
    "14522180": ("r.lange@example.org", None),
    "14523320": ("k.weber@example.org", None),
    "14524330": ("h.schmidt@example.org", None),
    "14730070": ("l.braun@example.org", None),
    "14713000": ("n.becker@example.org", None),
    "SSG": ("s.krause@example.org", None),  # deputy vacant
    "SLKT": ("j.hoffmann@example.org", None),
    "Liga": ("a.schulze@example.org", None),
    "LaSuB": ("d.meyer@example.org", None),
    "SMJusDEG": ("t.vogel@example.org", None),
    "AZ": ("m.franke@example.org", None),
    "B3": ("u.kaiser@example.org", None),
    "Polizei Sachsen": ("p.zimmermann@example.org", "k.hartmann@example.org"),
}

LOGINS = [
    ("team@example.org", "staff, superuser"),
    ("mitglied@example.org", "member, Stadt Leipzig, listed in the directory"),
    ("ag@example.org", "member, delegate in the working group (Görlitz)"),
    ("bewerberin@example.org", "applicant, not a member"),
]


def seed():
    municipalities = _seed_municipalities()
    organisations = _seed_organisations()
    people = _seed_people(municipalities, organisations)
    _seed_seats(municipalities, organisations, people)
    _seed_expertise(people)
    _seed_contacts(municipalities, people)


def _seed_municipalities():
    entries = [
        (
            kreis.name,
            key + ags_rules.KREIS_SUFFIX,
            Kind.KREISFREIE_STADT if kreis.kreisfrei else Kind.LANDKREIS,
        )
        for key, kreis in ags_rules.KREISE.items()
    ] + TOWNS
    municipalities = {}
    for name, ags, kind in entries:
        member_since = MODEL_MUNICIPALITIES.get(ags) or OTHER_MEMBERS_SINCE.get(ags)
        municipalities[ags], _created = Municipality.objects.update_or_create(
            ags=ags,
            defaults={
                "name": name,
                "kind": kind,
                "website": WEBSITES.get(ags, ""),
                "is_model_municipality": ags in MODEL_MUNICIPALITIES,
                "member_since": member_since,
                "security_analysis_year": SECURITY_ANALYSES.get(ags),
            },
        )
    return municipalities


def _seed_organisations():
    organisations = {}
    for name, short_name, kind, website, _seat in ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            name=name, defaults={"short_name": short_name, "kind": kind, "website": website}
        )
        organisations[short_name or name] = organisation
    return organisations


def _seed_people(municipalities, organisations):
    password = make_password(DEMO_PASSWORD)
    member_group = roles.member_group()
    team_group = roles.team_group()
    people = {}
    for email, first, last, title, function, affiliation, listed, member in PEOPLE:
        is_team = email == "team@example.org"
        fields = {
            "first_name": first,
            "last_name": last,
            "title": title,
            "function": function,
            "municipality": municipalities.get(affiliation),
            "organisation": organisations.get(affiliation),
            "listed_in_directory": listed,
            "is_staff": is_team,
            "is_superuser": is_team,
        }
        if member and not is_team:
            fields["date_joined"] = _joined(affiliation)
        user = demo_account(email, password=password, **fields)
        if member:
            user.groups.add(member_group)
        if is_team:
            user.groups.add(team_group)
            demo_two_factor(user)
        people[email] = user
    return people


def _joined(affiliation):
    since = (
        MODEL_MUNICIPALITIES.get(affiliation)
        or OTHER_MEMBERS_SINCE.get(affiliation)
        or NETWORK_STARTED
    )
    return timezone.make_aware(datetime.fromisoformat(since).replace(hour=9))


def demo_account(email, *, password=None, **fields):
    """A demo login with a verified address and the demo password. The
    password is set only when the account is created, so that a second
    run changes nothing."""
    password = password or make_password(DEMO_PASSWORD)
    user, _created = User.objects.update_or_create(
        email=email, defaults=fields, create_defaults={**fields, "password": password}
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def demo_two_factor(user):
    """Staff need two-factor authentication for the admin: the demo staff
    get an authenticator app with the published ``DEMO_TOTP_SECRET``."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


def current_totp_code(secret=DEMO_TOTP_SECRET):
    """The code an authenticator app with ``secret`` shows right now."""
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def _seed_seats(municipalities, organisations, people):
    for holder, (delegate, deputy) in SEATS.items():
        municipality = municipalities.get(holder)
        organisation = organisations.get(holder)
        lookup = {"municipality": municipality} if municipality else {"organisation": organisation}
        WorkingGroupSeat.objects.update_or_create(
            **lookup,
            defaults={"delegate": people.get(delegate), "deputy": people.get(deputy)},
        )


# email: topic slugs (asskomm/demo.py), keywords, profile text
EXPERTISE = {
    "mitglied@example.org": (
        ["oeffentlicher-raum", "praeventionsraete"],
        "Kommunaler Präventionsrat, Sicherheitsbegehungen, Waffenverbotszone",
        "Ich koordiniere den Kommunalen Präventionsrat der Stadt Leipzig.\n"
        "Gern teile ich unsere Erfahrungen mit Sicherheitsbegehungen in den Stadtteilen.",
    ),
    "ag@example.org": (
        ["staedtebau", "buergerbeteiligung"],
        "Beleuchtung, Angsträume, Bürgerbefragung",
        "Städtebauliche Kriminalprävention in der Altstadt und an der Neiße.",
    ),
    "a.schulze@example.org": (
        ["jugend", "sucht"],
        "Streetwork, Jugendclubs, Suchtprävention",
        "",
    ),
}


def _seed_expertise(people):
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for email, (slugs, keywords, text) in EXPERTISE.items():
        user = people[email]
        user.expertise_keywords = keywords
        user.profile_text = text
        user.save(update_fields=["expertise_keywords", "profile_text"])
        user.expertise_topics.set([topics[slug] for slug in slugs if slug in topics])


def _seed_contacts(municipalities, people):
    """Three entries of the team's contact log; one follow-up is due. The
    dates are set on the first run and stay as they are afterwards."""
    today = timezone.localdate()
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    entries = [
        (
            "14628270",  # Pirna
            MunicipalityContact.Kind.VISIT,
            "praeventionsraete",
            "Gespräch mit dem Oberbürgermeister über die Gründung eines Präventionsrats.",
            today - timedelta(days=30),
            today - timedelta(days=2),
        ),
        (
            "14625020",  # Bautzen
            MunicipalityContact.Kind.CALL,
            "oeffentlicher-raum",
            "Rückfrage zur Sicherheitsanalyse am Bahnhof.",
            today - timedelta(days=10),
            today + timedelta(days=20),
        ),
        (
            "14713000",  # Leipzig
            MunicipalityContact.Kind.EMAIL,
            None,
            "Unterlagen zur AG-Sitzung verschickt.",
            today - timedelta(days=5),
            None,
        ),
    ]
    for ags, kind, slug, note, date, follow_up_on in entries:
        MunicipalityContact.objects.get_or_create(
            municipality=municipalities[ags],
            kind=kind,
            note=note,
            defaults={
                "date": date,
                "topic": topics.get(slug),
                "follow_up_on": follow_up_on,
                "staff_member": people["team@example.org"],
            },
        )
