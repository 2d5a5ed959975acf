"""Demo data of training, for ``manage.py seed_demo``.

The Beccaria programme with its four modules and three cohorts, and the
Präventionsmanagement degree of TU Chemnitz as an external programme:

- a completed cohort with alumni and implemented projects (ag@example.org,
  c.fischer@example.org and k.hartmann@example.org are among the alumni;
  mitglied@example.org is not),
- a running cohort with its eight weekends (s.lorenz@example.org and
  b.wolf@example.org take part),
- the next cohort, open for applications, with 30 applications of all kinds
  of employers waiting for the selection; bewerberin@example.org is one,
- the cohorts 2014 to 2016, imported from the example spreadsheet of the
  alumni import (training/samples/); a.seidel@example.org and
  s.kuehn@example.org have claimed their entries and are listed.

Cohorts start on the first Friday of September; the 9th started in 2022, so
a cohort's number is its year minus 2013. The years and the application
window are chosen on the day of the first seeding, so that the next cohort
is open for applications then, and never change afterwards: a second run
finds the cohorts and changes nothing. Everything else is invented.
"""

from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from asskomm.models import Topic
from members.demo import DEMO_PASSWORD
from members.models import Municipality, User
from training import alumni_import, services
from training.consent import CONSENT_TEXT_VERSION
from training.models import (
    Application,
    Cohort,
    CohortSession,
    Module,
    Programme,
    ProjectTeam,
    StatusChange,
    cohort_number_of_year,
    first_friday_of_september,
)

Kind = Application.EmployerKind
Status = Application.Status

TEAM_EMAIL = "team@example.org"

LOGINS = [
    ("ag@example.org", "Beccaria alumnus, listed in the alumni directory"),
    ("s.lorenz@example.org", "member, participant of the running Beccaria cohort"),
    ("bewerberin@example.org", "has applied for the next Beccaria cohort"),
    ("a.seidel@example.org", "Beccaria alumna of cohort 1 (2014), imported, entry claimed"),
]

BECCARIA = {
    "name": "Beccaria-Qualifizierungsprogramm",
    "kind": Programme.Kind.NETWORK,
    "provider": "Landespräventionsrat Sachsen",
    "summary": (
        "Vier Module an acht Wochenenden: Kriminologie, Prävention, Projektmanagement und "
        "ihre Anwendung in einem Projekt für die eigene Kommune. 16 Plätze je Durchgang."
    ),
    "description": (
        "Seit 2013 führt der Landespräventionsrat Sachsen das Beccaria-Qualifizierungsprogramm "
        "in Lizenz des Landespräventionsrates Niedersachsen durch. In vier Modulen an acht "
        "Wochenenden erwerben die Teilnehmenden Grundlagen der Kriminologie und der "
        "Kriminalprävention sowie des Prozess- und Projektmanagements.\n\n"
        "Das Programm richtet sich an Beschäftigte der Kommunalverwaltungen, an Beamtinnen und "
        "Beamte der Landes- und der Bundespolizei und an Mitarbeitende freier Träger; Vorrang "
        "haben Beschäftigte der Kommunalverwaltungen. Jeder Durchgang beginnt im September und "
        "hat 16 Plätze.\n\n"
        "In kleinen Teams entwickeln die Teilnehmenden konkrete Projekte für ihre Kommune, die "
        "oft umgesetzt werden. Wer das Programm abschließt, gehört zu den Beccarianer*innen, "
        "dem Netzwerk der Absolvent*innen in Sachsen."
    ),
    "certificate_title": "Fachkraft für Kriminalprävention",
    "min_sessions_attended": 7,
    "project_required": True,
    "position": 1,
}

MODULES = [
    (
        1,
        "Kriminologie",
        "Erscheinungsformen und Ursachen von Kriminalität, Hell- und Dunkelfeld, "
        "Kriminalitätsfurcht und Sicherheitsgefühl.",
    ),
    (
        2,
        "Kriminalprävention",
        "Ansätze und Ebenen der Prävention, was wirkt, kommunale Präventionsgremien und "
        "Netzwerkarbeit.",
    ),
    (
        3,
        "Prozess- und Projektmanagement",
        "Von der Problemanalyse zum Projekt: Ziele, Planung, Beteiligung und Evaluation.",
    ),
    (
        4,
        "Anwendung: das Praxisprojekt",
        "Die Projektteams entwickeln ihr Projekt für eine Kommune und stellen es vor.",
    ),
]

# The programme's own page at TU Chemnitz, not the university's home page.
# (The path could not be checked from here; staff correct it in the admin.)
DEGREE_URL = (
    "https://www.tu-chemnitz.de/hsw/psychologie/professuren/allpsy1/praeventionsmanagement/"
)

DEGREE = {
    "name": "Studiengang Präventionsmanagement (B.A./M.A.)",
    "kind": Programme.Kind.EXTERNAL,
    # Who runs the programme and its admission: the university alone.
    "provider": "Technische Universität Chemnitz",
    "summary": (
        "Berufsbegleitender Bachelor- und Masterstudiengang für Beschäftigte von Verwaltungen, "
        "Ministerien, sozialen Organisationen und freien Trägern."
    ),
    "description": (
        "Seit 2019 bietet die Technische Universität Chemnitz den berufsbegleitenden "
        "Studiengang Präventionsmanagement an, als Bachelor und als Master of Arts. Der "
        "Landespräventionsrat Sachsen und das Institut B3 arbeiten dabei mit der TU Chemnitz "
        "zusammen."
    ),
    "external_url": DEGREE_URL,
    "certificate_title": "",
    "min_sessions_attended": None,
    "position": 2,
}

VENUES = ["Dresden", "Leipzig", "Chemnitz", "Meißen"]

MOTIVATIONS = {
    Kind.MUNICIPAL: [
        "In unserer Stadt soll ein kommunaler Präventionsrat entstehen, und ich soll ihn "
        "koordinieren. Mir fehlen dafür die kriminologischen Grundlagen und das Handwerkszeug, "
        "um Projekte zu planen und ihre Wirkung zu prüfen. Vom Austausch mit Kolleginnen und "
        "Kollegen aus anderen Kommunen erhoffe ich mir Anregungen für unsere eigene Arbeit.",
        "Seit zwei Jahren bin ich im Ordnungsamt für Sicherheit im öffentlichen Raum zuständig. "
        "Beschwerden über Vandalismus und Angsträume nehmen zu, und wir reagieren bisher nur. "
        "Ich möchte lernen, Probleme zu analysieren und gemeinsam mit Polizei, Schulen und "
        "freien Trägern vorbeugend zu handeln.",
    ],
    Kind.STATE_POLICE: [
        "In der polizeilichen Prävention arbeite ich eng mit den Kommunen meines Reviers "
        "zusammen. Das Programm würde mir helfen, die Sicht der Verwaltung besser zu verstehen, "
        "Präventionsprojekte methodisch sauber aufzusetzen und das Netzwerk der "
        "Beccarianer*innen für gemeinsame Vorhaben zu nutzen.",
    ],
    Kind.FEDERAL_POLICE: [
        "An Bahnhöfen treffen unsere Aufgaben und die der Kommunen unmittelbar aufeinander. Ich "
        "möchte Prävention im Bahnhofsumfeld gemeinsam mit Städten und Verkehrsunternehmen "
        "planen und brauche dafür Grundlagen der Kriminologie und des Projektmanagements.",
    ],
    Kind.INDEPENDENT: [
        "Unser Verein macht aufsuchende Jugendarbeit in mehreren Gemeinden. Wir wollen unsere "
        "Angebote stärker mit der kommunalen Prävention verzahnen und ihre Wirkung nachweisen "
        "können. Die Module zu Projektmanagement und Evaluation sind dafür genau das, was uns "
        "fehlt.",
    ],
    Kind.OTHER: [
        "Als Unternehmen im Besitz der Stadt erleben wir Konflikte in Wohnquartieren und im "
        "Nahverkehr aus erster Hand. Ich möchte lernen, wie wir unseren Beitrag zur kommunalen "
        "Kriminalprävention planen und mit Verwaltung, Polizei und Trägern abstimmen.",
    ],
}

PROJECT_IDEAS = [
    "Sichere Schulwege gemeinsam mit Eltern, Schulen und Polizei.",
    "Ein Netzwerk gegen Vandalismus im Stadtpark.",
    "Angsträume im Bahnhofsumfeld erfassen und entschärfen.",
    "",
]

# Kinds of employer with their employers and functions, and for municipal
# staff the AGS of their municipality.
EMPLOYERS = {
    Kind.MUNICIPAL: [
        ("Stadtverwaltung Riesa, Ordnungsamt", "Sachbearbeitung Sicherheit", "14627230"),
        ("Stadtverwaltung Freiberg, Ordnungsamt", "Sachgebietsleitung Ordnung", "14522180"),
        ("Stadtverwaltung Plauen, Bürgerservice", "Kommunale Präventionsarbeit", "14523320"),
        ("Landratsamt Bautzen, Jugendamt", "Jugendhilfeplanung", "14625000"),
        ("Stadtverwaltung Döbeln", "Koordination Kriminalprävention", "14522080"),
        ("Stadtverwaltung Zittau, Ordnungsamt", "Sachbearbeitung Gewerbe und Ordnung", "14626610"),
        ("Stadt Leipzig, Amt für Jugend und Familie", "Soziale Arbeit im Stadtteil", "14713000"),
        ("Landeshauptstadt Dresden, Ordnungsamt", "Sachbearbeitung Prävention", "14612000"),
        ("Stadt Chemnitz, Sozialamt", "Sozialplanung", "14511000"),
        ("Stadtverwaltung Torgau", "Sachgebietsleitung Ordnung und Sicherheit", "14730310"),
        ("Stadtverwaltung Markkleeberg", "Prävention und Ordnung", "14729260"),
        ("Stadtverwaltung Annaberg-Buchholz", "Sachbearbeitung Ordnungsamt", "14521020"),
    ],
    Kind.STATE_POLICE: [
        ("Polizeidirektion Dresden", "Fachdienst Prävention", None),
        ("Polizeidirektion Leipzig", "Bürgerpolizei", None),
        ("Polizeidirektion Chemnitz", "Fachdienst Prävention", None),
        ("Polizeidirektion Zwickau", "Bürgerpolizei", None),
        ("Polizeidirektion Görlitz", "Polizeiliche Prävention", None),
    ],
    Kind.FEDERAL_POLICE: [
        ("Bundespolizeiinspektion Leipzig", "Prävention", None),
        ("Bundespolizeidirektion Pirna", "Prävention", None),
    ],
    Kind.INDEPENDENT: [
        ("Jugendsozialarbeit Mittelsachsen e. V. (Demo)", "Streetwork", None),
        ("Suchtberatung Vogtland e. V. (Demo)", "Sozialpädagogische Beratung", None),
        ("Opferhilfe Oberlausitz e. V. (Demo)", "Opferberatung", None),
        ("Stadtteilarbeit Leipzig-Ost e. V. (Demo)", "Quartiersmanagement", None),
    ],
    Kind.OTHER: [
        ("Kommunale Wohnungsgesellschaft Zwickau (Demo)", "Sozialmanagement", None),
        ("Verkehrsbetriebe Dresden (Demo)", "Sicherheitskoordination", None),
    ],
}

# Invented people: first name, last name.
NAMES = [
    ("Anne", "Albrecht"), ("Benjamin", "Arnold"), ("Carolin", "Baumann"), ("Daniel", "Beck"),
    ("Elisa", "Berger"), ("Florian", "Böhm"), ("Gesine", "Brandt"), ("Henrik", "Büttner"),
    ("Ines", "Dietrich"), ("Jan", "Ebert"), ("Katja", "Engel"), ("Lars", "Frank"),
    ("Maria", "Friedrich"), ("Nico", "Fuchs"), ("Olga", "Günther"), ("Paul", "Haase"),
    ("Ramona", "Hahn"), ("Sebastian", "Heinrich"), ("Tanja", "Herrmann"), ("Uwe", "Horn"),
    ("Vanessa", "Jäger"), ("Wolfgang", "Kästner"), ("Yvonne", "Keller"), ("Axel", "Kluge"),
    ("Bianca", "Kraft"), ("Christian", "Kühn"), ("Doreen", "Lehmann"), ("Enrico", "Ludwig"),
    ("Franziska", "Marx"), ("Georg", "Mayer"), ("Heike", "Möller"), ("Ingo", "Nowak"),
    ("Jana", "Otto"), ("Kai", "Peters"), ("Linda", "Pohl"), ("Marcel", "Ritter"),
    ("Nadja", "Roth"), ("Oliver", "Sauer"), ("Petra", "Schäfer"), ("Robert", "Scholz"),
    ("Silke", "Schreiber"), ("Thomas", "Seidel"), ("Ulrike", "Sommer"), ("Victor", "Stein"),
    ("Wiebke", "Thiele"), ("Yannick", "Ullrich"), ("Anja", "Vetter"), ("Bernd", "Voigt"),
    ("Cornelia", "Walter"), ("Dirk", "Werner"), ("Eva", "Winkler"), ("Frank", "Wolff"),
    ("Grit", "Ziegler"), ("Hannes", "Zimmer"), ("Ivonne", "Adler"), ("Jörg", "Bauer"),
    ("Karin", "Ernst"), ("Lutz", "Graf"), ("Mandy", "Hofmann"), ("Norbert", "Kaiser"),
    ("Peggy", "Lange"), ("Ronny", "Martin"), ("Sabine", "Neumann"), ("Torsten", "Schulz"),
    ("Ute", "Simon"), ("Volker", "Weiß"), ("Astrid", "Krüger"), ("Björn", "Schuster"),
    ("Claudia", "Hartung"), ("Detlef", "Richter"), ("Elke", "Förster"), ("Felix", "Kuhn"),
    ("Gabi", "Lorenz"), ("Holger", "Pfeiffer"), ("Iris", "Schmitt"), ("Jens", "Wagner"),
]  # fmt: skip

# Who applies to each cohort: (kind of employer, status), in submission order.
# Completed and running cohort: 16 accepted, the others waitlisted or not.
PAST_COHORT = (
    [(Kind.MUNICIPAL, Status.ACCEPTED)] * 10
    + [(Kind.STATE_POLICE, Status.ACCEPTED)] * 3
    + [(Kind.FEDERAL_POLICE, Status.ACCEPTED)]
    + [(Kind.INDEPENDENT, Status.ACCEPTED)] * 2
    + [(Kind.STATE_POLICE, Status.WAITLISTED)]
    + [(Kind.INDEPENDENT, Status.WAITLISTED)]
    + [(Kind.INDEPENDENT, Status.REJECTED)] * 2
    + [(Kind.OTHER, Status.REJECTED)]
    + [(Kind.MUNICIPAL, Status.WITHDRAWN)]
)
OPEN_COHORT_KINDS = (
    [Kind.MUNICIPAL] * 13
    + [Kind.STATE_POLICE] * 6
    + [Kind.FEDERAL_POLICE] * 2
    + [Kind.INDEPENDENT] * 6
    + [Kind.OTHER] * 2
)  # and bewerberin@example.org, municipal: 30 applications

# Demo members who took part: email -> (cohort, kind of employer, employer).
COMPLETED_MEMBERS = {
    "ag@example.org": (Kind.MUNICIPAL, "Stadtverwaltung Görlitz, Ordnungsamt"),
    "c.fischer@example.org": (Kind.MUNICIPAL, "Stadtverwaltung Pirna"),
    "k.hartmann@example.org": (Kind.STATE_POLICE, "Polizeidirektion Görlitz"),
}
RUNNING_MEMBERS = {
    "s.lorenz@example.org": (Kind.MUNICIPAL, "Stadtverwaltung Görlitz, Jugendamt"),
    "b.wolf@example.org": (Kind.MUNICIPAL, "Stadtverwaltung Riesa, Ordnungsamt"),
}

# Project teams: title, AGS of the municipality, status, description.
COMPLETED_PROJECTS = [
    (
        "Sicherer Schulweg Görlitz-Königshufen",
        "14626110",
        ProjectTeam.Status.IMPLEMENTED,
        "Schulwegpläne mit Eltern, Grundschulen und Bürgerpolizei; die Stadt hat zwei "
        "Querungshilfen gebaut und Schülerlotsen gewonnen.",
    ),
    (
        "Angsträume am Bahnhof Pirna",
        "14628270",
        ProjectTeam.Status.IMPLEMENTED,
        "Begehungen mit Anwohnenden und Jugendlichen, die sich am Bahnhof treffen, bessere "
        "Beleuchtung und ein Sicherheitspartner im Bahnhofsumfeld; die Befragung ein Jahr "
        "danach zeigt ein besseres Sicherheitsgefühl.",
    ),
    (
        "Präventionsrat Riesa",
        "14627230",
        ProjectTeam.Status.IMPLEMENTED,
        "Aufbau eines kommunalen Präventionsrates mit Geschäftsordnung, Lagebild und "
        "jährlichem Präventionstag.",
    ),
    (
        "Jugend im Quartier Zwickau-Eckersbach",
        "14524330",
        ProjectTeam.Status.IN_PROGRESS,
        "Ein Treffpunkt für Jugendliche, den Jugendliche, Träger und Stadt gemeinsam planen.",
    ),
]
RUNNING_PROJECTS = [
    (
        "Zivilcourage an Oberschulen in Görlitz",
        "14626110",
        ProjectTeam.Status.IN_PROGRESS,
        "Trainings für Schülerinnen und Schüler der 8. Klassen mit Polizei und Schulsozialarbeit.",
    ),
    (
        "Stadtpark Riesa ohne Vandalismus",
        "14627230",
        ProjectTeam.Status.IN_PROGRESS,
        "Patenschaften, Beleuchtung und ein runder Tisch mit Anwohnenden.",
    ),
    (
        "Sicher unterwegs im Nahverkehr Leipzig",
        "14713000",
        ProjectTeam.Status.IDEA,
        "Sicherheitsgefühl in Straßenbahnen und an Haltestellen am späten Abend.",
    ),
    (
        "Einbruchschutz-Beratung im Landkreis Bautzen",
        "14625000",
        ProjectTeam.Status.IDEA,
        "Beratung für ältere Menschen gemeinsam mit Polizei und Seniorenbeiräten.",
    ),
]


def seed():
    team = User.objects.get(email=TEAM_EMAIL)
    beccaria = _seed_programme("beccaria", BECCARIA)
    modules = [
        Module.objects.update_or_create(
            programme=beccaria, number=number, defaults={"title": title, "description": text}
        )[0]
        for number, title, text in MODULES
    ]
    _seed_programme("praeventionsmanagement", DEGREE)

    running_year = _running_year(beccaria)
    people = _People()
    completed = _seed_cohort(beccaria, running_year - 1, Cohort.Status.COMPLETED, team)
    running = _seed_cohort(beccaria, running_year, Cohort.Status.RUNNING, team)
    upcoming = _seed_open_cohort(beccaria, running_year + 1)

    _seed_past_applications(completed, people, COMPLETED_MEMBERS, team)
    _seed_past_applications(running, people, RUNNING_MEMBERS, team)
    _seed_open_applications(upcoming, people, team)

    _seed_sessions(completed, modules)
    _seed_sessions(running, modules)
    _seed_sessions(upcoming, modules)

    _seed_projects(completed, COMPLETED_PROJECTS)
    _seed_projects(running, RUNNING_PROJECTS)
    _seed_completion(completed, team)
    _seed_imported_alumni(beccaria, team)


def _running_year(programme):
    """The year of the running cohort: read off the cohorts of an earlier
    run, or else the year of the latest September start up to today."""
    latest = programme.cohorts.order_by("-starts_on").first()
    if latest is not None:
        return latest.starts_on.year - 1
    today = timezone.localdate()
    return today.year if first_friday_of_september(today.year) <= today else today.year - 1


def _seed_programme(slug, fields):
    programme, _created = Programme.objects.update_or_create(slug=slug, defaults=fields)
    return programme


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _seed_cohort(programme, year, status, team):
    """A past cohort: its window and selection lie before its start."""
    starts_on = first_friday_of_september(year)
    opened = _at(starts_on - timedelta(days=240), 0)
    closed = _at(starts_on - timedelta(days=120), 23, 59)
    fields = {
        "starts_on": starts_on,
        "applications_open_at": opened,
        "applications_close_at": closed,
        "status": status,
        "selection_confirmed_at": closed + timedelta(days=14),
        "selection_confirmed_by": team,
    }
    cohort, _created = Cohort.objects.update_or_create(
        programme=programme, number=cohort_number_of_year(year), defaults=fields
    )
    return cohort


def _seed_open_cohort(programme, year):
    """The next cohort: open from two weeks before the first seeding for six
    weeks after it (or until the day before it starts)."""
    starts_on = first_friday_of_september(year)
    today = timezone.localdate()
    window = {
        "applications_open_at": _at(today - timedelta(days=14), 0),
        "applications_close_at": _at(
            min(today + timedelta(days=45), starts_on - timedelta(days=1)), 23, 59
        ),
    }
    cohort, _created = Cohort.objects.update_or_create(
        programme=programme,
        number=cohort_number_of_year(year),
        defaults={"starts_on": starts_on, "status": Cohort.Status.OPEN},
        create_defaults={"starts_on": starts_on, "status": Cohort.Status.OPEN, **window},
    )
    return cohort


class _People:
    """Invented applicants, handed out in order, each with the demo password."""

    def __init__(self):
        self.names = iter(NAMES)
        self.password = make_password(DEMO_PASSWORD)
        self.employers = {kind: 0 for kind in EMPLOYERS}

    def next_person(self):
        first, last = next(self.names)
        email = f"{_ascii(first)}.{_ascii(last)}@example.org".lower()
        fields = {"first_name": first, "last_name": last}
        user, _created = User.objects.update_or_create(
            email=email, defaults=fields, create_defaults={**fields, "password": self.password}
        )
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def next_employer(self, kind):
        options = EMPLOYERS[kind]
        employer = options[self.employers[kind] % len(options)]
        self.employers[kind] += 1
        return employer


def _ascii(text):
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain).replace(umlaut.upper(), plain.capitalize())
    return text


def _application(
    cohort, user, *, kind, employer, function, ags, status, submitted_at, index, rank=None
):
    """Creates the application with its history once; a later run leaves it."""
    municipality = Municipality.objects.get(ags=ags) if ags else None
    application, created = Application.objects.get_or_create(
        cohort=cohort,
        applicant=user,
        defaults={
            "employer_name": employer,
            "employer_kind": kind,
            "municipality": municipality,
            "function": function,
            "motivation": MOTIVATIONS[kind][index % len(MOTIVATIONS[kind])],
            "project_idea": PROJECT_IDEAS[index % len(PROJECT_IDEAS)],
            "supervisor_name": "Amtsleitung",
            "supervisor_email": f"leitung.{index + 1}@example.org",
            "employer_release_confirmed": True,
            "consent_given_at": submitted_at,
            "consent_text_version": CONSENT_TEXT_VERSION,
            "submitted_at": submitted_at,
            "status": status,
            "waitlist_rank": rank,
        },
    )
    if created:
        StatusChange.objects.create(
            application=application,
            to_status=Status.SUBMITTED,
            changed_at=submitted_at,
            changed_by=user,
        )
    return application, created


def _seed_past_applications(cohort, people, members, team):
    """A decided cohort: the demo members first among the accepted."""
    members = list(members.items())
    waitlist_rank = 0
    for index, (kind, status) in enumerate(PAST_COHORT):
        submitted_at = cohort.applications_open_at + timedelta(days=index * 3, hours=9)
        if index < len(members):
            email, (kind, employer) = members[index]
            user = User.objects.get(email=email)
            function, ags = user.function, user.municipality.ags if user.municipality else None
        else:
            user = people.next_person()
            employer, function, ags = people.next_employer(kind)
        if status == Status.WAITLISTED:
            waitlist_rank += 1
        application, created = _application(
            cohort,
            user,
            kind=kind,
            employer=employer,
            function=function,
            ags=ags,
            status=status,
            submitted_at=submitted_at,
            index=index,
            rank=waitlist_rank if status == Status.WAITLISTED else None,
        )
        if created:
            StatusChange.objects.create(
                application=application,
                from_status=Status.SUBMITTED,
                to_status=Status.WITHDRAWN if status == Status.WITHDRAWN else status,
                waitlist_position=application.waitlist_rank,
                changed_at=cohort.selection_confirmed_at,
                changed_by=user if status == Status.WITHDRAWN else team,
            )


def _seed_open_applications(cohort, people, team):
    """30 applications waiting for the selection; the team has rated some."""
    opened = cohort.applications_open_at
    entries = [(kind, people.next_person()) for kind in OPEN_COHORT_KINDS]
    entries.insert(7, (Kind.MUNICIPAL, User.objects.get(email="bewerberin@example.org")))
    for index, (kind, user) in enumerate(entries):
        if user.email == "bewerberin@example.org":
            employer, function, ags = (
                "Stadtverwaltung Kamenz, Ordnungsamt",
                "Sachbearbeiterin Ordnung und Sicherheit",
                "14625250",
            )
        else:
            employer, function, ags = people.next_employer(kind)
        application, created = _application(
            cohort,
            user,
            kind=kind,
            employer=employer,
            function=function,
            ags=ags,
            status=Status.SUBMITTED,
            submitted_at=opened + timedelta(hours=9 + index * 10),
            index=index,
        )
        if created and index % 2 == 0:
            services.rate(
                application=application,
                by=team,
                rating=5 - index % 5 if index % 5 else 3,
                comment="Klare Motivation, konkrete Projektidee."
                if index % 4 == 0
                else "Solide Bewerbung.",
            )


def _seed_sessions(cohort, modules):
    """Eight weekends, Friday afternoon to Saturday afternoon, five weeks
    apart; two per module. Participants attended the weekends that were
    over when the weekend was first seeded."""
    participants = list(cohort.applications.participants().order_by("submitted_at", "pk"))
    now = timezone.now()
    if not participants:
        now = None  # nobody to tick
    for index in range(8):
        friday = cohort.starts_on + timedelta(weeks=5 * index)
        session, created = CohortSession.objects.get_or_create(
            cohort=cohort,
            starts_at=_at(friday, 13),
            defaults={
                "module": modules[index // 2],
                "ends_at": _at(friday + timedelta(days=1), 16),
                "venue": VENUES[index % len(VENUES)],
            },
        )
        if created and now and session.ends_at < now:
            # Two participants missed a weekend now and then; the last one
            # of a finished cohort missed three and did not complete.
            absent = {participants[(index * 5) % len(participants)]} if index % 3 == 1 else set()
            if index in (2, 4, 6):
                absent.add(participants[-1])
            services.record_attendance(
                session=session, attendees=[p for p in participants if p not in absent]
            )


def _seed_projects(cohort, projects):
    """Four teams of four participants each."""
    participants = list(cohort.applications.participants().order_by("submitted_at", "pk"))
    for index, (title, ags, status, description) in enumerate(projects):
        team, created = ProjectTeam.objects.get_or_create(
            cohort=cohort,
            title=title,
            defaults={
                "municipality": Municipality.objects.get(ags=ags),
                "status": status,
                "description": description,
            },
        )
        if created:
            services.set_project_team_members(
                team=team, members=participants[index * 4 : index * 4 + 4]
            )


def _seed_completion(cohort, team):
    """Everyone who met the rule completed; most agreed to be listed."""
    completed_on = cohort.sessions.order_by("-ends_at").first().ends_at.date() + timedelta(days=14)
    participants = cohort.applications.participants().with_attendance()
    for index, participant in enumerate(participants.order_by("submitted_at", "pk")):
        if participant.completed_on or participant.attended_count < 7:
            continue
        participant.completed_on = completed_on
        participant.completion_confirmed_by = team
        participant.listed_in_alumni_directory = index % 4 != 3
        participant.save(
            update_fields=["completed_on", "completion_confirmed_by", "listed_in_alumni_directory"]
        )


# The projects of the imported alumni, with their topics (by slug).
IMPORTED_PROJECT_TOPICS = {
    "Sicherer Bahnhofsvorplatz": ["oeffentlicher-raum", "staedtebau"],
    "Ein Präventionsrat für den Landkreis": ["praeventionsraete"],
    "Licht im Stadtpark": ["oeffentlicher-raum", "jugend"],
}
# Imported alumni who have claimed their entry and are listed.
CLAIMED = ["a.seidel@example.org", "s.kuehn@example.org"]


def _seed_imported_alumni(programme, team):
    """The alumni of the cohorts 2014 to 2016, taken over once from the
    example spreadsheet of the import; two of them have claimed their entry."""
    if programme.cohorts.filter(number__lte=3).exists():
        return
    with alumni_import.EXAMPLE_FILE.open("rb") as example:
        rows = alumni_import.read_rows(example)
    alumni_import.import_alumni(rows=rows, programme=programme, by=team)
    for title, slugs in IMPORTED_PROJECT_TOPICS.items():
        project = ProjectTeam.objects.get(cohort__programme=programme, title=title)
        project.status = ProjectTeam.Status.IMPLEMENTED
        project.description = "Übernommen aus der Liste der früheren Durchgänge."
        project.save(update_fields=["status", "description"])
        project.topics.set(Topic.objects.filter(slug__in=slugs))
    for email in CLAIMED:
        alumni_import.claim_entry(
            user=User.objects.get(email=email), password=DEMO_PASSWORD, listed=True
        )
