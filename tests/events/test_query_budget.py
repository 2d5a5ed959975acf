"""The event pages stay within ten queries for everyone they are for, and
the number does not grow with the data (issue 13)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from events.audiences import audiences_of
from events.models import Event, Registration
from members import facts
from members.services import erase_members_data
from tests.budget import add_events, people, query_count
from tests.events.factories import RegistrationFactory
from tests.factories import WorkingGroupSeatFactory
from training.alumni import is_alumnus

pytestmark = pytest.mark.django_db

BUDGET = 10
VIEWERS = ["member", "working_group_member", "alumnus", "staff", "coordinator"]


@pytest.fixture
def network(db):
    return add_events(people())


def log_in(client, person):
    client.force_login(person)
    return client


@pytest.mark.parametrize("viewer", VIEWERS)
def test_event_list_within_budget(client, network, django_assert_max_num_queries, viewer):
    client = log_in(client, getattr(network, viewer))
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("events:list"))
    assert response.status_code == 200
    paginator = response.context["paginator"]
    assert paginator.count >= 15
    assert len(response.context["page_obj"].object_list) == min(paginator.count, 20)


def test_event_list_shows_what_the_member_may_see(client, network, django_assert_max_num_queries):
    client = log_in(client, network.member)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("events:list"))
    shown = {event.title for event in response.context["paginator"].object_list}
    assert set(network.titles("members")) <= shown
    assert set(network.titles("invited")) <= shown  # their town is invited
    assert not shown & set(network.titles("working_group"))
    assert not shown & set(network.titles("alumni"))
    # Places and the member's own registration, from annotations.
    page = response.context["page_obj"].object_list
    waiting = [event for event in page if event.my_registration_status == "waitlisted"]
    assert waiting and all(event.my_waitlist_ahead == 1 for event in waiting)
    assert all(event.confirmed_count == 2 for event in waiting)
    content = response.content.decode()
    assert "fully booked – waiting list" in content or "ausgebucht – Warteliste" in content


@pytest.mark.parametrize(
    ("viewer", "audience"),
    [("working_group_member", "working_group"), ("alumnus", "alumni")],
)
def test_event_list_shows_the_closed_audiences_to_theirs(
    client, network, django_assert_max_num_queries, viewer, audience
):
    client = log_in(client, getattr(network, viewer))
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("events:list"))
    shown = {event.title for event in response.context["paginator"].object_list}
    assert set(network.titles(audience)) <= shown


@pytest.mark.parametrize("viewer", VIEWERS)
def test_region_filter_within_budget(client, network, django_assert_max_num_queries, viewer):
    client = log_in(client, getattr(network, viewer))
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("events:list"), {"region": "dresden"})
    regions = {event.region for event in response.context["page_obj"].object_list}
    assert regions == {"dresden"}


def test_coordinator_sees_the_drafts_of_their_region(
    client, network, django_assert_max_num_queries
):
    client = log_in(client, network.coordinator)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("events:list"), {"region": "dresden"})
    statuses = {event.status for event in response.context["paginator"].object_list}
    assert Event.Status.DRAFT in statuses


@pytest.mark.parametrize("viewer", VIEWERS)
def test_archive_within_budget(client, network, django_assert_max_num_queries, viewer):
    client = log_in(client, getattr(network, viewer))
    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("events:archive"))
    page = response.context["page_obj"].object_list
    assert len(page) == 15 if viewer in ("member", "working_group_member", "alumnus") else 20
    # Each event with the documents the viewer may open, loaded for the page.
    assert all(event.visible_documents for event in page)


def test_archive_shows_participants_their_documents(client, network):
    client = log_in(client, network.member)
    response = client.get(reverse("events:archive"))
    attended = next(
        event
        for event in response.context["page_obj"].object_list
        if event.audience == "members" and event.capacity == 10
    )
    # As a participant: documents for everyone, for members and for participants.
    assert len(attended.visible_documents) == 3


def detail_pages(network):
    """An event of each kind the member sees, coming and past."""
    for past in (False, True):
        events = network.past_events if past else network.events
        for audience in ("public", "members", "invited"):
            for capacity in (2, 10):
                yield next(
                    event
                    for event in events
                    if event.audience == audience and event.capacity == capacity
                )


@pytest.mark.parametrize("viewer", ["member", "staff", "coordinator"])
def test_event_pages_within_budget(client, network, django_assert_max_num_queries, viewer):
    person = getattr(network, viewer)
    client = log_in(client, person)
    pages = [e for e in detail_pages(network) if Event.objects.visible_to(person).contains(e)]
    assert len(pages) >= 4
    for event in pages:
        with django_assert_max_num_queries(BUDGET):
            response = client.get(event.get_absolute_url())
        assert response.status_code == 200
        assert response.context["event"] == event


@pytest.mark.parametrize(
    ("viewer", "audience"), [("working_group_member", "working_group"), ("alumnus", "alumni")]
)
def test_closed_event_pages_within_budget(
    client, network, django_assert_max_num_queries, viewer, audience
):
    client = log_in(client, getattr(network, viewer))
    for event in network.events + network.past_events:
        if event.audience != audience:
            continue
        with django_assert_max_num_queries(BUDGET):
            response = client.get(event.get_absolute_url())
        assert response.status_code == 200


def test_event_page_of_a_participant(client, network, django_assert_max_num_queries):
    event = next(e for e in network.events if e.audience == "members" and e.capacity == 10)
    client = log_in(client, network.member)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(event.get_absolute_url())
    assert response.context["registration"].status == Registration.Status.CONFIRMED
    assert response.context["online_link_visible"]
    # Everyone else confirmed who agreed to be listed; here: the member only.
    assert [attendee.user for attendee in response.context["attendees"]] == [network.member]
    assert len(response.context["documents"]) == 3
    content = response.content.decode()
    assert "7 places left" in content or "7 Plätze frei" in content


def test_event_page_of_someone_waiting(client, network, django_assert_max_num_queries):
    event = next(e for e in network.events if e.audience == "members" and e.capacity == 2)
    client = log_in(client, network.member)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(event.get_absolute_url())
    assert response.context["registration"].waitlist_position == 2
    assert not response.context["online_link_visible"]
    assert not response.context["attendees"]
    # Documents for participants stay closed to people on the waiting list.
    assert len(response.context["documents"]) == 2


def test_past_event_page_offers_the_attendee_certificate_and_feedback(
    client, network, django_assert_max_num_queries
):
    event = next(e for e in network.past_events if e.audience == "members" and e.capacity == 10)
    client = log_in(client, network.member)
    with django_assert_max_num_queries(BUDGET):
        response = client.get(event.get_absolute_url())
    assert response.context["attendance"] is not None
    assert response.context["feedback_open"]
    assert not response.context["feedback_results_visible"]


def test_past_event_page_shows_staff_the_feedback_results(client, network):
    event = next(e for e in network.past_events if e.region == "dresden")
    assert (
        log_in(client, network.coordinator)
        .get(event.get_absolute_url())
        .context["feedback_results_visible"]
    )


@pytest.mark.parametrize("viewer", VIEWERS)
def test_pages_ask_as_often_with_ten_times_the_events(client, viewer):
    network = people()
    add_events(network, scale=1)
    event = next(e for e in network.events if e.audience == "members" and e.capacity == 10)
    past = next(e for e in network.past_events if e.audience == "public" and e.capacity == 10)
    urls = [
        reverse("events:list"),
        reverse("events:list") + "?region=leipzig",
        reverse("events:archive"),
        event.get_absolute_url(),
        past.get_absolute_url(),
    ]
    client = log_in(client, getattr(network, viewer))
    small = [query_count(client, url) for url in urls]
    add_events(network, scale=9)
    # More people on the event's list of attendees, too.
    for _person in range(15):
        RegistrationFactory(event=event, on_attendee_list=True)
    assert [query_count(client, url) for url in urls] == small


# The facts about a person: asked once, forgotten when they change


def test_facts_about_a_person_cost_one_query(django_assert_num_queries, network):
    member = network.member
    facts.forget(member)
    with django_assert_num_queries(1):
        assert member.is_network_member
        assert not member.is_working_group_member
        for _again in range(5):
            assert member.is_network_member
    with django_assert_num_queries(0):
        assert audiences_of(member) == {"public", "members"}
        assert not is_alumnus(member)


def test_a_service_that_changes_a_fact_forgets_it(network):
    member = network.working_group_member
    assert member.is_working_group_member
    erase_members_data(member, timezone.now())
    assert not member.is_working_group_member


def test_refresh_from_db_forgets_the_facts(network):
    member = network.member
    assert not member.is_working_group_member
    WorkingGroupSeatFactory(delegate=member)
    assert not member.is_working_group_member  # the object's answer, per request
    member.refresh_from_db()
    assert member.is_working_group_member
