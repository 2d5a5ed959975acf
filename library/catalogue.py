"""One list of what the network knows: the library's resources and the
documents of events, filtered alike and ordered newest first.

Both are gathered in one database query (a UNION of the same columns), so
that counting, ordering and paging happen in the database; the entries of
one page are then loaded with three queries, however many there are, and
what the filters offer with one.
"""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractYear, TruncDate

from asskomm.collation import din_5007_key
from asskomm.models import Topic
from events.models import Event, EventDocument
from library.models import Resource
from members.filters import matching_every_word
from members.models import Municipality, Organisation

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


def load(rows, topics=None):
    """The entries for ``rows`` of ``entries()``, in their order: one query
    for the resources, one for the documents with their events and one for
    the topics of all of them (a document's own and its event's), taken
    from ``topics`` (all topics by primary key) when the caller has them."""
    ids = {RESOURCE: [], DOCUMENT: []}
    for row in rows:
        ids[row["entry_source"]].append(row["entry_id"])
    resources = (
        Resource.objects.select_related("publisher_organisation", "publisher_municipality").in_bulk(
            ids[RESOURCE]
        )
        if ids[RESOURCE]
        else {}
    )
    documents = (
        EventDocument.objects.annotate(library_kind=_document_kind())
        .select_related("event", "event__organiser")
        .in_bulk(ids[DOCUMENT])
        if ids[DOCUMENT]
        else {}
    )
    linked = _topics_of(resources, documents, topics)
    found = []
    for row in rows:
        if row["entry_source"] == RESOURCE:
            resource = resources.get(row["entry_id"])
            if resource is not None:
                found.append(resource_entry(resource, linked[RESOURCE, resource.pk]))
        else:
            document = documents.get(row["entry_id"])
            if document is not None:
                own = linked[DOCUMENT, document.pk] | linked[EVENT, document.event_id]
                found.append(document_entry(document, own))
    return found


EVENT = "event"


class _Links(dict):
    def __missing__(self, key):
        return set()


def _topics_of(resources, documents, topics):
    """(source, primary key) -> the topics of the resources, the documents
    and the documents' events: one query over the three link tables (two
    when ``topics`` is not given)."""
    events = {document.event_id for document in documents.values()}
    branches = [
        (Resource.topics.through, "resource", RESOURCE, list(resources)),
        (EventDocument.topics.through, "eventdocument", DOCUMENT, list(documents)),
        (Event.topics.through, "event", EVENT, list(events)),
    ]
    queries = [
        through.objects.filter(**{f"{owner}__in": pks})
        .annotate(
            link_source=Value(source, output_field=CharField()),
            link_owner=F(f"{owner}_id"),
            link_topic=F("topic_id"),
        )
        .values("link_source", "link_owner", "link_topic")
        for through, owner, source, pks in branches
        if pks
    ]
    linked = _Links()
    if not queries:
        return linked
    rows = list(queries[0].union(*queries[1:], all=True))
    if topics is None:
        topics = Topic.objects.in_bulk({row["link_topic"] for row in rows})
    for row in rows:
        topic = topics.get(row["link_topic"])
        if topic is not None:
            linked.setdefault((row["link_source"], row["link_owner"]), set()).add(topic)
    return linked


def _by_name(topics):
    return sorted(topics, key=lambda topic: din_5007_key(topic.name))


def resource_entry(resource, topics):
    return Entry(
        source=RESOURCE,
        object=resource,
        title=resource.title,
        url=resource.get_absolute_url(),
        kind=resource.get_kind_display(),
        date=resource.published_on,
        file_label=resource.file_label,
        publisher=resource.publisher,
        topics=_by_name(topics),
        external_url=resource.external_url,
    )


def document_entry(document, topics):
    return Entry(
        source=DOCUMENT,
        object=document,
        title=document.title,
        url=document.get_absolute_url(),
        kind=Resource.Kind(document.library_kind).label,
        date=document.event.starts_at,
        file_label=document.file_label,
        publisher=document.event.organiser,
        topics=_by_name(topics),
        event=document.event,
    )


@dataclass
class Choices:
    """What the library's filters offer ``user``: every topic, and the
    publishers and years of what the person may see."""

    topics: list = field(default_factory=list)
    organisations: list = field(default_factory=list)  # [(pk, label)]
    municipalities: list = field(default_factory=list)  # [(pk, label)]
    years: list = field(default_factory=list)  # newest first

    @property
    def topics_by_pk(self):
        return {topic.pk: topic for topic in self.topics}


def _facet(queryset, facet, number, label=None, extra=None):
    text = CharField()
    return queryset.annotate(
        facet=Value(facet, output_field=text),
        number=number,
        label=label if label is not None else Value("", output_field=text),
        extra=extra if extra is not None else Value("", output_field=text),
    ).values("facet", "number", "label", "extra")


def choices(user):
    """The ``Choices`` for ``user``, in one query (a UNION of the topics,
    the publishers and the years)."""
    resources = Resource.objects.visible_to(user)
    documents = EventDocument.objects.visible_to(user)
    number = IntegerField()
    organisations = Organisation.objects.filter(
        Q(pk__in=resources.values("publisher_organisation"))
        | Q(pk__in=documents.values("event__organiser"))
    )
    municipalities = Municipality.objects.filter(pk__in=resources.values("publisher_municipality"))
    events = Event.objects.filter(pk__in=documents.values("event"))
    rows = _facet(Topic.objects.order_by(), "topic", F("pk"), F("name"), F("slug")).union(
        _facet(organisations.order_by(), "organisation", F("pk"), F("name"), F("short_name")),
        _facet(municipalities.order_by(), "municipality", F("pk"), F("name")),
        _facet(resources.order_by(), "year", ExtractYear("published_on", output_field=number)),
        _facet(events.order_by(), "year", ExtractYear("starts_at", output_field=number)),
    )
    found = Choices()
    for row in rows:
        if row["facet"] == "topic":
            found.topics.append(Topic(pk=row["number"], name=row["label"], slug=row["extra"]))
        elif row["facet"] == "organisation":
            label = f"{row['label']} ({row['extra']})" if row["extra"] else row["label"]
            found.organisations.append((row["number"], label))
        elif row["facet"] == "municipality":
            found.municipalities.append((row["number"], row["label"]))
        else:
            found.years.append(row["number"])
    found.topics = _by_name(found.topics)
    found.organisations.sort(key=lambda choice: din_5007_key(choice[1]))
    found.municipalities.sort(key=lambda choice: din_5007_key(choice[1]))
    found.years.sort(reverse=True)
    return found
