"""The library's list and the topic pages need the same few queries for one
row of every audience and for 15 more, and still show exactly what the person may see."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from asskomm.models import Topic
from events.audiences import Audience
from events.models import Event, EventDocument
from tests.events.factories import EventDocumentFactory, EventFactory
from tests.exchange.factories import QuestionFactory
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.library.factories import ResourceFactory
from tests.projects.factories import ProjectFactory
from tests.query_budget import get_within_budget

pytestmark = pytest.mark.django_db

AUDIENCES = [Audience.PUBLIC, Audience.MEMBERS, Audience.WORKING_GROUP, Audience.INVITED]


@pytest.fixture
def topics():
    return [
        Topic.objects.create(name="Jugend (Budget)", slug="jugend-budget"),
        Topic.objects.create(name="Öffentlicher Raum (Budget)", slug="raum-budget"),
    ]


@pytest.fixture
def fill(topics, invited_town):
    """``fill(n)`` adds n resources, n event documents, n projects and n
    questions of each topic, of every audience in turn, with their own
    publishers and organisers; returns the titles by audience."""
    made = {"numbered": 0}
    titles = {audience: set() for audience in AUDIENCES}

    def add(count):
        for _ in range(count):
            made["numbered"] += 1
            number = made["numbered"]
            audience = AUDIENCES[number % len(AUDIENCES)]
            invited = [invited_town] if audience == Audience.INVITED else []
            resource = ResourceFactory(
                title=f"Leitfaden B{number}",
                audience=audience,
                invited=invited,
                topics=topics,
                published_on=date(2015, 1, 1) + timedelta(days=number * 40),
                publisher_organisation=OrganisationFactory() if number % 2 else None,
                publisher_municipality=None if number % 2 else MunicipalityFactory(),
            )
            starts = timezone.now() - timedelta(days=number * 30)
            event = EventFactory(
                title=f"Treffen B{number}",
                audience=audience,
                organiser=OrganisationFactory(),
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                kind=Event.Kind.FACHTAG if number % 3 == 0 else Event.Kind.REGIONAL_MEETING,
            )
            event.invited_municipalities.set(invited)
            event.topics.set(topics[:1])
            document = EventDocumentFactory(
                event=event,
                title=f"Doku B{number}",
                kind=EventDocument.Kind.DOCUMENTATION,
                visibility=EventDocument.Visibility.AS_EVENT,
            )
            document.topics.set(topics[1:])
            ProjectFactory(title=f"Projekt B{number}").topics.set(topics)
            QuestionFactory(title=f"Frage B{number}").topics.set(topics)
            titles[audience] |= {resource.title, document.title}
        return titles

    return add


def _shown(response):
    return {entry.title for entry in response.context["entries"]}


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", {Audience.PUBLIC}),
        ("member", {Audience.PUBLIC, Audience.MEMBERS}),
        ("invited_member", {Audience.PUBLIC, Audience.MEMBERS, Audience.INVITED}),
        ("staff", set(AUDIENCES)),
    ],
)
def test_the_library_needs_few_queries_whatever_the_rows(request, client_for, fill, who, sees):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(user)
    url = reverse("library:list")
    fill(len(AUDIENCES))  # one of each audience
    _few, few = get_within_budget(client, url)
    titles = fill(15)
    response, many = get_within_budget(client, url)
    assert len(many) == len(few), many.describe()
    visible = set().union(*(titles[audience] for audience in sees))
    hidden = set().union(*titles.values()) - visible
    assert response.context["page_obj"].paginator.count == len(visible)
    shown = _shown(response)
    assert len(shown) == min(20, len(visible))
    assert shown <= visible
    content = response.content.decode()
    assert "Jugend (Budget)" in content  # the entries' topics
    assert not any(f">{title}<" in content for title in hidden)


def test_a_filtered_later_page_needs_no_more(client_for, staff, fill, topics):
    client = client_for(staff)
    fill(17)
    params = {"topic": topics[0].slug, "page": "2", "year": "", "q": "B"}
    response, counted = get_within_budget(client, reverse("library:list"), **params)
    assert response.context["page_obj"].number == 2
    assert _shown(response)


@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_a_topic_page_needs_few_queries_whatever_the_rows(request, client_for, fill, topics, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(user)
    url = topics[0].get_absolute_url()
    fill(len(AUDIENCES))  # one of each audience
    _few, few = get_within_budget(client, url)
    fill(15)
    response, many = get_within_budget(client, url)
    assert len(many) == len(few), many.describe()
    content = response.content.decode()
    assert ("Leitfaden B" in content) is True  # public ones for everyone
    assert ("Projekt B" in content) == (who != "anonymous")
    assert ("Frage B" in content) == (who != "anonymous")
    if who == "member":
        assert "Leitfaden B2<" not in content  # working group only (2 % 4 == 2)
