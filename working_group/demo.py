"""Demo records of the working group, for ``manage.py seed_demo``.

The events demo holds the last three sessions and the next one
(``ag-asskomm-sitzung-1`` … ``-4``). The two older sessions' minutes are
approved at the session after them; the latest one's are still a draft,
with an earlier version in the history. Their action items are open,
done, dropped – and one from the middle session is overdue. The next
session has its agenda. Later runs find the records and change nothing.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from fpdf import FPDF

from events import services as event_services
from events.models import Event, EventDocument
from members.models import User, WorkingGroupSeat
from working_group import services
from working_group.models import ActionItem, Decision, Minutes

SESSION_SLUGS = [f"ag-asskomm-sitzung-{number}" for number in (1, 2, 3, 4)]

MINUTES = {
    1: (
        "Teilnehmende: Vertreterinnen und Vertreter der Modellkommunen und der Partner; "
        "Leitung: ASSKomm-Team des LPR.\n\n"
        "TOP 1 – Stand der Landesstrategie: Das Team berichtet über die abgeschlossenen "
        "Sicherheitsanalysen und die regionalen Vernetzungstreffen.\n\n"
        "TOP 2 – Handlungsempfehlungen: Die Modellkommunen schildern, welche Empfehlungen "
        "umgesetzt sind und wo es hakt (Personal, Haushalt).\n\n"
        "TOP 3 – Verschiedenes: Der nächste Fachtag wird vorbereitet."
    ),
    2: (
        "Teilnehmende: siehe Anwesenheitsliste.\n\n"
        "TOP 1 – Protokoll der letzten Sitzung: ohne Änderungen genehmigt.\n\n"
        "TOP 2 – Beccaria-Alumni: Die AG unterstützt ein Vernetzungstreffen der "
        "Absolventinnen und Absolventen.\n\n"
        "TOP 3 – Kommunale Präventionsräte: Erfahrungen aus Görlitz und Bautzen."
    ),
}
DRAFTS = [
    "Entwurf.\n\nTOP 1 – Protokoll der letzten Sitzung: genehmigt.\n\n"
    "TOP 2 – Fortschreibung der Landesstrategie: erste Diskussion.",
    "Entwurf.\n\nTOP 1 – Protokoll der letzten Sitzung: genehmigt.\n\n"
    "TOP 2 – Fortschreibung der Landesstrategie: Die AG sammelt Themen für die "
    "Fortschreibung (Sicherheit im ländlichen Raum, Jugend im öffentlichen Raum).\n\n"
    "TOP 3 – Termine: Die nächste Sitzung findet im kommenden Halbjahr statt.",
]

# session number -> decisions (title, text)
DECISIONS = {
    1: [
        (
            "Regionale Vernetzungstreffen werden fortgesetzt",
            "Je Region ein Treffen pro Jahr, mit einem Fachimpuls.",
        ),
        ("Themenspeicher für den Fachtag", "Die Partner melden Themen bis zur nächsten Sitzung."),
    ],
    2: [("Unterstützung des Alumni-Netzwerks", "Die AG lädt Beccarianer*innen als Gäste ein.")],
    3: [
        (
            "Fortschreibung der Landesstrategie",
            "Eine Redaktionsgruppe aus SSG, SLKT und zwei Modellkommunen legt einen Entwurf vor.",
        )
    ],
}


def seed():
    sessions = Event.objects.in_bulk(SESSION_SLUGS, field_name="slug")
    if len(sessions) < len(SESSION_SLUGS):
        return
    team = User.objects.get(email="team@example.org")
    first, second, third, coming = (sessions[slug] for slug in SESSION_SLUGS)
    if not Minutes.objects.filter(session=first).exists():
        _approved_minutes(first, MINUTES[1], approved_at=second, team=team)
        _approved_minutes(second, MINUTES[2], approved_at=third, team=team)
        _draft_minutes(third, team=team)
        for number, session in ((1, first), (2, second), (3, third)):
            for order, (title, text) in enumerate(DECISIONS[number], start=1):
                Decision.objects.create(session=session, title=title, text=text, order=order)
        _action_items(first, second, third, coming, team=team)
    if not coming.documents.filter(kind=EventDocument.Kind.AGENDA).exists():
        _agenda(coming)


def _day(session):
    return timezone.localdate(session.starts_at)


def _approved_minutes(session, text, *, approved_at, team):
    minutes = services.save_minutes(
        session=session, text=text, by=team, now=session.ends_at + timedelta(days=7)
    )
    services.approve_minutes(minutes=minutes, at_session=approved_at, on=_day(approved_at), by=team)


def _draft_minutes(session, *, team):
    # Written on the day of the session (which is over), so never in the future.
    for hours, text in enumerate(DRAFTS, start=1):
        services.save_minutes(
            session=session, text=text, by=team, now=session.ends_at + timedelta(hours=hours * 2)
        )


def _seat(short_name):
    return WorkingGroupSeat.objects.get(organisation__short_name=short_name)


def _action_items(first, second, third, coming, *, team):
    goerlitz = WorkingGroupSeat.objects.get(municipality__ags="14626110")
    delegate = goerlitz.delegate  # ag@example.org
    items = [
        # session, title, owner (person or seat), due, final status
        (first, "Themen für den Fachtag melden", {"owner_seat": _seat("SSG")}, second, "done"),
        (
            first,
            "Erfahrungsbericht Präventionsrat Görlitz",
            {"owner_seat": goerlitz},
            second,
            "done",
        ),
        (
            first,
            "Gemeinsame Broschüre der Wohlfahrtsverbände",
            {"owner_seat": _seat("Liga")},
            second,
            "dropped",
        ),
        # Due at the last session and still open: overdue.
        (
            second,
            "Einladungsliste für das Alumni-Treffen abstimmen",
            {"owner_person": delegate},
            third,
            "open",
        ),
        (
            third,
            "Entwurf zur Fortschreibung der Landesstrategie",
            {"owner_seat": _seat("SLKT")},
            coming,
            "open",
        ),
        (
            third,
            "Termine der Vernetzungstreffen veröffentlichen",
            {"owner_person": team},
            coming,
            "open",
        ),
    ]
    for session, title, owner, due_session, status in items:
        item = ActionItem(session=session, title=title, due_on=_day(due_session), **owner)
        item.full_clean()
        item.save()
        if status != ActionItem.Status.OPEN:
            services.set_action_item_status(
                item=item, status=status, by=team, today=_day(due_session)
            )


def _agenda(session):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    day = timezone.localtime(session.starts_at)
    text = (
        f"Tagesordnung\n{session.title}\n{day:%d.%m.%Y}\n\n"
        "1. Genehmigung des Protokolls der letzten Sitzung\n"
        "2. Fortschreibung der Landesstrategie: Entwurf der Redaktionsgruppe\n"
        "3. Berichte aus den Modellkommunen\n"
        "4. Verschiedenes"
    )
    pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    document = EventDocument(event=session, title="Tagesordnung", kind=EventDocument.Kind.AGENDA)
    document.file = ContentFile(bytes(pdf.output()), name=f"{session.slug}-agenda.pdf")
    event_services.save_document(document=document)
