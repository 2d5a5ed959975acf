"""What the one search finds among events (see the search app)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.audiences import Audience
from events.models import Event, EventDocument, Registration


def _documents_of_events_attended(user, since):
    if not user.is_authenticated:
        return EventDocument.objects.none()
    took_part = Registration.objects.filter(user=user).filter(
        Q(status=Registration.Status.CONFIRMED) | Q(attended=True)
    )
    return (
        EventDocument.objects.visible_to(user)
        .filter(event__in=took_part.values("event"), uploaded_at__gt=since)
        .select_related("event")
        .order_by("-uploaded_at")
    )


# The levels of the search index (see search.registry), from the conditions
# of ``Event.objects.visible_to`` and ``EventDocument.objects.visible_to``:
# a published or cancelled event is open to everyone when it is public, to
# every network member when it is for members; a document as its event when
# it is visible "as the event", to members also when it is for members.
# Invited municipalities, the working group, alumni, drafts and
# participants' documents are asked of the record.
_OPEN = {"everyone": [Audience.PUBLIC], "members": [Audience.PUBLIC, Audience.MEMBERS]}
_DOCUMENTS_OPEN = {
    "everyone": [EventDocument.Visibility.AS_EVENT],
    "members": [EventDocument.Visibility.AS_EVENT, EventDocument.Visibility.MEMBERS],
}


def _events_open_to(level):
    return lambda events: events.exclude(status=Event.Status.DRAFT).filter(
        audience__in=_OPEN[level]
    )


def _documents_open_to(level):
    return lambda documents: documents.exclude(event__status=Event.Status.DRAFT).filter(
        event__audience__in=_OPEN[level], visibility__in=_DOCUMENTS_OPEN[level]
    )


def _has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


# The library branch adds the topics of events and the text extracted from
# uploaded files; the search takes them in as soon as they exist.
_EVENT_TOPICS = "topics" if _has_field(Event, "topics") else None
_DOCUMENT_FIELDS = {"title": "A"}
if _has_field(EventDocument, "extracted_text"):
    _DOCUMENT_FIELDS["extracted_text"] = "C"

SEARCHABLES = [
    {
        "kind": "event",
        "label": _("Events"),
        "model": Event,
        "visible_to": lambda user: Event.objects.visible_to(user),
        "fields": {"title": "A", "description": "B", "venue_name": "C"},
        "topics": _EVENT_TOPICS,
        "everyone": _events_open_to("everyone"),
        "members": _events_open_to("members"),
        "watch": ("status", "audience"),
    },
    {
        "kind": "event_document",
        "label": _("Event documents"),
        "model": EventDocument,
        "visible_to": lambda user: EventDocument.objects.visible_to(user),
        "fields": _DOCUMENT_FIELDS,
        "topics": None,
        "select_related": ("event",),
        "context": lambda document: str(document.event),
        "everyone": _documents_open_to("everyone"),
        "members": _documents_open_to("members"),
        "watch": ("visibility", "event"),
        # Its address and context show the event's address and title; its
        # level follows the event's status and audience.
        "refresh_with": ((Event, "event", ("status", "audience")),),
    },
]

NEW_SINCE = [
    {
        "label": _("New documents of events you took part in"),
        "items": _documents_of_events_attended,
        "values": ("title", "event__slug"),
        "link": lambda pk, title, slug: EventDocument(pk=pk, title=title, event=Event(slug=slug)),
    },
]
