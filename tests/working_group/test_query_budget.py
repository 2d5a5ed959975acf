"""The working group's space asks a constant, small number of queries
(issue 13), whoever looks at it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import EventDocument
from tests.events.factories import EventDocumentFactory
from tests.factories import (
    MemberFactory,
    MunicipalityFactory,
    OrganisationFactory,
    WorkingGroupSeatFactory,
)
from tests.query_budget import BUDGET, queries_of, repeated_facts
from tests.working_group.factories import (
    ActionItemFactory,
    DecisionFactory,
    MinutesFactory,
    SessionFactory,
)
from working_group.models import ActionItem
from working_group.views import PAST_SESSIONS_SHOWN, SPACE_DECISIONS, SPACE_ITEMS_PER_STATUS

pytestmark = pytest.mark.django_db
Status = ActionItem.Status
SPACE = reverse("working_group:index")


class World:
    """Seats, sessions with agendas and minutes, action items of every
    status and decisions – added in rounds, to compare one with many."""

    def __init__(self):
        self.seats, self.sessions, self.items, self.documents = [], [], [], []
        self.today = timezone.localdate()

    def add(self, rounds):
        for _ in range(rounds):
            number = len(self.seats)
            holder = (
                {
                    "municipality": MunicipalityFactory(is_model_municipality=True),
                    "organisation": None,
                }
                if number % 2
                else {"organisation": OrganisationFactory()}
            )
            seat = WorkingGroupSeatFactory(
                **holder, deputy=MemberFactory(listed_in_directory=number % 3 == 0)
            )
            self.seats.append(seat)
            session = SessionFactory(
                starts_at=timezone.now() - timedelta(days=180 * (len(self.sessions) + 1))
            )
            self.sessions.append(session)
            self.documents.append(
                EventDocumentFactory(event=session, kind=EventDocument.Kind.AGENDA)
            )
            MinutesFactory(session=session)
            DecisionFactory(session=session)
            for status, due in ((Status.OPEN, -3), (Status.OPEN, 20), (Status.DONE, -10)):
                closed = None if status == Status.OPEN else self.today
                self.items.append(
                    ActionItemFactory(
                        session=session,
                        owner_seat=seat,
                        status=status,
                        due_on=self.today + timedelta(days=due + number),
                        closed_on=closed,
                    )
                )
        return self


@pytest.fixture
def world(db):
    return World()


def test_the_group_sees_its_space_with_as_few_queries_for_many_records(client_for, world):
    world.add(1)
    client = client_for(world.seats[0].delegate)
    _response, few = queries_of(client, SPACE)

    world.add(15)
    response, many = queries_of(client, SPACE)

    assert len(many) == len(few)
    # The page's own queries: session and user, the seats, the sessions and
    # their documents, the action items with their counts, the decisions.
    assert repeated_facts(many) == 0
    assert len(many) <= BUDGET, "\n".join(many)

    context = response.context
    groups = {group["status"]: group for group in context["item_groups"]}
    assert {status: groups[status]["count"] for status in groups} == {
        Status.OPEN: 32,
        Status.DONE: 16,
        Status.DROPPED: 0,
    }
    open_items = [item for item in world.items if item.status == Status.OPEN]
    most_urgent = sorted(open_items, key=lambda item: (item.due_on, item.pk))
    assert [item.pk for item in groups[Status.OPEN]["items"]] == [
        item.pk for item in most_urgent[:SPACE_ITEMS_PER_STATUS]
    ]
    assert len(groups[Status.DONE]["items"]) == SPACE_ITEMS_PER_STATUS
    assert groups[Status.DROPPED]["items"] == []
    assert context["overdue_count"] == sum(item.due_on < world.today for item in open_items)
    assert len(context["decisions"]) == SPACE_DECISIONS
    # The latest past sessions (each added one is older), the others in the archive.
    assert [session.pk for session in context["past_sessions"]] == [
        session.pk for session in world.sessions[:PAST_SESSIONS_SHOWN]
    ]
    assert context["next_session"] is None
    content = response.content.decode()
    for document in world.documents[:PAST_SESSIONS_SHOWN]:
        assert document.title in content
    for document in world.documents[PAST_SESSIONS_SHOWN:]:
        assert document.title not in content
    assert reverse("events:archive") + "?kind=working_group" in content
    assert sum(len(seats) for _heading, seats in context["seat_groups"]) == 16


def test_the_first_of_each_status_are_the_most_urgent_and_the_latest(client_for, world):
    world.add(2)
    seat, session = world.seats[0], world.sessions[0]
    for days in range(12):
        ActionItemFactory(
            session=session,
            owner_seat=seat,
            status=Status.DROPPED,
            due_on=world.today,
            closed_on=world.today - timedelta(days=days),
        )
    response = client_for(seat.delegate).get(SPACE)
    groups = {group["status"]: group for group in response.context["item_groups"]}
    dropped = groups[Status.DROPPED]["items"]
    assert groups[Status.DROPPED]["count"] == 12
    assert [item.closed_on for item in dropped] == [
        world.today - timedelta(days=days) for days in range(SPACE_ITEMS_PER_STATUS)
    ]
    assert response.context["next_session"] is None


@pytest.mark.parametrize("who", ["member", "staff"])
def test_members_and_staff_see_the_space_within_the_budget(
    request, client_for, world, who, django_assert_max_num_queries
):
    world.add(16)
    upcoming = SessionFactory(starts_at=timezone.now() + timedelta(days=30))
    client = client_for(request.getfixturevalue(who))
    response, queries = queries_of(client, SPACE)
    # The records (staff, the group) take five page queries besides the
    # person's facts (one query) and session and user.
    assert len(queries) <= BUDGET, "\n".join(queries)
    assert sum(len(seats) for _heading, seats in response.context["seat_groups"]) == 16
    if who == "staff":
        assert response.context["next_session"] == upcoming
        assert len(response.context["past_sessions"]) == PAST_SESSIONS_SHOWN
        assert response.context["sees_records"]
    else:
        # The sessions are the group's: a member sees the composition only.
        assert not response.context["sees_records"]
        assert response.context["past_sessions"] == []


def test_the_list_of_action_items_keeps_the_budget(client_for, world):
    world.add(1)
    client = client_for(world.seats[0].delegate)
    _response, few = queries_of(client, reverse("working_group:actions"))
    world.add(15)
    response, many = queries_of(client, reverse("working_group:actions"))
    assert len(many) == len(few)
    assert response.context["paginator"].count == 48
    assert len(many) <= BUDGET, "\n".join(many)
