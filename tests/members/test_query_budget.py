"""The member pages ask a constant, small number of queries (issue 13)."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, MunicipalityFactory, OrganisationFactory
from tests.projects.factories import TopicFactory
from tests.query_budget import BUDGET, queries_of
from tests.training.factories import CohortFactory, ProjectTeamFactory
from training.models import ProjectTeam

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics(db):
    return [TopicFactory(name=name) for name in ("Jugend", "Öffentlicher Raum", "Sucht")]


def listed_people(count, *, topics, places):
    """``count`` people in the directory, spread over ``places`` (each a
    municipality or an organisation), each with two fields of work."""
    people = []
    for number in range(count):
        place = places[number % len(places)]
        affiliation = (
            {"municipality": place}
            if place._meta.model_name == "municipality"
            else {"municipality": None, "organisation": place}
        )
        person = MemberFactory(listed_in_directory=True, **affiliation)
        person.expertise_topics.set([topics[number % 3], topics[(number + 1) % 3]])
        people.append(person)
    return people


class TestDirectory:
    def test_a_full_page_asks_as_few_queries_as_a_single_person(
        self, client_for, member, topics, django_assert_max_num_queries
    ):
        places = MunicipalityFactory.create_batch(5, member_since="2020-01-01")
        places += OrganisationFactory.create_batch(3)
        listed_people(1, topics=topics, places=places)
        client = client_for(member)
        _response, few = queries_of(client, reverse("members:directory"))

        people = listed_people(29, topics=topics, places=places)
        with django_assert_max_num_queries(min(len(few), BUDGET)):
            response = client.get(reverse("members:directory"))

        page = list(response.context["page_obj"].object_list)
        assert response.context["paginator"].count == 30
        assert len(page) == 25
        content = response.content.decode()
        for person in page:
            assert person.email in content
        # Fields of work in German order, from the people's own query.
        assert "Fields of work" not in content
        assert people[0].expertise_topic_names == ["Jugend", "Öffentlicher Raum"]
        assert "Jugend, Öffentlicher Raum" in content
        assert places[5].name in content  # an organisation's people are shown with it

    def test_the_second_page_and_a_filter_keep_the_budget(
        self, client_for, member, topics, django_assert_max_num_queries
    ):
        places = MunicipalityFactory.create_batch(4, member_since="2020-01-01")
        people = listed_people(40, topics=topics, places=places)
        client = client_for(member)
        with django_assert_max_num_queries(BUDGET):
            second = client.get(reverse("members:directory"), {"page": 2})
        assert len(second.context["page_obj"].object_list) == 15
        with django_assert_max_num_queries(BUDGET):
            filtered = client.get(
                reverse("members:directory"),
                {"municipality": places[0].pk, "topic": topics[0].pk},
            )
        expected = {
            person.pk
            for person in people
            if person.municipality == places[0] and topics[0] in person.expertise_topics.all()
        }
        assert {person.pk for person in filtered.context["page_obj"].object_list} == expected


class TestMunicipalities:
    def test_the_list_asks_a_constant_number_of_queries(
        self, client_for, member, topics, django_assert_max_num_queries
    ):
        towns = MunicipalityFactory.create_batch(20, member_since="2020-01-01")
        listed_people(40, topics=topics, places=towns)
        client = client_for(member)
        with django_assert_max_num_queries(BUDGET):
            response = client.get(reverse("members:municipality_list"))
        shown = {town.pk: town.listed_people_count for town in response.context["page_obj"]}
        assert {pk: shown[pk] for pk in shown if pk != member.municipality_id} == {
            town.pk: 2 for town in towns
        }

    def test_a_municipality_page_asks_as_few_queries_with_many_people_and_panels(
        self, client_for, member, topics
    ):
        landkreis = MunicipalityFactory(
            ags="14522000", name="Landkreis Mittelsachsen", kind="landkreis"
        )
        town = MunicipalityFactory(ags="14522420", name="Freiberg", member_since="2020-01-01")
        cohort = CohortFactory(running=True)

        def add_one_of_each():
            ProjectTeamFactory(
                cohort=cohort, municipality=town, status=ProjectTeam.Status.IMPLEMENTED
            )
            EventFactory(audience=Event.Audience.INVITED).invited_municipalities.add(town)

        people = listed_people(1, topics=topics, places=[town])
        add_one_of_each()
        client = client_for(member)
        _response, few = queries_of(client, town.get_absolute_url())

        people += listed_people(15, topics=topics, places=[town])
        for _ in range(14):
            add_one_of_each()
        response, many = queries_of(client, town.get_absolute_url())

        assert len(many) == len(few)
        content = response.content.decode()
        assert f'href="{landkreis.get_absolute_url()}"' in content
        for person in people:
            assert person.email in content
        assert content.count("Sicherer Schulweg") == 15
        assert len(response.context["people"]) == 16
        # Session and user, the person's facts (one query, members.facts),
        # the municipality with its Landkreis, one query per panel list
        # (project teams and their members, projects, security analyses,
        # invited events) and the people.
        assert len(many) <= BUDGET, "\n".join(many)
