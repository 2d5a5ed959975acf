"""The search needs the same few queries for one match of every kind and
for 15 more of each, and still finds exactly what the person may open."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events.audiences import Audience
from events.models import EventDocument
from tests.events.factories import EventDocumentFactory, EventFactory
from tests.exchange.factories import QuestionFactory
from tests.factories import MemberFactory
from tests.library.factories import ResourceFactory
from tests.projects.factories import ProjectFactory
from tests.query_budget import get_within_budget

pytestmark = pytest.mark.django_db

AUDIENCES = [Audience.PUBLIC, Audience.MEMBERS, Audience.WORKING_GROUP]


@pytest.fixture
def fill():
    """``fill(n)`` adds n records of every searchable kind about the
    station square, of every audience in turn; returns the titles found
    by anyone, by members, and by nobody but staff."""
    made = {"numbered": 0}
    titles = {"public": set(), "members": set(), "staff": set()}

    def add(count):
        for _ in range(count):
            made["numbered"] += 1
            number = made["numbered"]
            audience = AUDIENCES[number % len(AUDIENCES)]
            seen_by = {
                Audience.PUBLIC: "public",
                Audience.MEMBERS: "members",
                Audience.WORKING_GROUP: "staff",
            }[audience]
            resource = ResourceFactory(title=f"Bahnhof Leitfaden {number}", audience=audience)
            starts = timezone.now() - timedelta(days=number)
            event = EventFactory(
                title=f"Bahnhof Treffen {number}",
                audience=audience,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
            )
            document = EventDocumentFactory(
                event=event,
                title=f"Bahnhof Folien {number}",
                visibility=EventDocument.Visibility.AS_EVENT,
            )
            project = ProjectFactory(title=f"Bahnhof Projekt {number}")
            question = QuestionFactory(title=f"Bahnhof Frage {number}")
            person = MemberFactory(
                first_name=f"Bruno {number}", last_name="Bahnhof", listed_in_directory=True
            )
            titles[seen_by] |= {resource.title, str(event), document.title}
            titles["members"] |= {project.title, question.title, str(person)}
        return titles

    return add


def _found(response):
    results = response.context["results"]
    return {hit.object_id for group in results.groups for hit in group.hits}, results


@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_the_search_needs_few_queries_whatever_the_matches(request, client_for, fill, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    client = client_for(user)
    url = reverse("search:results")
    fill(len(AUDIENCES))
    _few, few = get_within_budget(client, url, q="Bahnhof")
    titles = fill(15)
    response, many = get_within_budget(client, url, q="Bahnhof")
    assert len(many) == len(few), many.describe()
    results = response.context["results"]
    kinds = {group.kind for group in results.groups}
    if who == "anonymous":
        assert kinds == {"resource", "event", "event_document"}
    else:
        assert {"resource", "event", "event_document", "project", "question", "person"} <= kinds
    assert all(len(group.hits) == 5 for group in results.groups)  # several per kind
    content = response.content.decode()
    visible = {
        "anonymous": titles["public"],
        "member": titles["public"] | titles["members"],
        "staff": set().union(*titles.values()),
    }[who]
    hidden = set().union(*titles.values()) - visible
    for group in results.groups:
        for hit in group.hits:
            assert hit.url and f'href="{hit.url}"' in content
    assert not any(f">{title}<" in content for title in hidden)
    assert results.counts["resource"] == sum(1 for title in visible if "Leitfaden" in title)


@pytest.mark.parametrize("who", ["member", "staff"])
def test_a_page_of_one_kind_needs_no_more(request, client_for, fill, who):
    client = client_for(request.getfixturevalue(who))
    fill(len(AUDIENCES))
    url = reverse("search:results")
    _few, few = get_within_budget(client, url, q="Bahnhof", kind="event", page="2")
    fill(45)
    response, many = get_within_budget(client, url, q="Bahnhof", kind="event", page="2")
    assert len(many) == len(few), many.describe()
    (group,) = response.context["results"].groups
    assert group.page.number == 2
    assert len(group.hits) == min(20, group.count - 20) > 10
    assert all(hit.kind == "event" and hit.url for hit in group.hits)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: typos are matched with pg_trgm"
)
def test_a_misspelt_word_needs_no_more_for_more_matches(client_for, member, fill):
    client = client_for(member)
    fill(len(AUDIENCES))
    url = reverse("search:results")
    _few, few = get_within_budget(client, url, q="Bahnhfo")
    fill(15)
    response, many = get_within_budget(client, url, q="Bahnhfo")
    assert len(many) == len(few), many.describe()
    assert response.context["results"].typo_tolerant
    assert response.context["results"].total > 15
