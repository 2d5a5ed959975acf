"""Demo programme of events, for ``manage.py seed_demo``.

Dates are set relative to the day the demo is first loaded, so that there
is always something upcoming; later runs find the events by their slug
and change nothing. The past Fachtag keeps its real date, 23.09.2021.
"""

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from fpdf import FPDF

from asskomm.models import Topic
from events import roles, services
from events.models import (
    Event,
    EventDocument,
    EventFeedback,
    FeedbackGiven,
    RegionalCoordination,
    Registration,
)
from members.demo import SECURITY_ANALYSES, demo_account, demo_two_factor
from members.models import Municipality, Organisation, User

Kind = Event.Kind
Audience = Event.Audience


LOGINS = [("koordination@example.org", "staff: regional coordinator for the region Dresden")]


def seed():
    today = timezone.localdate()
    lpr = Organisation.objects.get(short_name="LPR")
    for spec in _programme(today):
        _event(spec, organiser=lpr)
    _registrations()
    _guests(today)
    _follow_up()
    _coordinator(lpr)


def _coordinator(lpr):
    """A staff member who manages the events of the region Dresden."""
    person = demo_account(
        "koordination@example.org",
        first_name="Robert",
        last_name="Seidel",
        function="Regionalkoordinator Dresden",
        organisation=lpr,
        is_staff=True,
    )
    person.groups.add(roles.coordinator_group())
    demo_two_factor(person)
    RegionalCoordination.objects.get_or_create(user=person, region=Event.Region.DRESDEN)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _next_fachtag(today):
    """The Fachtag is every two years in September (2021, 2023, …)."""
    year = today.year if today.year % 2 == 1 else today.year + 1
    if date(year, 9, 23) <= today:
        year += 2
    return date(year, 9, 23), 2 + (year - 2021) // 2


def half_year(day):
    """What the working group calls a session on ``day``: spring or autumn."""
    return "Frühjahr" if day.month <= 6 else "Herbst"


def working_group_sessions(today):
    """The working group meets every half year, in May and in November:
    the last three sessions and the next one, each with its half year."""
    days = []
    for year in range(today.year - 2, today.year + 2):
        for month in (5, 11):
            day = date(year, month, 14)
            if day.weekday() >= 5:  # a Saturday or Sunday: the Monday after
                day += timedelta(days=7 - day.weekday())
            days.append(day)
    past = [day for day in days if day < today][-3:]
    coming = [day for day in days if day >= today][:1]
    return [(day, half_year(day)) for day in past + coming]


def _programme(today):
    fachtag_day, fachtag_number = _next_fachtag(today)
    workshop_towns = list(SECURITY_ANALYSES)
    return [
        {
            "slug": "vernetzungstreffen-region-leipzig",
            "title": "Regionales Vernetzungstreffen Region Leipzig",
            "kind": Kind.REGIONAL_MEETING,
            "region": Event.Region.LEIPZIG,
            "audience": Audience.MEMBERS,
            "starts_at": _at(today + timedelta(days=20), 10),
            "ends_at": _at(today + timedelta(days=20), 15),
            "venue_name": "Neues Rathaus Leipzig",
            "venue_address": "Martin-Luther-Ring 4–6\n04109 Leipzig",
            "capacity": 40,
            "description": (
                "Akteur*innen der kommunalen Prävention aus der Region Leipzig lernen sich "
                "kennen und tauschen Erfahrungen aus.\n\n"
                "Fachimpuls: Kommunale Präventionsräte wirksam aufstellen."
            ),
        },
        {
            "slug": "vernetzungstreffen-region-chemnitz",
            "title": "Regionales Vernetzungstreffen Region Chemnitz",
            "kind": Kind.REGIONAL_MEETING,
            "region": Event.Region.CHEMNITZ,
            "audience": Audience.MEMBERS,
            "starts_at": _at(today + timedelta(days=35), 10),
            "ends_at": _at(today + timedelta(days=35), 15),
            "venue_name": "Rathaus Freiberg",
            "venue_address": "Obermarkt 24\n09599 Freiberg",
            "capacity": 35,
            "description": (
                "Austausch zu Präventionsarbeit in Mittelsachsen, im Erzgebirge, im Vogtland "
                "und im Landkreis Zwickau.\n\nFachimpuls: Sicherheit im ländlichen Raum."
            ),
        },
        {
            "slug": "vernetzungstreffen-region-dresden",
            "title": "Regionales Vernetzungstreffen Region Dresden",
            "kind": Kind.REGIONAL_MEETING,
            "region": Event.Region.DRESDEN,
            "audience": Audience.MEMBERS,
            "starts_at": _at(today + timedelta(days=50), 10),
            "ends_at": _at(today + timedelta(days=50), 15),
            "venue_name": "Rathaus Pirna",
            "venue_address": "Markt 1\n01796 Pirna",
            "capacity": 30,
            "description": "Erfahrungsaustausch und Fachimpuls: Prävention von Jugendgewalt.",
        },
        {
            "slug": "fachimpuls-sicherheit-oeffentlicher-raum",
            "title": "Fachimpuls: Sicherheit im öffentlichen Raum (Kleingruppe)",
            "kind": Kind.OTHER,
            "region": Event.Region.DRESDEN,
            "audience": Audience.MEMBERS,
            "starts_at": _at(today + timedelta(days=12), 13),
            "ends_at": _at(today + timedelta(days=12), 16),
            "online_url": "https://meet.example.org/asskomm-fachimpuls",
            "capacity": 3,
            "description": "Ein Werkstattgespräch in kleiner Runde – die Plätze sind begrenzt.",
        },
        {
            "slug": "fachimpuls-jugend-am-bahnhof",
            "title": "Fachimpuls: Jugend am Bahnhof",
            "kind": Kind.OTHER,
            "region": Event.Region.LEIPZIG,
            "audience": Audience.MEMBERS,
            "starts_at": _at(today - timedelta(days=40), 14),
            "ends_at": _at(today - timedelta(days=40), 16),
            "online_url": "https://meet.example.org/asskomm-jugend-bahnhof",
            "capacity": 30,
            "description": (
                "Jugendliche treffen sich am Bahnhof: Was Streetwork, Ordnungsamt und "
                "Bundespolizei gemeinsam tun können, berichtet die Mobile Jugendarbeit."
            ),
            "body": (
                "Warum Jugendliche den Bahnhof als Treffpunkt wählen, welche Konflikte "
                "entstehen und wie Kommunen mit ihnen Aufenthaltsorte und Angebote entwickeln."
            ),
        },
        {
            "slug": "workshop-sicherheitsanalysen",
            "title": "Workshop: Handlungsempfehlungen der Sicherheitsanalysen umsetzen",
            "kind": Kind.WORKSHOP,
            "region": Event.Region.STATEWIDE,
            "audience": Audience.INVITED,
            "invited": workshop_towns,
            "starts_at": _at(today + timedelta(days=45), 9, 30),
            "ends_at": _at(today + timedelta(days=45), 16),
            "venue_name": "Landespräventionsrat Sachsen",
            "venue_address": "Dresden",
            "capacity": 24,
            "description": (
                "Nur für die Kommunen, die an einer Sicherheitsanalyse teilgenommen haben: "
                "Sie lernen einander kennen und entwickeln gemeinsam Wege, die "
                "Handlungsempfehlungen umzusetzen."
            ),
        },
        *[
            {
                "slug": f"ag-asskomm-sitzung-{number}",
                "title": f"Sitzung der AG ASSKomm ({label} {day.year})",
                "kind": Kind.WORKING_GROUP,
                "region": Event.Region.STATEWIDE,
                "audience": Audience.WORKING_GROUP,
                "starts_at": _at(day, 10),
                "ends_at": _at(day, 14),
                "venue_name": "Landespräventionsrat Sachsen",
                "venue_address": "Dresden",
                "capacity": None,
                "minutes": day < today,
                "description": "Halbjährliche Sitzung: Stand der Landesstrategie, Berichte.",
            }
            for number, (day, label) in enumerate(working_group_sessions(today), start=1)
        ],
        {
            "slug": "vernetzungstreffen-region-leipzig-2025-jugend-bahnhof",
            "title": "Regionales Vernetzungstreffen Region Leipzig: Jugend am Bahnhof",
            "kind": Kind.REGIONAL_MEETING,
            "region": Event.Region.LEIPZIG,
            "audience": Audience.MEMBERS,
            "starts_at": _at(date(2025, 3, 12), 10),
            "ends_at": _at(date(2025, 3, 12), 15),
            "venue_name": "Rathaus Delitzsch",
            "venue_address": "Markt 3\n04509 Delitzsch",
            "capacity": 30,
            "slides": "Fachimpuls: Jugendliche am Bahnhof, was wirkt?",
            "description": (
                "Jugendliche treffen sich abends am Bahnhof und auf dem Bahnhofsvorplatz; "
                "Anwohnende fühlen sich unsicher. Die Kommunen der Region berichten, was "
                "aufsuchende Jugendarbeit, Ordnungsamt und Polizei gemeinsam erreicht haben."
            ),
        },
        {
            "slug": "2-asskomm-fachtag-2021",
            "title": "2. ASSKomm-Fachtag",
            "kind": Kind.FACHTAG,
            "region": Event.Region.STATEWIDE,
            "audience": Audience.PUBLIC,
            "starts_at": _at(date(2021, 9, 23), 9),
            "ends_at": _at(date(2021, 9, 23), 16),
            "venue_name": "Dresden",
            "capacity": 200,
            "documentation": True,
            "description": (
                "Der landesweite Fachtag aller ASSKomm-Akteur*innen in Sachsen mit "
                "Fachvorträgen und Foren."
            ),
        },
        {
            "slug": f"{fachtag_number}-asskomm-fachtag-{fachtag_day.year}",
            "title": f"{fachtag_number}. ASSKomm-Fachtag",
            "kind": Kind.FACHTAG,
            "region": Event.Region.STATEWIDE,
            "audience": Audience.PUBLIC,
            "starts_at": _at(fachtag_day, 9),
            "ends_at": _at(fachtag_day, 16),
            "venue_name": "Dresden",
            "capacity": 250,
            "registration_opens_at": _at(today - timedelta(days=1), 8),
            "description": (
                "Alle zwei Jahre, im Wechsel mit dem Landespräventionstag: Vorträge, Foren "
                "und Zeit zum Vernetzen für alle ASSKomm-Akteur*innen."
            ),
        },
        {
            "slug": "beccaria-alumni-treffen",
            "title": "Vernetzungstreffen der Beccarianer*innen",
            "kind": Kind.ALUMNI_MEETING,
            "region": Event.Region.STATEWIDE,
            "audience": Audience.ALUMNI,
            "starts_at": _at(today + timedelta(days=70), 16),
            "ends_at": _at(today + timedelta(days=70), 19),
            "venue_name": "Landespräventionsrat Sachsen",
            "venue_address": "Dresden",
            "capacity": 60,
            "description": "Absolvent*innen aller Durchgänge treffen sich zum Austausch.",
        },
    ]


# The topics of the demo events, by the start of their slug.
EVENT_TOPICS = {
    "vernetzungstreffen-region-leipzig": ["praeventionsraete"],
    "vernetzungstreffen-region-chemnitz": ["praeventionsraete", "buergerbeteiligung"],
    "vernetzungstreffen-region-dresden": ["jugend"],
    "fachimpuls-sicherheit-oeffentlicher-raum": ["oeffentlicher-raum", "staedtebau"],
    "fachimpuls-jugend-am-bahnhof": ["jugend", "oeffentlicher-raum"],
    "workshop-sicherheitsanalysen": ["praeventionsraete", "buergerbeteiligung"],
    "ag-asskomm-sitzung": ["praeventionsraete"],
    "2-asskomm-fachtag-2021": ["praeventionsraete", "extremismus", "haeusliche-gewalt"],
    "beccaria-alumni-treffen": ["praeventionsraete"],
}


def _topics_of(slug):
    for start, slugs in EVENT_TOPICS.items():
        if slug.startswith(start):
            return slugs
    return []


def _event(spec, organiser):
    spec = dict(spec)
    invited = spec.pop("invited", [])
    body = spec.pop("body", None)
    minutes = spec.pop("minutes", False)
    documentation = spec.pop("documentation", False)
    slides = spec.pop("slides", None)
    event, created = Event.objects.get_or_create(
        slug=spec.pop("slug"),
        defaults={**spec, "organiser": organiser, "status": Event.Status.PUBLISHED},
    )
    if not event.topics.exists():
        event.topics.set(Topic.objects.filter(slug__in=_topics_of(event.slug)))
    if not created:
        return event
    event.invited_municipalities.set(Municipality.objects.filter(ags__in=invited))
    if minutes:
        _document(event, "Protokoll", EventDocument.Kind.MINUTES)
    if slides:
        _document(event, slides, EventDocument.Kind.SLIDES)
    if documentation:
        _document(
            event, "Dokumentation des Fachtags", EventDocument.Kind.DOCUMENTATION, FACHTAG_2021
        )
        _document(event, "Fachvortrag: Kommunale Kriminalprävention", EventDocument.Kind.SLIDES)
    if body:
        _document(event, "Folien des Fachimpulses", EventDocument.Kind.SLIDES, body)
    return event


FACHTAG_2021 = (
    "Am 23. September 2021 trafen sich in Dresden Akteurinnen und Akteure der kommunalen "
    "Kriminalprävention aus ganz Sachsen zum 2. ASSKomm-Fachtag.\n\n"
    "In den Fachvorträgen ging es um die Ergebnisse der kommunalen Sicherheitsanalysen, um "
    "Extremismusprävention vor Ort und um die Zusammenarbeit gegen häusliche Gewalt.\n\n"
    "In den Foren tauschten sich die Teilnehmenden über Präventionsräte, Beteiligung von "
    "Bürgerinnen und Bürgern und Sicherheit im öffentlichen Raum aus. Viele wünschten sich "
    "mehr Gelegenheiten, voneinander zu lernen - daraus sind die regionalen "
    "Vernetzungstreffen entstanden."
)


def _document(event, title, kind, body="Demo-Dokument des ASSKomm-Portals."):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    day = timezone.localtime(event.starts_at)
    text = f"{title}\n{event.title}\n{day:%d.%m.%Y}\n\n{body}"
    pdf.multi_cell(0, 8, text.replace("–", "-"), new_x="LMARGIN", new_y="NEXT")
    document = EventDocument(event=event, title=title, kind=kind)
    document.file = ContentFile(bytes(pdf.output()), name=f"{event.slug}-{kind}.pdf")
    services.save_document(document=document)


def _registrations():
    """mitglied@example.org is registered for some events; the small one is
    full, with a waiting list."""
    people = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    plan = {
        "vernetzungstreffen-region-leipzig": [
            ("mitglied@example.org", Registration.Status.CONFIRMED),
            ("n.becker@example.org", Registration.Status.CONFIRMED),
            ("l.braun@example.org", Registration.Status.CONFIRMED),
        ],
        "fachimpuls-sicherheit-oeffentlicher-raum": [
            ("c.fischer@example.org", Registration.Status.CONFIRMED),
            ("m.wagner@example.org", Registration.Status.CONFIRMED),
            ("s.lorenz@example.org", Registration.Status.CONFIRMED),
            ("f.schubert@example.org", Registration.Status.WAITLISTED),
            ("mitglied@example.org", Registration.Status.WAITLISTED),
        ],
        "ag-asskomm-sitzung-4": [
            ("ag@example.org", Registration.Status.CONFIRMED),
            ("s.krause@example.org", Registration.Status.CONFIRMED),
        ],
    }
    events = Event.objects.in_bulk(list(plan), field_name="slug")
    for slug, entries in plan.items():
        event = events[slug]
        if event.registrations.exists():
            continue
        for minutes, (email, status) in enumerate(entries):
            Registration.objects.create(
                event=event,
                user=people[email],
                status=status,
                created_at=event.created_at + timedelta(minutes=minutes),
                on_attendee_list=True,
            )


# Guests without an account at the coming Fachtag: name, address, organisation.
DEMO_GUESTS = [
    ("Jana Hoffmann", "j.hoffmann@example.net", "Jugendhilfeverein (Demo)"),
    ("Thomas Richter", "t.richter@example.net", "Polizeirevier (Demo)"),
]


def _guests(today):
    """Two guests have confirmed their place at the coming Fachtag."""
    day, number = _next_fachtag(today)
    event = Event.objects.filter(slug=f"{number}-asskomm-fachtag-{day.year}").first()
    if event is None or event.registrations.guests().exists():
        return
    for minutes, (name, email, organisation) in enumerate(DEMO_GUESTS):
        Registration.objects.create(
            event=event,
            guest_name=name,
            guest_email=email,
            guest_organisation=organisation,
            guest_language="de",
            status=Registration.Status.CONFIRMED,
            created_at=event.created_at + timedelta(minutes=minutes),
        )


# The follow-up of the past Fachimpuls: who attended, their feedback, and
# the documentation. mitglied@example.org attended but has not given
# feedback yet, so the event's page asks them for it.
FOLLOW_UP_EVENT = "fachimpuls-jugend-am-bahnhof"
FOLLOW_UP = [
    ("mitglied@example.org", None, ""),
    (
        "n.becker@example.org",
        EventFeedback.Rating.VERY_GOOD,
        (
            "Sehr praxisnah. Die Beispiele aus der Mobilen Jugendarbeit nehme ich mit in "
            "unseren Präventionsrat."
        ),
    ),
    (
        "l.braun@example.org",
        EventFeedback.Rating.GOOD,
        "Gute Impulse; für die Diskussion hätte ich mir mehr Zeit gewünscht.",
    ),
    ("c.fischer@example.org", EventFeedback.Rating.FAIR, ""),
]


def _follow_up():
    event = Event.objects.get(slug=FOLLOW_UP_EVENT)
    if event.registrations.exists():
        return
    # Before anyone is marked as attended: the demo queues no e-mails.
    _document(
        event,
        "Dokumentation des Fachimpulses",
        EventDocument.Kind.DOCUMENTATION,
        "Zusammenfassung: Jugendliche am Bahnhof brauchen Orte, an denen sie willkommen "
        "sind. Streetwork, Ordnungsamt und Bundespolizei stimmen sich ab.",
    )
    emails = [email for email, _rating, _text in FOLLOW_UP]
    people = User.objects.in_bulk(emails, field_name="email")
    for minutes, (email, rating, text) in enumerate(FOLLOW_UP):
        Registration.objects.create(
            event=event,
            user=people[email],
            status=Registration.Status.CONFIRMED,
            created_at=event.starts_at - timedelta(days=10) + timedelta(minutes=minutes),
            attended=True,
        )
        if rating:
            # As services.give_feedback stores it, on a day of the window.
            FeedbackGiven.objects.create(event=event, user=people[email])
            EventFeedback.objects.create(
                event=event,
                rating=rating,
                text=text,
                created_on=timezone.localdate(event.ends_at) + timedelta(days=2),
            )
