import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from search.query import search
from search.text import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, clean_query
from tests.events.factories import EventDocumentFactory, EventFactory
from tests.factories import MemberFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "",
    " ",
    "a",
    '"',
    "&",
    ":",
    "*",
    "'",
    "%",
    "!",
    "\\",
    "()",
    "<>",
    "a:*",
    "!!&&||",
    "'); DROP TABLE search_searchentry; --",
    "1' OR '1'='1",
    "Jugend\x00Bahnhof",
    "\x00",
    "x" * 10_000,
    "Bahnhof " * 2_000,
    "-",
    "- -Bahnhof",
    '"Jugend am',
    "or",
    "die der das",
    "😀 Jugend",
    "\u202eJugend",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_give_a_sensible_page(query, client_for, member):
    EventFactory(title="Jugend am Bahnhof", description="Streetwork am Abend")
    response = client_for(member).get(reverse("search:results"), {"q": query})
    assert response.status_code == 200
    cleaned = response.context["query"]
    assert "\x00" not in cleaned
    assert len(cleaned) <= MAX_QUERY_LENGTH
    assert len(cleaned.split()) <= MAX_QUERY_WORDS


def test_a_short_query_gives_a_hint_and_runs_no_search(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the topics of the filter, no search
        response = client.get(reverse("search:results"), {"q": "a"})
    assert response.context["results"] is None
    assert "at least two characters" in response.content.decode() or "mindestens zwei" in (
        response.content.decode()
    )


def test_queries_are_bounded_and_cleaned():
    assert clean_query("Jugend\x00Bahnhof\x07 ") == "Jugend Bahnhof"
    assert clean_query("wort " * 50) == " ".join(["wort"] * MAX_QUERY_WORDS)
    assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH
    assert clean_query(None) == ""


def test_a_wrong_kind_or_topic_still_searches(client_for, member):
    EventFactory(title="Jugend am Bahnhof")
    response = client_for(member).get(
        reverse("search:results"), {"q": "Bahnhof", "kind": "nonsense", "topic": "gibtsnicht"}
    )
    assert response.status_code == 200
    assert response.context["results"].total == 1


def test_every_page_has_the_search_box(client):
    content = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search:results")}"' in content
    assert 'for="site-search-query"' in content


def test_results_link_to_what_was_found(client_for, member):
    event = EventFactory(title="Jugend am Bahnhof")
    content = client_for(member).get(reverse("search:results"), {"q": "Bahnhof"}).content
    assert f'href="{event.get_absolute_url()}"' in content.decode()


def _fill(count, municipality):
    for number in range(count):
        event = EventFactory(title=f"Bahnhof Treffen {number}", audience="invited")
        event.invited_municipalities.add(municipality)
        EventDocumentFactory(event=event, title=f"Bahnhof Protokoll {number}")
        MemberFactory(first_name="Bahnhof", last_name=f"Person {number}", listed_in_directory=True)
        MunicipalityFactory(name=f"Bahnhofstadt {number}")


@pytest.mark.parametrize("kind", [None, "event"])
def test_the_search_page_runs_a_constant_number_of_queries(
    kind, client_for, member, django_assert_max_num_queries
):
    client = client_for(member)
    params = {"q": "Bahnhof"} | ({"kind": kind} if kind else {})
    _fill(2, member.municipality)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("search:results"), params)
    _fill(30, member.municipality)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("search:results"), params)
    assert response.context["results"].total >= 90


def test_a_kind_without_matches_points_to_the_others(client_for, member):
    EventFactory(title="Jugend am Bahnhof")
    response = client_for(member).get(
        reverse("search:results"), {"q": "Bahnhof", "kind": "municipality"}
    )
    assert response.context["results"].groups == []
    assert response.context["results"].counts == {"event": 1}
    content = response.content.decode()
    assert "?q=Bahnhof&amp;kind=event" in content


@given(text=st.text(max_size=300))
@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_text_makes_the_search_fail(text, member):
    query = clean_query(text)
    assert len(query) <= MAX_QUERY_LENGTH and "\x00" not in query
    search(user=member, query=query)
    search(user=member, query=query, kind="event", page="x")


def test_one_kind_is_shown_page_by_page(client_for, member):
    for number in range(25):
        EventFactory(title=f"Bahnhof Treffen {number}")
    client = client_for(member)
    first = client.get(reverse("search:results"), {"q": "Bahnhof"}).context["results"]
    assert first.groups[0].count == 25 and len(first.groups[0].hits) == 5
    assert first.groups[0].has_more
    second = client.get(reverse("search:results"), {"q": "Bahnhof", "kind": "event", "page": 2})
    group = second.context["results"].groups[0]
    assert group.page.number == 2 and len(group.hits) == 5
    assert 'rel="prev"' in second.content.decode()
