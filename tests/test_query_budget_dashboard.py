"""The home page and the dashboard (/me/) stay within ten queries for
everyone, however much their panels show, and the number does not grow with
the data (issue 13). /me/ gathers the panels of many apps."""

import pytest
from django.urls import reverse

from news.models import DigestSubscription
from projects.models import RecommendationStatusChange, SecurityAnalysis
from search.registry import registry
from tests.budget import add_events, people, query_count
from tests.exchange.factories import AnswerFactory, QuestionFactory
from tests.library.factories import ResourceFactory
from tests.news.factories import NewsFactory
from tests.projects.factories import (
    ProjectFactory,
    RecommendationFactory,
    SecurityAnalysisFactory,
)
from tests.training.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db

BUDGET = 10
VIEWERS = ["member", "working_group_member", "alumnus", "staff", "coordinator"]


def add_news_and_more(network, count=15):
    """What the other panels show: news, applications, and something new
    in every section of "new since your last visit"."""
    member = network.member
    NewsFactory.create_batch(count)
    NewsFactory.create_batch(3, audience="public")
    DigestSubscription.objects.update_or_create(user=member, defaults={"active": True})
    for _number in range(3):
        ApplicationFactory(applicant=member, cohort=CohortFactory())
    ApplicationFactory(applicant=network.applicant, cohort=CohortFactory())
    ResourceFactory.create_batch(count)
    ProjectFactory.create_batch(count)
    analysis = SecurityAnalysisFactory(
        municipality=network.town, year=2020 + SecurityAnalysis.objects.count()
    )
    for recommendation in RecommendationFactory.create_batch(count, analysis=analysis):
        RecommendationStatusChange.objects.create(
            recommendation=recommendation, from_status="open", to_status="in_progress"
        )
    for question in QuestionFactory.create_batch(3, author=member):
        AnswerFactory.create_batch(count // 3 + 1, question=question)


@pytest.fixture
def network(db):
    network = add_events(people())
    add_news_and_more(network)
    return network


def dashboard(client, person):
    client.force_login(person)
    client.get(reverse("members:dashboard"))  # the first visit ever creates rows
    return client


@pytest.mark.parametrize("viewer", VIEWERS)
def test_dashboard_within_budget(client, network, django_assert_max_num_queries, viewer):
    client = dashboard(client, getattr(network, viewer))
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("members:dashboard"))
    assert response.status_code == 200


def test_dashboard_shows_the_member_everything_in_budget(
    client, network, django_assert_max_num_queries
):
    client = dashboard(client, network.member)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("members:dashboard"))
    content = response.content.decode()
    found = [*response.context["top_panels"], *response.context["found_panels"]]
    panels = {panel.template_name: panel.context for panel in found}
    next_events = panels["events/panels/next_events.html"]["registrations"]
    coming = {registration.event for registration in next_events}
    assert coming == {
        event for event in network.events if event.audience in ("public", "members", "invited")
    }
    waiting = [r for r in next_events if r.status == "waitlisted"]
    assert waiting and all(r.waitlist_position == 2 for r in waiting)
    events = panels["events/panels/dashboard.html"]
    assert events["attended"] and all(a.feedback_open for a in events["attended"])
    assert events["attended"][0].event.starts_at > events["attended"][-1].event.starts_at
    assert len(panels["training/panels/dashboard.html"]["applications"]) == 3
    assert len(panels["news/panels/dashboard.html"]["news"]) == 5
    assert panels["news/panels/dashboard.html"]["digest_active"]
    sections = panels["search/panels/new_since.html"]["sections"]
    assert [len(section["items"]) for section in sections] == [10] * 5
    assert all(section["more"] for section in sections)
    document = sections[0]["items"][0]
    assert document.get_absolute_url().startswith("/events/")
    assert f'href="{document.get_absolute_url()}"' in content
    answer = sections[-1]["items"][0]
    assert "#answer-" in answer.get_absolute_url()
    assert "Mira" in content


def test_dashboard_shows_the_working_group_member_their_seat(
    client, network, django_assert_max_num_queries
):
    client = dashboard(client, network.working_group_member)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("members:dashboard"))
    assert len(response.context["seats"]) == 1
    assert not response.context["membership_form"]


def test_dashboard_offers_applicants_the_membership_form(
    client, network, django_assert_max_num_queries
):
    # One more than the others: the form's two lists of choices (their
    # municipality and organisation) are two queries.
    client = dashboard(client, network.applicant)
    with django_assert_max_num_queries(BUDGET + 1):
        response = client.get(reverse("members:dashboard"))
    assert response.context["membership_form"] is not None
    assert response.context["latest_request"] is None


def test_new_since_keeps_each_sections_order(client, network):
    client = dashboard(client, network.member)
    response = client.get(reverse("members:dashboard"))
    panels = {panel.template_name: panel.context for panel in response.context["found_panels"]}
    new_since = panels["search/panels/new_since.html"]
    for section, entry in zip(new_since["sections"], registry.new_since, strict=True):
        expected = entry.items(network.member, new_since["since"])[:10]
        assert [item.get_absolute_url() for item in section["items"]] == [
            item.get_absolute_url() for item in expected
        ]
        assert [str(item) for item in section["items"]] == [str(item) for item in expected]


@pytest.mark.parametrize("viewer", [None, *VIEWERS, "applicant"])
def test_home_within_budget(client, network, django_assert_max_num_queries, viewer):
    if viewer:
        client.force_login(getattr(network, viewer))
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("home"))
    panels = {panel.template_name: panel.context for panel in response.context["found_panels"]}
    assert len(panels["events/panels/home.html"]["events"]) == 5


@pytest.mark.parametrize("viewer", ["member", "working_group_member", "staff", "coordinator"])
def test_dashboard_and_home_ask_as_often_with_ten_times_the_data(client, viewer):
    network = people()
    add_events(network)
    add_news_and_more(network, count=3)
    person = getattr(network, viewer)
    client = dashboard(client, person)
    urls = [reverse("members:dashboard"), reverse("home")]
    small = [query_count(client, url) for url in urls]
    add_events(network, scale=9)
    add_news_and_more(network, count=30)
    assert [query_count(client, url) for url in urls] == small
