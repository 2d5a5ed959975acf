"""A result a person may not open never appears: not in the list, not in a
count, not in a snippet."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from search.query import search
from search.registry import registry

pytestmark = pytest.mark.django_db

SECRETS = {
    # what -> a word only its own text contains
    "members_only": "Mitgliederwissen",
    "invited": "Einladungswissen",
    "participants_only": "Teilnehmerwissen",
}


def found_titles(user, query="Bahnhof"):
    results = search(user=user, query=query)
    return {hit.object for group in results.groups for hit in group.hits}, results


@pytest.fixture
def people(applicant, member, other_member, staff):
    return {
        "anonymous": None,
        "applicant": applicant,
        "member": member,
        "other_member": other_member,
        "staff": staff,
    }


KINDS = {
    "public": "event",
    "members_only": "event",
    "invited": "event",
    "slides": "event_document",
    "participants_only": "event_document",
    "listed": "person",
}

EXPECTED = {
    "anonymous": {"public"},
    "applicant": {"public"},
    "member": {"public", "members_only", "invited", "slides", "listed"},
    "other_member": {"public", "members_only", "slides", "listed"},
    "staff": {"public", "members_only", "invited", "slides", "participants_only", "listed"},
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_each_person_finds_exactly_what_they_may_open(who, people, bahnhof, client_for):
    from django.contrib.auth.models import AnonymousUser

    user = people[who] or AnonymousUser()
    objects, results = found_titles(user)
    expected = {bahnhof[name] for name in EXPECTED[who]}
    assert objects == expected
    assert results.total == len(expected)

    response = client_for(people[who]).get(reverse("search:results"), {"q": "Bahnhof"})
    assert response.status_code == 200
    content = response.content.decode()
    assert response.context["results"].total == len(expected)
    for name, thing in bahnhof.items():
        if name == "unlisted":
            continue
        address = registry.searchables[KINDS[name]].url_of(thing)
        shown = f'href="{escape(address)}"' in content
        assert shown == (name in EXPECTED[who]), (who, name)
    for name, word in SECRETS.items():
        if name not in EXPECTED[who]:
            assert word not in content
    assert "Berta" not in content  # not listed in the directory: never found


@pytest.mark.parametrize("who", ["anonymous", "applicant", "other_member"])
def test_hidden_words_find_nothing_and_count_nothing(who, people, bahnhof, client_for):
    for name, word in SECRETS.items():
        if name in EXPECTED[who]:
            continue
        response = client_for(people[who]).get(reverse("search:results"), {"q": word})
        assert response.context["results"].total == 0
        assert response.context["results"].counts == {}
        assert response.context["results"].groups == []
        assert "<mark>" not in response.content.decode()


def test_participants_see_the_participants_document(bahnhof, member):
    from tests.events.factories import RegistrationFactory

    RegistrationFactory(event=bahnhof["public"], user=member)
    objects, _results = found_titles(member, "Teilnehmerwissen")
    assert objects == {bahnhof["participants_only"]}


def test_municipalities_are_found_by_members_only(member, applicant):
    name = member.municipality.name
    assert found_titles(member, name)[0] == {member.municipality}
    assert found_titles(applicant, name)[0] == set()


def test_kind_filter_shows_one_kind_with_the_counts_of_all(member, bahnhof, client_for):
    response = client_for(member).get(
        reverse("search:results"), {"q": "Bahnhof", "kind": "event_document"}
    )
    results = response.context["results"]
    assert [group.kind for group in results.groups] == ["event_document"]
    assert results.counts == {"event": 3, "event_document": 1, "person": 1}
