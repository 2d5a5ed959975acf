"""The library's list (resources and event documents together) and the
topic pages."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from asskomm.models import Topic
from events.models import Event, EventDocument
from library import catalogue
from library.models import Resource
from library.views import PAGE_SIZE
from tests.events.factories import EventDocumentFactory, EventFactory
from tests.factories import OrganisationFactory
from tests.library.factories import ResourceFactory

pytestmark = pytest.mark.django_db

Audience = Resource.Audience


def _past_event(**kwargs):
    starts = kwargs.pop("starts_at", timezone.now() - timedelta(days=30))
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=3), **kwargs)


def _titles(user, **criteria):
    return [row["entry_title"] for row in catalogue.entries(user, criteria)]


@pytest.fixture
def youth():
    return Topic.objects.create(name="Jugend (Test)", slug="jugend-test")


class TestOneList:
    def test_resources_and_event_documents_newest_first(self, member):
        ResourceFactory(title="Alt", published_on=date(2020, 1, 1))
        ResourceFactory(title="Neu", published_on=date(2024, 6, 1))
        event = _past_event(starts_at=timezone.make_aware(timezone.datetime(2022, 3, 1, 10)))
        EventDocumentFactory(event=event, title="Protokoll 2022")
        assert _titles(member) == ["Neu", "Protokoll 2022", "Alt"]

    def test_lists_only_what_the_person_may_see(self, member, invited_town):
        ResourceFactory(title="Öffentlich", audience=Audience.PUBLIC)
        ResourceFactory(title="Mitglieder")
        ResourceFactory(title="Zittau", audience=Audience.INVITED, invited=[invited_town])
        ResourceFactory(title="AG", audience=Audience.WORKING_GROUP)
        public_event = _past_event(audience=Event.Audience.PUBLIC)
        EventDocumentFactory(event=public_event, title="Doku öffentlich")
        EventDocumentFactory(
            event=public_event,
            title="Nur Teilnehmende",
            visibility=EventDocument.Visibility.PARTICIPANTS,
        )
        EventDocumentFactory(event=_past_event(), title="Doku Mitglieder")
        assert set(_titles(AnonymousUser())) == {"Öffentlich", "Doku öffentlich"}
        assert set(_titles(member)) == {
            "Öffentlich",
            "Mitglieder",
            "Doku öffentlich",
            "Doku Mitglieder",
        }

    def test_page_shows_kind_file_type_and_size_and_the_event(self, client_for, member):
        ResourceFactory(title="Videoschutz im öffentlichen Raum", file_size=1_258_291)
        event = _past_event(title="Fachimpuls: Jugend am Bahnhof")
        EventDocumentFactory(event=event, title="Folien", kind="slides", file_size=2048)
        content = client_for(member).get(reverse("library:list")).content.decode()
        assert "Videoschutz im öffentlichen Raum" in content
        assert "PDF, 1,2 MB" in content
        assert "PDF, 2 KB" in content
        assert event.get_absolute_url() in content

    def test_empty_state(self, client_for):
        content = client_for(None).get(reverse("library:list")).content.decode()
        assert "0 Einträge" in content
        assert 'class="empty"' in content


class TestFilters:
    def test_text_kind_year_audience(self, member):
        ResourceFactory(
            title="Jugend am Bahnhof",
            summary="Streetwork",
            kind=Resource.Kind.GUIDE,
            published_on=date(2024, 3, 1),
        )
        ResourceFactory(
            title="Videoschutz", kind=Resource.Kind.STUDY, published_on=date(2023, 3, 1)
        )
        ResourceFactory(
            title="Öffentlich",
            audience=Audience.PUBLIC,
            kind=Resource.Kind.LINK,
            published_on=date(2022, 1, 1),
            file="",
            external_url="https://www.lpr.sachsen.de",
        )
        event = _past_event(
            title="Fachimpuls Bahnhof",
            starts_at=timezone.make_aware(timezone.datetime(2024, 5, 1, 10)),
        )
        EventDocumentFactory(event=event, title="Jugend: Folien", kind="slides")
        assert set(_titles(member, q="Jugend Bahnhof")) == {"Jugend am Bahnhof", "Jugend: Folien"}
        assert _titles(member, kind=Resource.Kind.EXPERT_INPUT) == ["Jugend: Folien"]
        assert _titles(member, kind=Resource.Kind.STUDY) == ["Videoschutz"]
        assert set(_titles(member, year=2024)) == {"Jugend am Bahnhof", "Jugend: Folien"}
        assert _titles(member, audience=Audience.PUBLIC) == ["Öffentlich"]

    def test_topic_of_a_resource_of_a_document_or_of_its_event(self, member, youth):
        ResourceFactory(title="Mit Thema", topics=[youth])
        ResourceFactory(title="Ohne Thema")
        tagged_event = _past_event()
        tagged_event.topics.add(youth)
        EventDocumentFactory(event=tagged_event, title="Über die Veranstaltung")
        document = EventDocumentFactory(event=_past_event(), title="Eigenes Thema")
        document.topics.add(youth)
        EventDocumentFactory(event=_past_event(), title="Anderes")
        assert set(_titles(member, topic=youth)) == {
            "Mit Thema",
            "Über die Veranstaltung",
            "Eigenes Thema",
        }

    def test_publisher(self, member):
        lpr = OrganisationFactory(name="Landespräventionsrat Sachsen")
        other = OrganisationFactory()
        ResourceFactory(title="Vom LPR", publisher_organisation=lpr)
        ResourceFactory(title="Von anderen", publisher_organisation=other)
        ResourceFactory(title="Von Leipzig", publisher_municipality=member.municipality)
        EventDocumentFactory(event=_past_event(organiser=lpr), title="LPR-Veranstaltung")
        assert set(_titles(member, publisher=("organisation", lpr.pk))) == {
            "Vom LPR",
            "LPR-Veranstaltung",
        }
        assert _titles(member, publisher=("municipality", member.municipality.pk)) == [
            "Von Leipzig"
        ]

    def test_through_the_page_with_the_offered_choices(self, client_for, member, youth):
        lpr = OrganisationFactory(name="Landespräventionsrat Sachsen")
        ResourceFactory(
            title="Gesucht",
            topics=[youth],
            publisher_organisation=lpr,
            published_on=date(2023, 1, 1),
        )
        ResourceFactory(title="Nicht gesucht")
        page = client_for(member).get(
            reverse("library:list"),
            {"topic": youth.slug, "publisher": f"organisation-{lpr.pk}", "year": "2023"},
        )
        assert [entry.title for entry in page.context["entries"]] == ["Gesucht"]
        content = page.content.decode()
        assert "Landespräventionsrat Sachsen" in content
        assert '<option value="2023" selected>2023</option>' in content

    def test_a_choice_no_longer_offered_is_ignored(self, client_for, member):
        ResourceFactory(title="Da")
        page = client_for(member).get(reverse("library:list"), {"topic": "gibt-es-nicht"})
        assert page.status_code == 200
        assert [entry.title for entry in page.context["entries"]] == ["Da"]


class TestPaging:
    def test_pages_of_twenty(self, client_for, member):
        ResourceFactory.create_batch(PAGE_SIZE + 3)
        client = client_for(member)
        assert len(client.get(reverse("library:list")).context["entries"]) == PAGE_SIZE
        second = client.get(reverse("library:list"), {"page": 2})
        assert len(second.context["entries"]) == 3

    def test_queries_do_not_grow_with_the_rows(
        self, client_for, member, youth, django_assert_max_num_queries
    ):
        client = client_for(member)

        def add(count):
            for _ in range(count):
                ResourceFactory(topics=[youth], publisher_organisation=OrganisationFactory())
                event = _past_event(organiser=OrganisationFactory())
                event.topics.add(youth)
                EventDocumentFactory(event=event).topics.add(youth)

        add(2)
        client.get(reverse("library:list"))  # session, content types: warm up
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get(reverse("library:list"))
        add(15)
        with django_assert_max_num_queries(len(few)):
            response = client.get(reverse("library:list"))
        assert len(response.context["entries"]) == PAGE_SIZE


class TestFachtagDocumentation:
    def test_is_one_click_from_the_start(self, client_for):
        fachtag = _past_event(
            title="2. ASSKomm-Fachtag", kind=Event.Kind.FACHTAG, audience=Event.Audience.PUBLIC
        )
        documentation = EventDocumentFactory(
            event=fachtag, title="Dokumentation des Fachtags", kind="documentation"
        )
        content = client_for(None).get(reverse("library:list")).content.decode()
        assert "Dokumentation des Fachtags" in content
        assert documentation.get_absolute_url() in content


class TestTopicPage:
    def test_gathers_resources_events_and_documents_the_person_may_see(
        self, client_for, member, youth, invited_town
    ):
        ResourceFactory(title="Leitfaden Jugend", topics=[youth])
        ResourceFactory(
            title="Nur für Zittau",
            topics=[youth],
            audience=Audience.INVITED,
            invited=[invited_town],
        )
        event = EventFactory(title="Treffen Jugend")
        event.topics.add(youth)
        EventDocumentFactory(event=_past_event(), title="Doku Jugend").topics.add(youth)
        EventFactory(title="Anderes Treffen")
        url = reverse("topic", kwargs={"slug": youth.slug})
        assert youth.get_absolute_url() == url
        content = client_for(member).get(url).content.decode()
        for title in ("Leitfaden Jugend", "Treffen Jugend", "Doku Jugend"):
            assert title in content
        assert "Nur für Zittau" not in content
        assert "Anderes Treffen" not in content
        anonymous = client_for(None)
        anonymous.logout()
        assert "Leitfaden Jugend" not in anonymous.get(url).content.decode()

    def test_unknown_topic_is_404(self, client_for):
        assert client_for(None).get("/topics/gibt-es-nicht/").status_code == 404


def test_an_event_page_links_its_topics(client_for, member, youth):
    event = EventFactory()
    event.topics.add(youth)
    content = client_for(member).get(event.get_absolute_url()).content.decode()
    assert f'href="{youth.get_absolute_url()}"' in content


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"Öffentlich"}),
        ("applicant", {"Öffentlich"}),
        ("other_member", {"Öffentlich", "Mitglieder"}),
        ("invited_member", {"Öffentlich", "Mitglieder", "Zittau"}),
        ("staff", {"Öffentlich", "Mitglieder", "Zittau", "AG"}),
    ],
)
def test_the_page_lists_per_kind_of_person(client_for, request, invited_town, who, expected):
    ResourceFactory(title="Öffentlich", audience=Audience.PUBLIC)
    ResourceFactory(title="Mitglieder")
    ResourceFactory(title="Zittau", audience=Audience.INVITED, invited=[invited_town])
    ResourceFactory(title="AG", audience=Audience.WORKING_GROUP)
    user = None if who == "anonymous" else request.getfixturevalue(who)
    page = client_for(user).get(reverse("library:list"))
    assert {entry.title for entry in page.context["entries"]} == expected
    assert page.context["page_obj"].paginator.count == len(expected)


def test_the_topic_page_needs_the_same_queries_for_more_rows(
    client_for, member, youth, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(member)
    url = youth.get_absolute_url()

    def add(count):
        for _ in range(count):
            ResourceFactory(topics=[youth])
            event = _past_event()
            event.topics.add(youth)
            EventDocumentFactory(event=event)

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(12)
    with django_assert_max_num_queries(len(few)):
        content = client.get(url).content.decode()
    assert len(re.findall(r">Leitfaden \d+</a>", content)) == 10  # the newest ten


def test_a_document_shows_its_own_and_its_events_topics(client_for, member, youth):
    other = Topic.objects.create(name="Sucht (Test)", slug="sucht-test")
    event = _past_event()
    event.topics.add(youth)
    EventDocumentFactory(event=event).topics.add(other)
    [entry] = client_for(member).get(reverse("library:list")).context["entries"]
    assert entry.topics == [youth, other]


def test_the_topic_page_shows_what_other_apps_declare_with_topics(
    client_for, member, youth, monkeypatch
):
    """An app that declares a ``topics`` relation in its ``search.py`` (the
    projects, for example) appears on the topic page without changes here."""
    from types import SimpleNamespace

    from library import topics

    declared = SimpleNamespace(
        SEARCHABLES=[
            {
                "kind": "project",
                "label": "Gute Praxis (Test)",
                "visible_to": lambda user: Event.objects.visible_to(user),
                "topics": "topics",
            },
            {"kind": "untagged", "label": "Ohne Themen", "visible_to": None, "topics": None},
        ]
    )
    monkeypatch.setattr(topics, "module_has_submodule", lambda module, name: True)
    monkeypatch.setattr(
        topics,
        "import_module",
        lambda name: declared if name == "training.search" else SimpleNamespace(),
    )
    EventFactory(title="Projekt Jugendtreff").topics.add(youth)
    content = client_for(member).get(youth.get_absolute_url()).content.decode()
    assert "Gute Praxis (Test)" in content
    assert content.count("Projekt Jugendtreff") == 2  # as an event and as declared
    assert "Ohne Themen" not in content
