"""The benchmark's data set, written with bulk inserts.

``generate(scale=1)`` writes the 1× data set of issue 13 into the current
database (which ``migrate`` has prepared and which is otherwise empty):
420 municipalities, 3,000 people, 1,000 events, 30,000 registrations,
40 cohorts with 2,000 applications, and the knowledge store – library
resources, good-practice projects, security analyses, questions and
answers, news, the working group's records – then the search index.
``scale`` multiplies the people and every record; the municipalities stay
420 (Saxony has 418) and the organisations, topics, programmes and the
working group's seats stay as they are.

Deterministic for a seed and a ``now``. Signals are bypassed (bulk
inserts); the search index is built in bulk at the end, as
``search.index.rebuild`` would write it.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from asskomm.models import Topic
from events.models import Event, EventDocument, Registration
from exchange.models import Answer, Question
from library.models import Resource
from members import ags as ags_rules
from members import roles
from members.models import Municipality, Organisation, User, WorkingGroupSeat
from news.models import News
from projects.models import Project, Recommendation, SecurityAnalysis
from search.index import entry_values, write_levels
from search.models import SearchEntry
from search.registry import registry
from training.consent import CONSENT_TEXT_VERSION
from training.models import (
    Application,
    Cohort,
    CohortSession,
    Module,
    Programme,
    ProjectTeam,
    Review,
    StatusChange,
    first_friday_of_september,
)
from working_group.models import ActionItem, Decision, Minutes

# The 1× sizes the issue names, and those it leaves to us (the knowledge store).
BASE = {
    "users": 3000,
    "events": 1000,
    "registrations": 30000,
    "cohorts": 40,
    "applications": 2000,
    "resources": 600,
    "projects": 300,
    "analyses": 60,
    "questions": 400,
    "answers": 1200,
    "news": 100,
}
MUNICIPALITIES = 420
STAFF = 5
# Enough people at any scale for the working group's seats (two each).
MIN_USERS = 100
# An open cohort, one in selection and older ones, at any scale.
MIN_COHORTS = 4
BATCH = 2000

PASSWORD = "bench-Passwort-13"  # noqa: S105 - the generated accounts' password
MEMBER_EMAIL = "bench-member@example.org"
STAFF_EMAIL = "bench-staff@example.org"
APPLICANT_EMAIL = "bench-applicant@example.org"
# A word the generated texts use often, so that the search finds something.
SEARCH_TERM = "Jugendschutz"
PROGRAMME_SLUG = "beccaria"

TOPICS = [
    ("Öffentlicher Raum", "oeffentlicher-raum"),
    ("Jugend", "jugend"),
    ("Extremismus", "extremismus"),
    ("Häusliche Gewalt", "haeusliche-gewalt"),
    ("Sucht", "sucht"),
    ("Einbruchschutz", "einbruchschutz"),
    ("Sicherheitsgefühl", "sicherheitsgefuehl"),
    ("Cybercrime", "cybercrime"),
    ("Seniorinnen und Senioren", "senioren"),
    ("Städtebau", "staedtebau"),
    ("Schule", "schule"),
    ("Integration", "integration"),
]
PARTNERS = [
    ("Sächsischer Städte- und Gemeindetag", "SSG", Organisation.Kind.ASSOCIATION),
    ("Sächsischer Landkreistag", "SLKT", Organisation.Kind.ASSOCIATION),
    ("Liga der Freien Wohlfahrtspflege in Sachsen", "Liga", Organisation.Kind.WELFARE),
    ("Landesamt für Schule und Bildung", "LaSuB", Organisation.Kind.STATE_AUTHORITY),
    (
        "Sächsisches Staatsministerium der Justiz und für Demokratie, Europa und Gleichstellung",
        "SMJusDEG",
        Organisation.Kind.MINISTRY,
    ),
    ("Aktion Zivilcourage e. V.", "AZ", Organisation.Kind.ASSOCIATION),
    ("Institut B3 e. V.", "B3", Organisation.Kind.ASSOCIATION),
    ("Polizei Sachsen", "Polizei", Organisation.Kind.POLICE),
]
ORGANISATIONS = 30
SYLLABLES_START = ["Nieder", "Ober", "Alt", "Neu", "Groß", "Klein", "Hohen", "Mittel", "Bad ", ""]
SYLLABLES_MIDDLE = ["bach", "wald", "stein", "berg", "hain", "mühl", "lichten", "rosen", "eich"]
SYLLABLES_END = ["dorf", "au", "witz", "thal", "feld", "stadt", "hausen", "grün", "ritz", "a"]
FIRST_NAMES = [
    "Anna", "Maria", "Julia", "Katrin", "Susanne", "Sabine", "Claudia", "Petra", "Laura",
    "Lena", "Thomas", "Michael", "Andreas", "Stefan", "Frank", "Jens", "Uwe", "Tobias",
    "Martin", "Sebastian", "Paul", "Felix", "Heike", "Kerstin",
]  # fmt: skip
LAST_NAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz",
    "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Lehmann", "Krause", "Lorenz",
    "Seidel", "Kühn", "Böhme", "Günther", "Förster", "Ullrich",
]  # fmt: skip
FUNCTIONS = [
    "Präventionsbeauftragte", "Sachgebietsleiter Ordnungsamt", "Streetworkerin",
    "Polizeihauptkommissar", "Jugendamtsleiterin", "Bürgermeister", "Sozialarbeiter",
    "Referentin Kriminalprävention", "Gleichstellungsbeauftragte", "Stadtplaner",
]  # fmt: skip
WORDS = [
    "Prävention", "Kommune", "Sicherheit", "Netzwerk", SEARCH_TERM, "Beteiligung",
    "Sozialraum", "Polizei", "Quartier", "Jugendarbeit", "Streetwork", "Schulsozialarbeit",
    "Konzept", "Evaluation", "Projekt", "Förderung", "Nachbarschaft", "Gewaltprävention",
    "Suchtprävention", "Ordnungsamt", "Videoschutz", "Beleuchtung", "Sauberkeit",
    "Vandalismus", "Ehrenamt", "Senioren", "Integration", "Demokratie", "Zivilcourage",
    "Einbruch", "Sicherheitsgefühl", "Befragung", "Lagebild", "Handlungsempfehlung",
    "Arbeitsgruppe", "Fachtag", "Workshop", "Austausch", "Erfahrung", "Strategie",
    "Verwaltung", "Landkreis", "Bürgerschaft", "Kooperation", "Maßnahme", "Zielgruppe",
]  # fmt: skip
EVENT_KINDS = [
    (Event.Kind.REGIONAL_MEETING, 40),
    (Event.Kind.WORKING_GROUP, 5),
    (Event.Kind.FACHTAG, 3),
    (Event.Kind.WORKSHOP, 20),
    (Event.Kind.ALUMNI_MEETING, 7),
    (Event.Kind.OTHER, 25),
]
REGIONS = [Event.Region.CHEMNITZ, Event.Region.DRESDEN, Event.Region.LEIPZIG]


def scaled(name, scale):
    """The number of ``name`` records at ``scale`` (at least one)."""
    return max(1, round(BASE[name] * scale))


@dataclass
class Result:
    """What ``generate`` wrote: the counts per kind of row, and the
    identities the key pages and the load need."""

    scale: float
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0


class Generator:
    def __init__(self, *, scale, seed, now):
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        self.now = now
        self.counts = {}
        self.password = make_password(PASSWORD)  # hashed once, shared by every account

    # helpers

    def bulk(self, model, objects, key=None):
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        label = key or model._meta.label_lower
        self.counts[label] = self.counts.get(label, 0) + len(created)
        return created

    def text(self, words):
        return " ".join(self.rng.choice(WORDS) for _ in range(words))

    def title(self, prefix=""):
        words = self.rng.sample(WORDS, 3)
        return f"{prefix}{words[0]} und {words[1]}: {words[2]}".strip()

    def moment(self, start, end):
        span = (end - start).total_seconds()
        return start + timedelta(seconds=int(self.rng.random() * span))

    # the data

    def run(self):
        self.groups()
        self.topics_and_organisations()
        self.municipalities()
        self.people()
        self.working_group_seats()
        self.events()
        self.registrations()
        self.documents()
        self.training()
        self.knowledge_store()
        self.working_group_records()
        return self.counts

    def groups(self):
        roles.ensure_roles()
        self.member_group = Group.objects.get(name=roles.MEMBER_GROUP)
        self.team_group = Group.objects.get(name=roles.TEAM_GROUP)

    def topics_and_organisations(self):
        self.topic_ids = [
            topic.pk
            for topic in self.bulk(
                Topic,
                [Topic(name=name, slug=slug, description=self.text(12)) for name, slug in TOPICS],
            )
        ]
        organisations = [
            Organisation(name=name, short_name=short, kind=kind) for name, short, kind in PARTNERS
        ]
        kinds = [Organisation.Kind.WELFARE, Organisation.Kind.ASSOCIATION, Organisation.Kind.OTHER]
        for number in range(len(PARTNERS), ORGANISATIONS):
            organisations.append(
                Organisation(
                    name=f"{self.rng.choice(WORDS)}verein {number} e. V.",
                    short_name=f"V{number}",
                    kind=self.rng.choice(kinds),
                )
            )
        self.organisations = self.bulk(Organisation, organisations)
        self.organisation_ids = [organisation.pk for organisation in self.organisations]

    def municipalities(self):
        records = []
        for key, kreis in ags_rules.KREISE.items():
            kind = (
                Municipality.Kind.KREISFREIE_STADT
                if kreis.kreisfrei
                else Municipality.Kind.LANDKREIS
            )
            records.append(Municipality(name=kreis.name, ags=key + "000", kind=kind))
        landkreise = [key for key, kreis in ags_rules.KREISE.items() if not kreis.kreisfrei]
        used = set()
        while len(records) < MUNICIPALITIES:
            kreis = self.rng.choice(landkreise)
            ags = f"{kreis}{self.rng.randint(1, 999):03d}"
            if ags in used:
                continue
            used.add(ags)
            name = (
                self.rng.choice(SYLLABLES_START)
                + self.rng.choice(SYLLABLES_MIDDLE)
                + self.rng.choice(SYLLABLES_END)
            ).strip()
            kind = self.rng.choices(
                [
                    Municipality.Kind.GEMEINDE,
                    Municipality.Kind.STADT,
                    Municipality.Kind.GROSSE_KREISSTADT,
                ],
                weights=[60, 28, 12],
            )[0]
            records.append(Municipality(name=name.capitalize(), ags=ags, kind=kind))
        for index, municipality in enumerate(records):
            if self.rng.random() < 0.6:
                municipality.member_since = date(2015, 1, 1) + timedelta(
                    days=self.rng.randint(0, 3500)
                )
            if self.rng.random() < 0.08:
                municipality.security_analysis_year = self.rng.randint(2016, 2025)
            municipality.is_model_municipality = 13 <= index < 21
            municipality.website = f"https://www.gemeinde-{index}.example.org"
        self.municipalities_ = self.bulk(Municipality, records)
        self.municipality_ids = [municipality.pk for municipality in self.municipalities_]
        self.model_municipality_ids = [
            municipality.pk
            for municipality in self.municipalities_
            if municipality.is_model_municipality
        ]

    def people(self):
        count = max(scaled("users", self.scale), MIN_USERS)
        people = []
        # The big cities have most people: a weight per municipality.
        weights = [
            20 if m.kind == Municipality.Kind.KREISFREIE_STADT else 1 for m in self.municipalities_
        ]
        for number in range(count):
            person = User(
                email=f"person{number}@bench.example.org",
                password=self.password,
                salutation=self.rng.choice(["ms", "mr"]),
                first_name=self.rng.choice(FIRST_NAMES),
                last_name=self.rng.choice(LAST_NAMES),
                function=self.rng.choice(FUNCTIONS),
                phone=f"0351 {self.rng.randint(100000, 999999)}",
                listed_in_directory=self.rng.random() < 0.4,
                expertise_keywords=", ".join(self.rng.sample(WORDS, 2)),
                date_joined=self.now - timedelta(days=self.rng.randint(1, 3650)),
            )
            place = self.rng.random()
            if place < 0.75:
                person.municipality_id = self.rng.choices(self.municipality_ids, weights)[0]
            elif place < 0.95:
                person.organisation_id = self.rng.choice(self.organisation_ids)
            people.append(person)
        # The named accounts the key pages are requested as.
        people[0].email = MEMBER_EMAIL
        people[0].municipality_id = self.model_municipality_ids[0]
        people[0].organisation_id = None
        people[0].listed_in_directory = True
        people[1].email = APPLICANT_EMAIL
        people[2].email = STAFF_EMAIL
        for person in people[2 : 2 + STAFF]:
            person.is_staff = True
        self.people_ = self.bulk(User, people)
        self.member = self.people_[0]
        self.staff = self.people_[2 : 2 + STAFF]
        self.staff_ids = [person.pk for person in self.staff]
        self.bulk(
            EmailAddress,
            [
                EmailAddress(user_id=person.pk, email=person.email, verified=True, primary=True)
                for person in self.people_
            ],
        )
        # Four in five are network members; the rest applicants.
        self.member_ids = [self.member.pk] + [
            person.pk for person in self.people_[2 + STAFF :] if self.rng.random() < 0.8
        ]
        self.applicant_ids = sorted(
            {person.pk for person in self.people_} - set(self.member_ids) - set(self.staff_ids)
        )
        self.member_of = {person.pk: person for person in self.people_}
        through = User.groups.through
        self.bulk(
            through,
            [through(user_id=pk, group_id=self.member_group.pk) for pk in self.member_ids]
            + [through(user_id=pk, group_id=self.team_group.pk) for pk in self.staff_ids],
            key="members.user_groups",
        )
        topic_through = User.expertise_topics.through
        self.bulk(
            topic_through,
            [
                topic_through(user_id=pk, topic_id=topic)
                for pk in self.member_ids[::3]
                for topic in self.rng.sample(self.topic_ids, 2)
            ],
            key="members.user_expertise_topics",
        )
        for person in self.staff:
            TOTP.activate(person, "ASSKOMMBENCHZWEIFAKTORGEHEIMNIS2")  # noqa: S106

    def working_group_seats(self):
        seats = []
        holders = [{"municipality_id": pk} for pk in self.model_municipality_ids] + [
            {"organisation_id": organisation.pk}
            for organisation in self.organisations[: len(PARTNERS)]
        ]
        people = self.rng.sample(self.member_ids[1:], 2 * len(holders))
        for index, holder in enumerate(holders):
            seats.append(
                WorkingGroupSeat(
                    delegate_id=people[2 * index], deputy_id=people[2 * index + 1], **holder
                )
            )
        seats[0].delegate_id = self.member.pk  # the bench member sits in the working group
        self.seats = self.bulk(WorkingGroupSeat, seats)
        self.working_group_ids = [seat.delegate_id for seat in self.seats] + [
            seat.deputy_id for seat in self.seats
        ]

    def events(self):
        count = scaled("events", self.scale)
        first = self.now - timedelta(days=10 * 365)
        last = self.now + timedelta(days=365)
        kinds, weights = zip(*EVENT_KINDS, strict=True)
        events = []
        for number in range(count):
            kind = self.rng.choices(kinds, weights)[0]
            starts_at = self.moment(first, last).replace(minute=0, second=0, microsecond=0)
            region = self.rng.choice(REGIONS)
            if kind == Event.Kind.WORKING_GROUP:
                audience, region = Event.Audience.WORKING_GROUP, Event.Region.STATEWIDE
            elif kind == Event.Kind.ALUMNI_MEETING:
                audience = Event.Audience.ALUMNI
            elif kind == Event.Kind.FACHTAG:
                audience, region = Event.Audience.PUBLIC, Event.Region.STATEWIDE
            elif kind == Event.Kind.WORKSHOP:
                audience = self.rng.choice([Event.Audience.INVITED, Event.Audience.MEMBERS])
            else:
                audience = self.rng.choice([Event.Audience.PUBLIC, Event.Audience.MEMBERS])
            status = self.rng.choices(
                [Event.Status.PUBLISHED, Event.Status.CANCELLED, Event.Status.DRAFT], [93, 4, 3]
            )[0]
            title = self.title(prefix=f"{Event.Kind(kind).label}: ")
            online = self.rng.random() < 0.2
            events.append(
                Event(
                    title=title[:200],
                    slug=f"{slugify(title)[:150]}-{number}",
                    kind=kind,
                    description="\n\n".join(self.text(40) for _ in range(3)),
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=self.rng.choice([2, 3, 6, 8])),
                    venue_name="" if online else f"Rathaus {self.rng.choice(SYLLABLES_MIDDLE)}",
                    venue_address="" if online else f"Markt {number % 40 + 1}\n01067 Dresden",
                    online_url=f"https://meet.example.org/{number}" if online else "",
                    region=region,
                    organiser_id=self.rng.choice(self.organisation_ids),
                    audience=audience,
                    capacity=self.rng.choice([None, None, 20, 30, 40, 60, 80, 120]),
                    status=status,
                )
            )
        # At any scale a coming public event, for the key pages.
        events[0].kind, events[0].audience = Event.Kind.FACHTAG, Event.Audience.PUBLIC
        events[0].status, events[0].region = Event.Status.PUBLISHED, Event.Region.STATEWIDE
        events[0].starts_at = (self.now + timedelta(days=40)).replace(minute=0, second=0)
        events[0].ends_at = events[0].starts_at + timedelta(hours=7)
        self.events_ = self.bulk(Event, events)
        invited = Event.invited_municipalities.through
        rows = []
        for event in self.events_:
            if event.audience == Event.Audience.INVITED:
                chosen = set(self.rng.sample(self.municipality_ids, 5))
                if self.rng.random() < 0.3:
                    chosen.add(self.member.municipality_id)
                rows += [invited(event_id=event.pk, municipality_id=pk) for pk in chosen]
        self.bulk(invited, rows, key="events.event_invited_municipalities")
        topics = Event.topics.through
        self.bulk(
            topics,
            [
                topics(event_id=event.pk, topic_id=topic)
                for event in self.events_
                for topic in self.rng.sample(self.topic_ids, self.rng.randint(1, 3))
            ],
            key="events.event_topics",
        )

    def _member_may_see(self, event):
        return event.status != Event.Status.DRAFT and event.audience != Event.Audience.ALUMNI

    def registrations(self):
        target = scaled("registrations", self.scale)
        open_events = [event for event in self.events_ if event.status != Event.Status.DRAFT]
        # The bench member takes part as the average person does: ten events.
        seen = [event.pk for event in open_events if self._member_may_see(event)]
        own = set(self.rng.sample(seen, min(10, len(seen))))
        weights = [event.capacity or 50 for event in open_events]
        per_event = [0] * len(open_events)
        for index in self.rng.choices(range(len(open_events)), weights, k=target - len(own)):
            per_event[index] += 1
        others = self.member_ids[1:]
        rows = []
        for event, count in zip(open_events, per_event, strict=True):
            people = self.rng.sample(others, min(count, len(others)))
            if event.pk in own:
                people.insert(0, self.member.pk)
            confirmed = 0
            past = event.ends_at < self.now
            for index, person in enumerate(people):
                created_at = event.starts_at - timedelta(days=self.rng.randint(1, 60))
                guest = (
                    event.audience == Event.Audience.PUBLIC
                    and index > 0
                    and self.rng.random() < 0.1
                )
                registration = Registration(
                    event_id=event.pk,
                    user_id=None if guest else person,
                    guest_name=f"Gast {index}" if guest else "",
                    guest_email=f"gast{index}-{event.pk}@example.net" if guest else "",
                    created_at=created_at,
                    on_attendee_list=self.rng.random() < 0.5,
                )
                if person != self.member.pk and self.rng.random() < 0.08:
                    registration.status = Registration.Status.CANCELLED
                    registration.cancelled_at = created_at + timedelta(hours=5)
                elif event.capacity is None or confirmed < event.capacity:
                    registration.status = Registration.Status.CONFIRMED
                    registration.attended = past and self.rng.random() < 0.85
                    confirmed += 1
                else:
                    registration.status = Registration.Status.WAITLISTED
                rows.append(registration)
        self.bulk(Registration, rows)

    def documents(self):
        rows = []
        number = 0
        for event in self.events_:
            past = event.ends_at < self.now
            if event.status != Event.Status.PUBLISHED or not past or self.rng.random() > 0.4:
                continue
            kinds = [EventDocument.Kind.AGENDA, EventDocument.Kind.DOCUMENTATION]
            if event.kind == Event.Kind.WORKING_GROUP:
                kinds.append(EventDocument.Kind.MINUTES)
            elif self.rng.random() < 0.5:
                kinds.append(EventDocument.Kind.SLIDES)
            for kind in kinds:
                number += 1
                rows.append(
                    EventDocument(
                        event_id=event.pk,
                        title=f"{EventDocument.Kind(kind).label.capitalize()} {number}",
                        kind=kind,
                        file=f"events/{event.starts_at.year}/bench-{number}.pdf",
                        visibility=self.rng.choice(EventDocument.Visibility.values),
                        file_size=self.rng.randint(20_000, 4_000_000),
                        extracted_text=self.text(120),
                    )
                )
        self.bulk(EventDocument, rows)

    def training(self):
        programmes = [
            Programme(
                name="Beccaria-Qualifizierungsprogramm",
                slug=PROGRAMME_SLUG,
                provider="Landespräventionsrat Sachsen",
                summary="Vier Module an acht Wochenenden; 16 Plätze je Durchgang.",
                description="\n\n".join(self.text(50) for _ in range(3)),
                certificate_title="Fachkraft für Kriminalprävention",
                min_sessions_attended=7,
                position=0,
            )
        ]
        for number, name in enumerate(
            ["Kommunale Präventionsräte", "Sicherheit im Quartier", "Jugendschutz vor Ort"],
            start=1,
        ):
            programmes.append(
                Programme(
                    name=name,
                    slug=slugify(name),
                    provider="Landespräventionsrat Sachsen",
                    summary=self.text(12),
                    description=self.text(80),
                    certificate_title=f"Zertifikat {name}",
                    min_sessions_attended=6,
                    position=number,
                )
            )
        programmes.append(
            Programme(
                name="Studiengang Präventionsmanagement",
                slug="praeventionsmanagement",
                kind=Programme.Kind.EXTERNAL,
                provider="TU Chemnitz",
                summary=self.text(12),
                description=self.text(80),
                external_url="https://www.tu-chemnitz.de/",
                position=9,
            )
        )
        programmes = self.bulk(Programme, programmes)
        network = programmes[:4]
        modules = self.bulk(
            Module,
            [
                Module(programme_id=programme.pk, number=number, title=f"Modul {number}")
                for programme in network
                for number in range(1, 5)
            ],
        )
        modules_of = {
            programme.pk: [m for m in modules if m.programme_id == programme.pk]
            for programme in network
        }
        # Half the cohorts are Beccaria's, the rest spread over the others;
        # two a year per programme, the newest ones still to come.
        count = max(scaled("cohorts", self.scale), MIN_COHORTS)
        per_programme = [count - 3 * (count // 6)] + [count // 6] * 3
        cohorts = []
        this_year = self.now.year
        for programme, number_of_cohorts in zip(network, per_programme, strict=True):
            for index in range(number_of_cohorts):
                age = number_of_cohorts - 1 - index  # 0: the newest
                starts_on = first_friday_of_september(this_year + 1 - age // 2)
                if age % 2:
                    starts_on -= timedelta(days=182)
                if age == 0:
                    status = Cohort.Status.OPEN
                    opens = self.now - timedelta(days=30)
                    closes = self.now + timedelta(days=60)
                elif age == 1:
                    status = Cohort.Status.SELECTION
                    opens = self.now - timedelta(days=120)
                    closes = self.now - timedelta(days=10)
                    starts_on = max(starts_on, self.now.date() + timedelta(days=30))
                else:
                    closes = timezone.make_aware(
                        datetime.combine(starts_on - timedelta(days=60), time(23, 59))
                    )
                    opens = closes - timedelta(days=90)
                    running = starts_on <= self.now.date() < starts_on + timedelta(days=300)
                    status = Cohort.Status.RUNNING if running else Cohort.Status.COMPLETED
                    if starts_on > self.now.date():
                        status = Cohort.Status.PLANNED
                cohorts.append(
                    Cohort(
                        programme_id=programme.pk,
                        number=index + 1,
                        starts_on=starts_on,
                        applications_open_at=opens,
                        applications_close_at=closes,
                        status=status,
                        selection_confirmed_at=(
                            closes + timedelta(days=5)
                            if status in (Cohort.Status.RUNNING, Cohort.Status.COMPLETED)
                            else None
                        ),
                    )
                )
        self.cohorts = self.bulk(Cohort, cohorts)
        self.applications(modules_of)

    def applications(self, modules_of):
        target = scaled("applications", self.scale)
        per_cohort = [0] * len(self.cohorts)
        for index in self.rng.choices(range(len(self.cohorts)), k=target):
            per_cohort[index] += 1
        candidates = self.member_ids[1:] + self.applicant_ids
        beccaria = [c for c in self.cohorts if c.programme_id == self.cohorts[0].programme_id]
        completed = [c for c in beccaria if c.status == Cohort.Status.COMPLETED]
        own = {
            c.pk for c in (completed[-1:] + [c for c in beccaria if c.status == Cohort.Status.OPEN])
        }
        kinds = Application.EmployerKind
        rows = []
        for cohort, count in zip(self.cohorts, per_cohort, strict=True):
            people = self.rng.sample(candidates, min(count, len(candidates)))
            if cohort.pk in own:
                people.insert(0, self.member.pk)
            decided = cohort.status in (Cohort.Status.RUNNING, Cohort.Status.COMPLETED)
            for index, person in enumerate(people):
                kind = self.rng.choices(list(kinds), [50, 20, 5, 20, 5])[0]
                affiliation = self.member_of[person]
                application = Application(
                    cohort_id=cohort.pk,
                    applicant_id=person,
                    employer_name=f"Stadtverwaltung {self.rng.choice(SYLLABLES_MIDDLE)}",
                    employer_kind=kind,
                    municipality_id=affiliation.municipality_id
                    or (
                        self.rng.choice(self.municipality_ids) if kind == kinds.MUNICIPAL else None
                    ),
                    function=affiliation.function or "Sachbearbeiterin",
                    motivation=self.text(40),
                    supervisor_name="Dr. Vorgesetzte",
                    supervisor_email=f"chef{index}@example.net",
                    employer_release_confirmed=True,
                    consent_given_at=cohort.applications_open_at + timedelta(days=1),
                    consent_text_version=CONSENT_TEXT_VERSION,
                    submitted_at=cohort.applications_open_at + timedelta(days=1 + index % 20),
                    status=Application.Status.SUBMITTED,
                )
                if decided:
                    if index < cohort.capacity:
                        application.status = Application.Status.ACCEPTED
                        if cohort.status == Cohort.Status.COMPLETED and (
                            person == self.member.pk or self.rng.random() < 0.85
                        ):
                            application.completed_on = cohort.starts_on + timedelta(days=280)
                            application.listed_in_alumni_directory = self.rng.random() < 0.5
                    else:
                        application.status = self.rng.choice(
                            [Application.Status.REJECTED, Application.Status.WITHDRAWN]
                        )
                rows.append(application)
        applications = self.bulk(Application, rows)
        self.bulk(
            StatusChange,
            [
                StatusChange(
                    application_id=application.pk,
                    to_status=Application.Status.SUBMITTED,
                    changed_at=application.submitted_at,
                )
                for application in applications
            ],
        )
        selection = {c.pk for c in self.cohorts if c.status == Cohort.Status.SELECTION}
        self.bulk(
            Review,
            [
                Review(
                    application_id=application.pk,
                    reviewer_id=reviewer,
                    rating=self.rng.randint(1, 5),
                )
                for application in applications
                if application.cohort_id in selection
                for reviewer in self.rng.sample(self.staff_ids, 2)
            ],
        )
        self.sessions_and_teams(applications, modules_of)

    def sessions_and_teams(self, applications, modules_of):
        sessions = []
        for cohort in self.cohorts:
            for weekend, module in enumerate(modules_of[cohort.programme_id] * 2):
                starts_at = timezone.make_aware(
                    datetime.combine(cohort.starts_on + timedelta(weeks=5 * weekend), time(9))
                )
                sessions.append(
                    CohortSession(
                        cohort_id=cohort.pk,
                        module_id=module.pk,
                        starts_at=starts_at,
                        ends_at=starts_at + timedelta(days=1, hours=7),
                        venue="Bildungszentrum Dresden",
                    )
                )
        sessions = self.bulk(CohortSession, sessions)
        participants = {}
        for application in applications:
            if application.status == Application.Status.ACCEPTED:
                participants.setdefault(application.cohort_id, []).append(application.pk)
        attendees = CohortSession.attendees.through
        rows = []
        for session in sessions:
            if session.starts_at < self.now:
                rows += [
                    attendees(cohortsession_id=session.pk, application_id=pk)
                    for pk in participants.get(session.cohort_id, [])
                    if self.rng.random() < 0.9
                ]
        self.bulk(attendees, rows, key="training.cohortsession_attendees")
        teams = []
        team_members = []
        for cohort in self.cohorts:
            people = participants.get(cohort.pk, [])
            for number in range(len(people) // 4):
                teams.append(
                    ProjectTeam(
                        cohort_id=cohort.pk,
                        title=f"Projekt {number + 1}: {self.title()}"[:200],
                        municipality_id=self.rng.choice(self.municipality_ids),
                        description=self.text(40),
                        status=(
                            ProjectTeam.Status.IMPLEMENTED
                            if cohort.status == Cohort.Status.COMPLETED and self.rng.random() < 0.6
                            else ProjectTeam.Status.IN_PROGRESS
                        ),
                    )
                )
                team_members.append(people[4 * number : 4 * number + 4])
        teams = self.bulk(ProjectTeam, teams)
        through = ProjectTeam.members.through
        self.bulk(
            through,
            [
                through(projectteam_id=team.pk, application_id=pk)
                for team, members in zip(teams, team_members, strict=True)
                for pk in members
            ],
            key="training.projectteam_members",
        )

    def knowledge_store(self):
        resources = []
        for number in range(scaled("resources", self.scale)):
            has_file = self.rng.random() < 0.7
            publisher = self.rng.random()
            resources.append(
                Resource(
                    title=self.title()[:200],
                    summary=self.text(30),
                    kind=self.rng.choice(Resource.Kind.values),
                    file=f"library/2024/bench-{number}.pdf" if has_file else "",
                    external_url="" if has_file else f"https://www.example.org/studie/{number}",
                    published_on=self.now.date() - timedelta(days=self.rng.randint(0, 3650)),
                    publisher_organisation_id=(
                        self.rng.choice(self.organisation_ids) if publisher < 0.5 else None
                    ),
                    publisher_municipality_id=(
                        self.rng.choice(self.municipality_ids) if publisher > 0.8 else None
                    ),
                    audience=self.rng.choices(
                        [
                            Resource.Audience.PUBLIC,
                            Resource.Audience.MEMBERS,
                            Resource.Audience.WORKING_GROUP,
                        ],
                        [40, 50, 10],
                    )[0],
                    file_size=self.rng.randint(20_000, 4_000_000) if has_file else None,
                    extracted_text=self.text(150) if has_file else "",
                    uploaded_by_id=self.rng.choice(self.staff_ids),
                )
            )
        resources = self.bulk(Resource, resources)
        through = Resource.topics.through
        self.bulk(
            through,
            [
                through(resource_id=resource.pk, topic_id=topic)
                for resource in resources
                for topic in self.rng.sample(self.topic_ids, self.rng.randint(1, 3))
            ],
            key="library.resource_topics",
        )
        projects = self.bulk(
            Project,
            [
                Project(
                    title=self.title()[:200],
                    municipality_id=self.rng.choice(self.municipality_ids),
                    goal=self.text(30),
                    approach=self.text(40),
                    partners="Polizei, Schulen, Vereine",
                    status=self.rng.choice(Project.Status.values),
                    results=self.text(20),
                    created_by_id=self.rng.choice(self.member_ids),
                    created_at=self.now - timedelta(days=self.rng.randint(0, 2000)),
                )
                for _ in range(scaled("projects", self.scale))
            ],
        )
        through = Project.topics.through
        self.bulk(
            through,
            [
                through(project_id=project.pk, topic_id=topic)
                for project in projects
                for topic in self.rng.sample(self.topic_ids, 2)
            ],
            key="projects.project_topics",
        )
        pairs = set()
        while len(pairs) < scaled("analyses", self.scale):
            pairs.add((self.rng.choice(self.municipality_ids), self.rng.randint(2012, 2025)))
        analyses = self.bulk(
            SecurityAnalysis,
            [
                SecurityAnalysis(
                    municipality_id=municipality,
                    year=year,
                    conducted_by="Institut B3 e. V. mit dem LPR",
                    summary=self.text(60),
                    shared_with_members=self.rng.random() < 0.5,
                )
                for municipality, year in sorted(pairs)
            ],
        )
        self.bulk(
            Recommendation,
            [
                Recommendation(
                    analysis_id=analysis.pk,
                    title=self.title()[:200],
                    text=self.text(40),
                    topic_id=self.rng.choice(self.topic_ids),
                    priority=self.rng.choice(Recommendation.Priority.values),
                    status=self.rng.choice(Recommendation.Status.values),
                )
                for analysis in analyses
                for _ in range(5)
            ],
        )
        questions = self.bulk(
            Question,
            [
                Question(
                    author_id=self.rng.choice(self.member_ids),
                    title=f"Wie geht Ihre Kommune mit {self.rng.choice(WORDS)} um?",
                    text=self.text(50),
                    region=self.rng.choice(["", *[region.value for region in REGIONS]]),
                    created_at=self.now - timedelta(days=self.rng.randint(0, 1500)),
                    closed=self.rng.random() < 0.2,
                )
                for _ in range(scaled("questions", self.scale))
            ],
        )
        through = Question.topics.through
        self.bulk(
            through,
            [
                through(question_id=question.pk, topic_id=self.rng.choice(self.topic_ids))
                for question in questions
            ],
            key="exchange.question_topics",
        )
        self.bulk(
            Answer,
            [
                Answer(
                    question_id=self.rng.choice(questions).pk,
                    author_id=self.rng.choice(self.member_ids),
                    text=self.text(40),
                    created_at=self.now - timedelta(days=self.rng.randint(0, 1000)),
                )
                for _ in range(scaled("answers", self.scale))
            ],
        )
        self.bulk(
            News,
            [
                News(
                    title=self.title()[:200],
                    text=self.text(80),
                    audience=self.rng.choice(News.Audience.values),
                    publish_from=self.now - timedelta(days=self.rng.randint(0, 2000)),
                    pinned=number < 2,
                    author_id=self.rng.choice(self.staff_ids),
                )
                for number in range(scaled("news", self.scale))
            ],
        )

    def working_group_records(self):
        sessions = sorted(
            (
                event
                for event in self.events_
                if event.kind == Event.Kind.WORKING_GROUP
                and event.status == Event.Status.PUBLISHED
                and event.ends_at < self.now
            ),
            key=lambda event: event.starts_at,
        )
        minutes = []
        following_sessions = [*sessions[1:], None][: len(sessions)]
        for session, following in zip(sessions, following_sessions, strict=True):
            record = Minutes(session_id=session.pk, text=self.text(200))
            if following is not None:
                record.status = Minutes.Status.APPROVED
                record.approved_at_id = following.pk
                record.approved_on = following.starts_at.date()
            minutes.append(record)
        self.bulk(Minutes, minutes)
        self.bulk(
            Decision,
            [
                Decision(
                    session_id=session.pk, title=self.title()[:200], text=self.text(30), order=order
                )
                for session in sessions
                for order in range(2)
            ],
        )
        items = []
        for session in sessions:
            for number in range(3):
                item = ActionItem(
                    session_id=session.pk,
                    title=self.title()[:200],
                    due_on=session.starts_at.date() + timedelta(days=60),
                )
                if number == 0:
                    item.owner_seat_id = self.rng.choice(self.seats).pk
                else:
                    item.owner_person_id = self.rng.choice(self.working_group_ids)
                if item.due_on < self.now.date() and self.rng.random() < 0.8:
                    item.status = ActionItem.Status.DONE
                    item.closed_on = item.due_on
                items.append(item)
        self.bulk(ActionItem, items)


def build_search_index(*, batch_size=BATCH):
    """Writes the whole search index in bulk: the entries that
    ``search.index.rebuild`` writes one by one, with the same values and
    levels (one UPDATE per kind, as there)."""
    SearchEntry.objects.all().delete()
    written = 0
    for entry in registry.searchables.values():
        rows = []
        queryset = entry.indexed_queryset()
        for obj in queryset.iterator(chunk_size=batch_size):
            rows.append(SearchEntry(kind=entry.kind, object_id=obj.pk, **entry_values(entry, obj)))
            if len(rows) >= batch_size:
                SearchEntry.objects.bulk_create(rows)
                written += len(rows)
                rows = []
        SearchEntry.objects.bulk_create(rows)
        written += len(rows)
        write_levels(entry)
    return written


def analyse():
    """Fresh planner statistics and visibility maps, as autovacuum would
    leave them a while after the bulk load: without, PostgreSQL plans for
    empty tables, and cannot answer a count from an index alone."""
    if connection.vendor == "postgresql":
        # VACUUM cannot run inside a transaction (a test's): there, the
        # statistics alone.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(command)


def generate(*, scale=1.0, seed=13, now=None):
    """Writes the data set at ``scale`` into the default database; returns
    the number of rows written per kind."""
    started = timezone.now()
    generator = Generator(scale=scale, seed=seed, now=now or timezone.now())
    with transaction.atomic():
        counts = generator.run()
        counts["search.searchentry"] = build_search_index()
    analyse()
    seconds = (timezone.now() - started).total_seconds()
    return Result(scale=scale, counts=counts, seconds=round(seconds, 1))
