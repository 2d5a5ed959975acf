"""The list of projects needs the same few queries for few and for many
projects of both kinds, and still shows them to members only."""

import pytest
from django.urls import reverse

from tests.factories import MunicipalityFactory
from tests.projects.factories import ProjectFactory, TopicFactory
from tests.query_budget import get_within_budget
from tests.training.factories import ApplicationFactory, ProjectTeamFactory
from training.models import ProjectTeam

pytestmark = pytest.mark.django_db

LIST = reverse("projects:list")


@pytest.fixture
def fill():
    topics = [TopicFactory(), TopicFactory()]

    def add(count):
        for number in range(count):
            project = ProjectFactory(
                title=f"Projekt A{number:03d}", municipality=MunicipalityFactory()
            )
            project.topics.set(topics)
            team = ProjectTeamFactory(
                title=f"Projekt B{number:03d}", status=ProjectTeam.Status.IMPLEMENTED
            )
            team.members.add(ApplicationFactory(cohort=team.cohort, status="accepted"))
        return topics

    return add


@pytest.mark.parametrize("who", ["member", "staff"])
def test_the_list_needs_few_queries_whatever_the_rows(request, client_for, fill, who):
    client = client_for(request.getfixturevalue(who))
    fill(2)
    _few, few = get_within_budget(client, LIST)
    topics = fill(15)
    response, many = get_within_budget(client, LIST)
    assert len(many) == len(few), many.describe()
    items = response.context["items"]
    assert len(items) == 20
    assert {item.kind for item in items} == {"project", "team"}
    assert response.context["page_obj"].paginator.count == 34
    assert topics[0].name in response.content.decode()


def test_a_filtered_list_needs_no_more(client_for, member, fill):
    client = client_for(member)
    topics = fill(17)
    response, _counted = get_within_budget(client, LIST, topic=topics[0].slug, page="1")
    assert {item.kind for item in response.context["items"]} == {"project"}
    assert response.context["page_obj"].paginator.count == 17


def test_applicants_are_sent_to_log_in_or_join(client_for, applicant, fill):
    fill(2)
    response = client_for(None).get(LIST)
    assert response.status_code == 302
