"""The admin's lists of events and registrations ask a constant, small
number of queries (issue 13), for the team and for a regional coordinator."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from asskomm import pagination
from events.admin import RegistrationAdmin
from events.models import Event, Registration
from tests.events.factories import EventFactory, GuestRegistrationFactory, RegistrationFactory
from tests.query_budget import BUDGET, queries_of

pytestmark = pytest.mark.django_db
EVENTS = reverse("admin:events_event_changelist")
REGISTRATIONS = reverse("admin:events_registration_changelist")
REGIONS = [Event.Region.DRESDEN, Event.Region.LEIPZIG, Event.Region.CHEMNITZ]
KINDS = [Event.Kind.REGIONAL_MEETING, Event.Kind.WORKSHOP, Event.Kind.FACHTAG]


class World:
    def __init__(self):
        self.events = []

    def add(self, count):
        for number in range(len(self.events), len(self.events) + count):
            event = EventFactory(
                region=REGIONS[number % 3],
                kind=KINDS[number % 3],
                audience=Event.Audience.PUBLIC if number % 2 else Event.Audience.MEMBERS,
                starts_at=timezone.now() + timedelta(days=number + 1),
                capacity=3,
            )
            RegistrationFactory.create_batch(3, event=event)
            RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
            RegistrationFactory(
                event=event,
                status=Registration.Status.CANCELLED,
                cancelled_at=timezone.now(),
                attended=True,
            )
            if event.audience == Event.Audience.PUBLIC:
                GuestRegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
            self.events.append(event)
        return self


@pytest.fixture
def world(db):
    return World()


@pytest.mark.parametrize("who", ["staff", "coordinator"])
def test_the_list_of_events_keeps_the_budget(
    request, client_for, world, who, django_assert_max_num_queries
):
    world.add(3)
    client = client_for(request.getfixturevalue(who))
    _response, few = queries_of(client, EVENTS)
    world.add(15)
    with django_assert_max_num_queries(min(len(few), BUDGET)):
        response = client.get(EVENTS)

    changelist = response.context["cl"]
    expected = [
        event for event in world.events if who == "staff" or event.region == Event.Region.DRESDEN
    ]
    assert changelist.result_count == len(expected)
    counts = {
        event.pk: (event.confirmed_count, event.waitlisted_count, event.attended_count)
        for event in changelist.result_list
    }
    assert counts == {
        event.pk: (3, 2 if event.audience == Event.Audience.PUBLIC else 1, 1) for event in expected
    }


@pytest.mark.parametrize("who", ["staff", "coordinator"])
def test_the_list_of_registrations_keeps_the_budget(
    request, client_for, world, who, django_assert_max_num_queries
):
    world.add(3)
    client = client_for(request.getfixturevalue(who))
    _response, few = queries_of(client, REGISTRATIONS)
    world.add(15)
    with django_assert_max_num_queries(min(len(few), BUDGET)):
        response = client.get(REGISTRATIONS)

    changelist = response.context["cl"]
    expected = Registration.objects.filter(
        event__in=[
            event
            for event in world.events
            if who == "staff" or event.region == Event.Region.DRESDEN
        ]
    )
    assert changelist.result_count == expected.count()
    shown = list(changelist.result_list)
    # The newest first, members and guests alike.
    assert [registration.pk for registration in shown] == list(
        expected.order_by("-created_at", "-pk").values_list("pk", flat=True)[
            : RegistrationAdmin.list_per_page
        ]
    )
    content = response.content.decode()
    assert "(Gast)" in content


def test_filters_keep_the_budget(client_for, staff, world, django_assert_max_num_queries):
    world.add(18)
    client = client_for(staff)
    for query in (
        {"status__exact": "waitlisted"},
        {"event__region__exact": "leipzig", "event__kind__exact": "workshop"},
        {"registered_as": "guest"},
        {"attended__exact": "1"},
        {"q": "Vernetzungstreffen 1"},
    ):
        with django_assert_max_num_queries(BUDGET):
            response = client.get(REGISTRATIONS, query)
        assert response.status_code == 200
        assert response.context["cl"].result_count > 0
    with django_assert_max_num_queries(BUDGET):
        response = client.get(EVENTS, {"region__exact": "leipzig", "kind__exact": "workshop"})
    assert response.context["cl"].result_count == 6


class TestCheapCount:
    def test_a_filtered_or_small_list_is_counted_exactly(self, world):
        world.add(2)
        registrations = Registration.objects.all()
        if connection.vendor == "postgresql":
            assert pagination.cheap_count(registrations) == registrations.count()
        else:
            assert pagination.cheap_count(registrations) is None
        assert pagination.cheap_count(registrations.filter(status="confirmed")) is None
        paginator = pagination.EstimatedCountPaginator(registrations.order_by("pk"), 5)
        assert paginator.count == registrations.count()

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's estimate")
    def test_a_large_unfiltered_table_is_estimated(self, world, monkeypatch):
        world.add(4)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE events_registration")
        monkeypatch.setattr(pagination, "ESTIMATE_ABOVE", 1)
        estimate = pagination.cheap_count(Registration.objects.all())
        assert estimate == pytest.approx(Registration.objects.count(), abs=2)
