"""One list of what the network knows: the library's resources and the
documents of events, filtered alike and ordered newest first.

Both are gathered in one database query (a UNION of the same columns), so
that counting, ordering and paging happen in the database; the entries of
one page are then loaded with a constant number of queries, however many
there are.
"""

from dataclasses import dataclass

from django.db.models import Case, CharField, F, Prefetch, Q, Value, When
from django.db.models.functions import TruncDate

from asskomm.models import Topic
from events.models import Event, EventDocument
from library.models import Resource
from members.filters import matching_every_word

RESOURCE = "resource"
DOCUMENT = "document"

# What an event's document counts as in the library.
DOCUMENT_KINDS = {
    EventDocument.Kind.SLIDES: Resource.Kind.EXPERT_INPUT,
    EventDocument.Kind.DOCUMENTATION: Resource.Kind.DOCUMENTATION,
    EventDocument.Kind.MINUTES: Resource.Kind.DOCUMENTATION,
    EventDocument.Kind.AGENDA: Resource.Kind.DOCUMENTATION,
    EventDocument.Kind.OTHER: Resource.Kind.DOCUMENTATION,
}


@dataclass
class Entry:
    """One line of the library: a resource or an event's document."""

    source: str
    object: object
    title: str
    url: str
    kind: str
    date: object
    file_label: str
    publisher: object
    topics: list
    event: Event | None = None
    external_url: str = ""

    @property
    def is_link(self):
        return bool(self.external_url)


def _document_kind():
    return Case(
        *[When(kind=source, then=Value(target.value)) for source, target in DOCUMENT_KINDS.items()],
        default=Value(Resource.Kind.DOCUMENTATION.value),
        output_field=CharField(),
    )


def resources_for(user, criteria):
    resources = Resource.objects.visible_to(user)
    if criteria.get("q"):
        resources = matching_every_word(resources, criteria["q"], ["title", "summary"])
    if criteria.get("kind"):
        resources = resources.filter(kind=criteria["kind"])
    if criteria.get("topic"):
        resources = resources.filter(
            pk__in=Resource.topics.through.objects.filter(topic=criteria["topic"]).values(
                "resource"
            )
        )
    if criteria.get("year"):
        resources = resources.filter(published_on__year=criteria["year"])
    if criteria.get("audience"):
        resources = resources.filter(audience=criteria["audience"])
    publisher = criteria.get("publisher")
    if publisher:
        kind, pk = publisher
        field = "publisher_organisation" if kind == "organisation" else "publisher_municipality"
        resources = resources.filter(**{field: pk})
    return resources


def documents_for(user, criteria):
    documents = EventDocument.objects.visible_to(user).annotate(library_kind=_document_kind())
    if criteria.get("q"):
        documents = matching_every_word(documents, criteria["q"], ["title", "event__title"])
    if criteria.get("kind"):
        documents = documents.filter(library_kind=criteria["kind"])
    if criteria.get("topic"):
        topic = criteria["topic"]
        documents = documents.filter(
            Q(
                pk__in=EventDocument.topics.through.objects.filter(topic=topic).values(
                    "eventdocument"
                )
            )
            | Q(event__in=Event.topics.through.objects.filter(topic=topic).values("event"))
        )
    if criteria.get("year"):
        documents = documents.filter(event__starts_at__year=criteria["year"])
    if criteria.get("audience"):
        documents = documents.filter(event__audience=criteria["audience"])
    publisher = criteria.get("publisher")
    if publisher:
        kind, pk = publisher
        if kind != "organisation":
            return documents.none()
        documents = documents.filter(event__organiser=pk)
    return documents


COLUMNS = ["entry_source", "entry_id", "entry_date", "entry_title"]


def entries(user, criteria=None):
    """The rows of the library ``user`` may see that meet ``criteria`` (a
    dict as ``LibraryFilterForm.criteria`` gives), newest first, as a
    queryset of dicts to page through; ``load`` turns a page into entries."""
    criteria = criteria or {}
    resources = (
        resources_for(user, criteria)
        .order_by()
        .annotate(
            entry_source=Value(RESOURCE, output_field=CharField()),
            entry_id=F("pk"),
            entry_date=F("published_on"),
            entry_title=F("title"),
        )
        .values(*COLUMNS)
    )
    documents = (
        documents_for(user, criteria)
        .order_by()
        .annotate(
            entry_source=Value(DOCUMENT, output_field=CharField()),
            entry_id=F("pk"),
            entry_date=TruncDate("event__starts_at"),
            entry_title=F("title"),
        )
        .values(*COLUMNS)
    )
    return resources.union(documents, all=True).order_by(
        "-entry_date", "entry_title", "entry_source", "entry_id"
    )


def load(rows):
    """The entries for ``rows`` of ``entries()``, in their order: two
    queries for the resources and three for the documents, with topics
    (a document's own and its event's)."""
    ids = {RESOURCE: [], DOCUMENT: []}
    for row in rows:
        ids[row["entry_source"]].append(row["entry_id"])
    topics = Prefetch("topics", queryset=Topic.objects.order_by("name"))
    resources = (
        Resource.objects.filter(pk__in=ids[RESOURCE])
        .select_related("publisher_organisation", "publisher_municipality")
        .prefetch_related(topics)
        .in_bulk()
        if ids[RESOURCE]
        else {}
    )
    documents = (
        EventDocument.objects.filter(pk__in=ids[DOCUMENT])
        .annotate(library_kind=_document_kind())
        .select_related("event", "event__organiser")
        .prefetch_related(topics, Prefetch("event__topics", queryset=Topic.objects.all()))
        .in_bulk()
        if ids[DOCUMENT]
        else {}
    )
    found = []
    for row in rows:
        if row["entry_source"] == RESOURCE:
            resource = resources.get(row["entry_id"])
            if resource is not None:
                found.append(resource_entry(resource))
        else:
            document = documents.get(row["entry_id"])
            if document is not None:
                found.append(document_entry(document))
    return found


def resource_entry(resource):
    return Entry(
        source=RESOURCE,
        object=resource,
        title=resource.title,
        url=resource.get_absolute_url(),
        kind=resource.get_kind_display(),
        date=resource.published_on,
        file_label=resource.file_label,
        publisher=resource.publisher,
        topics=list(resource.topics.all()),
        external_url=resource.external_url,
    )


def document_entry(document):
    return Entry(
        source=DOCUMENT,
        object=document,
        title=document.title,
        url=document.get_absolute_url(),
        kind=Resource.Kind(document.library_kind).label,
        date=document.event.starts_at,
        file_label=document.file_label,
        publisher=document.event.organiser,
        topics=sorted(
            {*document.topics.all(), *document.event.topics.all()}, key=lambda topic: topic.name
        ),
        event=document.event,
    )
