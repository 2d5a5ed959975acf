"""The level stored on each search entry (who may open its record at the
coarse level): written wherever the entry is, trusted for the matches,
never for what is shown – and what it buys on PostgreSQL: no sequential
scan of the events or their documents (issue 13)."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.explain import seq_scans
from events import services
from events.models import Event, EventDocument
from library.models import Resource
from search.index import entry_values, uses_full_text_search, write_levels
from search.models import SearchEntry
from search.query import _FullText, _Words, search
from search.registry import registry
from tests.events.factories import EventDocumentFactory, EventFactory, RegistrationFactory
from tests.exchange.factories import QuestionFactory
from tests.factories import MunicipalityFactory
from tests.library.factories import ResourceFactory
from tests.projects.factories import ProjectFactory, RecommendationFactory
from tests.training.factories import ProjectTeamFactory

pytestmark = pytest.mark.django_db

EVERYONE, MEMBERS, RECORD = SearchEntry.Audience.values


def level_of(kind, obj):
    return SearchEntry.objects.get(kind=kind, object_id=obj.pk).audience


def found(user, query="Bahnhof", kind=None):
    results = search(user=user or AnonymousUser(), query=query, kind=kind)
    return {(hit.kind, hit.object_id) for group in results.groups for hit in group.hits}, results


@pytest.fixture
def station():
    """Events and documents about the station square, one of each level
    and a few the record decides."""
    public = EventFactory(title="Bahnhof offen", audience=Event.Audience.PUBLIC)
    members_only = EventFactory(title="Bahnhof intern", audience=Event.Audience.MEMBERS)
    draft = EventFactory(
        title="Bahnhof Entwurf", audience=Event.Audience.PUBLIC, status=Event.Status.DRAFT
    )
    working_group = EventFactory(
        title="Bahnhof Arbeitskreis", audience=Event.Audience.WORKING_GROUP
    )
    return {
        "public": public,
        "members_only": members_only,
        "draft": draft,
        "working_group": working_group,
        "public_slides": EventDocumentFactory(event=public, title="Bahnhof Folien"),
        "public_members_notes": EventDocumentFactory(
            event=public, title="Bahnhof Notizen", visibility=EventDocument.Visibility.MEMBERS
        ),
        "public_participants_list": EventDocumentFactory(
            event=public, title="Bahnhof Liste", visibility=EventDocument.Visibility.PARTICIPANTS
        ),
        "members_minutes": EventDocumentFactory(event=members_only, title="Bahnhof Protokoll"),
        "draft_agenda": EventDocumentFactory(event=draft, title="Bahnhof Ablauf"),
        "public_guide": ResourceFactory(
            title="Bahnhof Leitfaden", audience=Resource.Audience.PUBLIC
        ),
        "members_guide": ResourceFactory(
            title="Bahnhof Handbuch", audience=Resource.Audience.MEMBERS
        ),
        "alumni_guide": ResourceFactory(title="Bahnhof Alumni", audience=Resource.Audience.ALUMNI),
    }


LEVELS = {
    "public": EVERYONE,
    "members_only": MEMBERS,
    "draft": RECORD,
    "working_group": RECORD,
    "public_slides": EVERYONE,
    "public_members_notes": MEMBERS,
    "public_participants_list": RECORD,
    "members_minutes": MEMBERS,
    "draft_agenda": RECORD,
    "public_guide": EVERYONE,
    "members_guide": MEMBERS,
    "alumni_guide": RECORD,
}


def kind_of(obj):
    return {Event: "event", EventDocument: "event_document", Resource: "resource"}[type(obj)]


def levels(station):
    return {name: level_of(kind_of(obj), obj) for name, obj in station.items()}


def test_saving_writes_the_level(station):
    assert levels(station) == LEVELS


def test_rebuild_writes_the_levels_again(station):
    SearchEntry.objects.update(audience=RECORD)
    call_command("rebuild_search_index")
    assert levels(station) == LEVELS
    SearchEntry.objects.update(audience=EVERYONE)
    call_command("rebuild_search_index")
    assert levels(station) == LEVELS


def test_the_migration_writes_the_levels_of_existing_entries(station):
    from django.apps import apps

    migration = import_module("search.migrations.0004_search_entry_audience")
    SearchEntry.objects.update(audience=RECORD)  # as the new column leaves them
    migration.write_levels(apps, None)
    assert levels(station) == LEVELS


def test_a_changed_event_changes_its_level_and_its_documents(station):
    event = station["public"]
    event.audience = Event.Audience.MEMBERS
    event.save()
    assert level_of("event", event) == MEMBERS
    assert level_of("event_document", station["public_slides"]) == MEMBERS
    assert level_of("event_document", station["public_members_notes"]) == MEMBERS

    event.status = Event.Status.DRAFT
    event.save(update_fields=["status"])  # a partial save, as a service makes it
    assert level_of("event", event) == RECORD
    assert level_of("event_document", station["public_slides"]) == RECORD

    event.refresh_from_db()
    event.audience = Event.Audience.PUBLIC
    event.save(update_fields=["audience"])
    assert level_of("event", event) == RECORD  # still a draft
    services.cancel_event(event=event)  # cancelled, no longer a draft
    assert level_of("event", event) == EVERYONE
    assert level_of("event_document", station["public_slides"]) == EVERYONE
    assert level_of("event_document", station["public_members_notes"]) == MEMBERS


def test_a_document_changes_its_level_with_its_visibility(station):
    document = station["public_slides"]
    document.visibility = EventDocument.Visibility.PARTICIPANTS
    document.save(update_fields=["visibility"])
    assert level_of("event_document", document) == RECORD
    document.event = station["members_only"]
    document.visibility = EventDocument.Visibility.AS_EVENT
    document.save()
    assert level_of("event_document", document) == MEMBERS


def test_a_recommendation_is_open_to_members_while_its_analysis_is_shared():
    recommendation = RecommendationFactory(analysis__shared_with_members=False)
    assert level_of("recommendation", recommendation) == RECORD
    analysis = recommendation.analysis
    analysis.shared_with_members = True
    analysis.save(update_fields=["shared_with_members"])
    assert level_of("security_analysis", analysis) == MEMBERS
    assert level_of("recommendation", recommendation) == MEMBERS
    analysis.shared_with_members = False
    analysis.save()
    assert level_of("recommendation", recommendation) == RECORD


@pytest.fixture
def everything(station, member):
    """A record of every kind, of different levels."""
    MunicipalityFactory(name="Bahnhofstadt")
    ProjectFactory(title="Bahnhof Projekt")
    QuestionFactory(title="Bahnhof Frage")
    QuestionFactory(title="Bahnhof versteckt", hidden=True)
    RecommendationFactory(title="Bahnhof geteilt", analysis__shared_with_members=True)
    RecommendationFactory(title="Bahnhof eigen", analysis__shared_with_members=False)
    ProjectTeamFactory(title="Bahnhof Team")
    ProjectTeamFactory(title="Bahnhof umgesetzt", status="implemented")
    invited = EventFactory(title="Bahnhof Einladung", audience=Event.Audience.INVITED)
    invited.invited_municipalities.add(member.municipality)
    return station


@pytest.mark.parametrize("who", ["anonymous", "applicant", "member", "other_member", "staff"])
def test_the_levels_keep_the_promises_of_the_kinds(request, everything, who):
    """``everyone`` is exactly what an anonymous visitor may open and open
    to every person; ``members`` open to every member: checked on records
    of every kind."""
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    for entry in registry.searchables.values():
        model = entry.model._default_manager
        visible = set(entry.visible_to(user).values_list("pk", flat=True))
        if entry.everyone is not None:
            everyone = set(entry.everyone(model.all()).values_list("pk", flat=True))
            assert everyone <= visible, entry.kind
            if who == "anonymous":
                assert everyone == visible, entry.kind
        if entry.members is not None and who in ("member", "other_member"):
            members = set(entry.members(model.all()).values_list("pk", flat=True))
            assert members <= visible, entry.kind


def _matching(query):
    matcher = _FullText(query) if uses_full_text_search() else _Words(query)
    return set(matcher.matching().values_list("kind", "object_id"))


@pytest.mark.parametrize("who", ["anonymous", "applicant", "member", "other_member", "staff"])
def test_each_person_finds_what_the_records_allow(request, everything, who):
    """The search with the levels finds what asking every record finds."""
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    expected = {
        (kind, pk)
        for kind, pk in _matching("Bahnhof")
        if registry.searchables[kind].visible_to(user).filter(pk=pk).exists()
    }
    hits, results = found(user)
    kinds = {kind for kind, _ in expected}
    assert results.counts == {
        kind: sum(1 for found_kind, _ in expected if found_kind == kind) for kind in kinds
    }
    assert all(count <= 5 for count in results.counts.values())  # so all are shown
    assert hits == expected


def test_anonymous_visitors_find_neither_members_records_nor_drafts(station, client):
    hits, _ = found(None)
    names = {name for name, obj in station.items() if (kind_of(obj), obj.pk) in hits}
    assert names == {"public", "public_slides", "public_guide"}
    content = client.get(reverse("search:results"), {"q": "Bahnhof"}).content.decode()
    assert "Entwurf" not in content and "intern" not in content and "Notizen" not in content


def test_members_find_members_records_and_staff_the_drafts(station, member, staff):
    member_hits, _ = found(member)
    assert ("event", station["members_only"].pk) in member_hits
    assert ("event_document", station["public_members_notes"].pk) in member_hits
    assert ("event", station["draft"].pk) not in member_hits
    staff_hits, _ = found(staff)
    assert ("event", station["draft"].pk) in staff_hits
    assert ("event_document", station["draft_agenda"].pk) in staff_hits


def test_a_participant_finds_the_participants_list(station, member):
    RegistrationFactory(event=station["public"], user=member)
    hits, _ = found(member, query="Liste")
    assert hits == {("event_document", station["public_participants_list"].pk)}


@pytest.mark.parametrize("kind", [None, "event"])
def test_a_stale_level_never_shows_a_draft(station, client, kind):
    """A bulk update sends no signal: the entry of the draft says anyone
    may open it, yet no anonymous visitor sees its title or snippet."""
    draft = station["draft"]
    Event.objects.filter(pk=draft.pk).update(description="Bahnhof Geheimplan")
    SearchEntry.objects.filter(kind="event", object_id=draft.pk).update(
        audience=EVERYONE, text="Bahnhof Geheimplan"
    )
    hits, results = found(None, query="Bahnhof", kind=kind)
    assert ("event", draft.pk) not in hits
    assert ("event", station["public"].pk) in hits
    params = {"q": "Bahnhof", **({"kind": kind} if kind else {})}
    content = client.get(reverse("search:results"), params).content.decode()
    assert "Entwurf" not in content and "Geheimplan" not in content
    assert draft.get_absolute_url() not in content


def test_a_stale_level_shows_no_members_document_to_an_applicant(station, applicant):
    notes = station["public_members_notes"]
    SearchEntry.objects.filter(kind="event_document", object_id=notes.pk).update(audience=EVERYONE)
    hits, _ = found(applicant, query="Notizen")
    assert hits == set()
    hits, _ = found(applicant, query="Notizen", kind="event_document")
    assert hits == set()


# ---------------------------------------------------------------------------
# What the levels are for (issue 13).

requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: its query plans"
)
MANY = 3000


def _many_about_the_station():
    """``MANY`` events and as many documents that all mention the station,
    most public or for members, some drafts, for the working group, for
    participants – indexed in bulk, as the benchmark does – and fresh
    planner statistics."""
    start = timezone.now() - timedelta(days=400)
    audiences = [Event.Audience.PUBLIC, Event.Audience.MEMBERS, Event.Audience.MEMBERS]
    events = Event.objects.bulk_create(
        Event(
            title=f"Bahnhof Treffen {number}",
            slug=f"bahnhof-treffen-{number}",
            kind=Event.Kind.REGIONAL_MEETING,
            region=Event.Region.DRESDEN,
            audience=Event.Audience.WORKING_GROUP if number % 20 == 0 else audiences[number % 3],
            status=Event.Status.DRAFT if number % 25 == 1 else Event.Status.PUBLISHED,
            starts_at=start + timedelta(hours=number),
            ends_at=start + timedelta(hours=number + 2),
            venue_name="Rathaus",
            description="Streetwork am Bahnhof und im Park.",
        )
        for number in range(MANY)
    )
    visibilities = [
        EventDocument.Visibility.AS_EVENT,
        EventDocument.Visibility.AS_EVENT,
        EventDocument.Visibility.MEMBERS,
        EventDocument.Visibility.PARTICIPANTS,
    ]
    EventDocument.objects.bulk_create(
        EventDocument(
            event=event,
            title=f"Bahnhof Folien {number}",
            kind=EventDocument.Kind.SLIDES,
            file="events/2025/folien.pdf",
            visibility=visibilities[number % 4],
        )
        for number, event in enumerate(events)
    )
    for kind in ("event", "event_document"):
        entry = registry.searchables[kind]
        SearchEntry.objects.bulk_create(
            SearchEntry(kind=kind, object_id=obj.pk, **entry_values(entry, obj))
            for obj in entry.indexed_queryset()
        )
        write_levels(entry)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@requires_postgresql
@pytest.mark.parametrize("kind", [None, "event_document"])
def test_an_anonymous_search_reads_no_event_or_document_in_full(kind):
    """An anonymous visitor's search reads the index alone. (A member's
    asks the records of the entries no level opens to them; whether by
    primary key or by reading a table of a few thousand rows is the
    planner's choice by the tables' sizes: the benchmark checks it at ten
    times Saxony's size.)"""
    _many_about_the_station()
    with CaptureQueriesContext(connection) as captured:
        hits, results = found(None, kind=kind)
    assert results.counts["event"] > MANY / 4 and results.counts["event_document"] > MANY / 10
    assert hits
    queries = [query["sql"] for query in captured.captured_queries]
    assert any("search_searchentry" in sql for sql in queries)
    for sql in queries:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            tables, plan = seq_scans(sql)
            assert not {"events_event", "events_eventdocument"} & set(tables), plan


def test_a_members_search_counts_what_the_records_allow_among_many(member):
    """The records asked in a subquery of their own still decide: a member
    who is not in the working group counts neither its events nor drafts,
    and of the participants' documents only those of an event they
    attended."""
    _many_about_the_station()
    attended = (
        EventDocument.objects.filter(
            visibility=EventDocument.Visibility.PARTICIPANTS,
            event__audience=Event.Audience.PUBLIC,
            event__status=Event.Status.PUBLISHED,
        )
        .first()
        .event
    )
    RegistrationFactory(event=attended, user=member, status="confirmed")
    participants_documents = EventDocument.objects.visible_to(member).filter(
        visibility=EventDocument.Visibility.PARTICIPANTS
    )
    assert list(participants_documents.values_list("event", flat=True)) == [attended.pk]
    _, results = found(member)
    assert results.counts["event"] == Event.objects.visible_to(member).count()
    assert results.counts["event_document"] == EventDocument.objects.visible_to(member).count()
