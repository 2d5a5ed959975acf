from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from events.models import EventDocument
from tests.events.factories import EventDocumentFactory, EventFactory
from tests.factories import MemberFactory, OrganisationFactory, WorkingGroupSeatFactory
from tests.working_group.factories import (
    ActionItemFactory,
    DecisionFactory,
    MinutesFactory,
    SessionFactory,
)
from working_group import services
from working_group.models import ActionItem

pytestmark = pytest.mark.django_db
Status = ActionItem.Status
SPACE = reverse("working_group:index")
ACTIONS = reverse("working_group:actions")
NOTE = "sind ihren Mitgliedern vorbehalten"
PEOPLE = [
    None,
    "applicant",
    "member",
    "coordinator",
    "working_group_member",
    "other_working_group_member",
    "staff",
]
# Who reads the records: the working group (whether or not they own an
# item) and the team; anonymous visitors are asked to log in.
RECORD_STATUS = {
    None: 302,
    "applicant": 404,
    "member": 404,
    "coordinator": 404,
    "working_group_member": 200,
    "other_working_group_member": 200,
    "staff": 200,
}


def _person(request, who):
    return request.getfixturevalue(who) if who else None


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def records(seat, staff):
    """A past session with draft minutes, a decision and an item of the seat."""
    session = SessionFactory(title="Sitzung der AG (Herbst)", slug="ag-herbst")
    services.save_minutes(session=session, text="Erster Entwurf.", by=staff)
    services.save_minutes(session=session, text="Zweiter Entwurf.", by=staff)
    DecisionFactory(session=session, title="Vernetzungstreffen fortsetzen")
    ActionItemFactory(session=session, owner_seat=seat, title="Broschüre entwerfen")
    return session


# The space: the composition for everyone, the records for the group


@pytest.mark.parametrize("who", PEOPLE)
def test_everyone_sees_who_sits_in_the_working_group(request, client_for, records, who):
    WorkingGroupSeatFactory(organisation=OrganisationFactory(name="Sächsischer Landkreistag"))
    response = client_for(_person(request, who)).get(SPACE)
    assert response.status_code == 200
    assert "Sächsischer Landkreistag" in response.content.decode()


@pytest.mark.parametrize("who", PEOPLE)
def test_only_the_group_and_its_staff_see_the_records_in_the_space(
    request, client_for, records, who
):
    content = client_for(_person(request, who)).get(SPACE).content.decode()
    sees = RECORD_STATUS[who] == 200
    assert ("Broschüre entwerfen" in content) == sees
    assert ("Vernetzungstreffen fortsetzen" in content) == sees
    assert ("Sitzung der AG (Herbst)" in content) == sees
    assert (NOTE in content) != sees


class TestNamesOnTheSeats:
    """A seat names its people only as their directory choice allows."""

    @pytest.fixture
    def named_seat(self, db):
        return WorkingGroupSeatFactory(
            organisation=OrganisationFactory(name="Sächsischer Landkreistag"),
            delegate=MemberFactory(listed_in_directory=True, last_name="Gelistet"),
            deputy=MemberFactory(last_name="Verborgen", function="Referentin Sicherheit"),
        )

    def test_members_see_listed_names_only(self, client_for, member, named_seat):
        content = client_for(member).get(SPACE).content.decode()
        assert "Gelistet" in content
        assert "Verborgen" not in content and "Referentin Sicherheit" not in content
        assert "besetzt; der Name wird nicht veröffentlicht" in content

    def test_the_person_sees_their_own_name(self, client_for, named_seat):
        assert "Verborgen" in client_for(named_seat.deputy).get(SPACE).content.decode()

    def test_staff_see_every_name(self, client_for, staff, named_seat):
        content = client_for(staff).get(SPACE).content.decode()
        assert "Gelistet" in content and "Verborgen" in content

    def test_anonymous_visitors_see_the_seats_without_names(self, client, named_seat):
        content = client.get(SPACE).content.decode()
        assert "Sächsischer Landkreistag" in content
        assert "Gelistet" not in content and "Verborgen" not in content
        assert "besetzt; der Name wird nicht veröffentlicht" in content


class TestSessionsInTheSpace:
    def test_a_member_outside_the_group_reads_that_sessions_are_for_its_members(
        self, client_for, member
    ):
        SessionFactory(title="Sitzung der AG ASSKomm (Herbst 2026)")
        content = client_for(member).get(SPACE).content.decode()
        assert NOTE in content
        assert "Noch keine Sitzungen" not in content
        assert "Sitzung der AG ASSKomm" not in content

    def test_the_group_is_told_when_there_are_no_sessions_yet(
        self, client_for, working_group_member
    ):
        content = client_for(working_group_member).get(SPACE).content.decode()
        assert "Noch keine Sitzungen" in content
        assert NOTE not in content

    def test_the_next_session_shows_its_agenda(self, client_for, working_group_member):
        coming = SessionFactory(
            title="Sitzung der AG (Frühjahr)",
            starts_at=timezone.now() + timedelta(days=20),
        )
        EventDocumentFactory(event=coming, title="Tagesordnung", kind=EventDocument.Kind.AGENDA)
        response = client_for(working_group_member).get(SPACE)
        assert response.context["next_session"] == coming
        content = response.content.decode()
        assert "Nächste Sitzung" in content and "Tagesordnung" in content

    def test_past_sessions_keep_their_documents_and_show_the_minutes_status(
        self, client_for, working_group_member, records
    ):
        EventDocumentFactory(event=records, title="Protokoll Herbst")
        content = client_for(working_group_member).get(SPACE).content.decode()
        assert "Protokoll Herbst" in content
        assert 'chip chip--amber">Entwurf' in content

    def test_draft_sessions_stay_out(self, client_for, staff):
        from events.models import Event

        SessionFactory(title="Noch nicht veröffentlicht", status=Event.Status.DRAFT)
        assert "Noch nicht veröffentlicht" not in client_for(staff).get(SPACE).content.decode()

    def test_the_space_is_in_the_navigation_for_everyone(self, client):
        assert f'href="{SPACE}"' in client.get(reverse("home")).content.decode()


def test_the_space_marks_overdue_items(client_for, seat, working_group_member):
    ActionItemFactory(owner_seat=seat, title="Längst fällig", due_on=date(2026, 11, 1))
    ActionItemFactory(owner_seat=seat, title="Noch Zeit", due_on=date(2026, 12, 1))
    with time_machine.travel(_at(date(2026, 11, 16)), tick=False):
        content = client_for(working_group_member).get(SPACE).content.decode()
    assert "1 Aufgabe ist überfällig." in content
    overdue_row = content[content.index("Längst fällig") :][:1500]
    assert 'chip chip--red">überfällig' in overdue_row
    assert "überfällig" not in content[content.index("Noch Zeit") :][:600]


def test_the_space_counts_its_queries(
    client_for, working_group_member, seat, django_assert_max_num_queries
):
    for number in range(4):
        session = SessionFactory(starts_at=timezone.now() - timedelta(days=30 + 180 * number))
        MinutesFactory(session=session)
        EventDocumentFactory(event=session)
        DecisionFactory(session=session)
        ActionItemFactory(session=session, owner_seat=seat)
        ActionItemFactory(session=session, owner_person=MemberFactory(), owner_seat=None)
        ActionItemFactory(session=session, status=Status.DONE, closed_on=date(2026, 1, 1))
        WorkingGroupSeatFactory(deputy=MemberFactory())
    client = client_for(working_group_member)
    client.get(SPACE)
    # A fixed number, however many sessions, items and seats there are.
    with django_assert_max_num_queries(30):
        client.get(SPACE)


# A session's records


@pytest.mark.parametrize("who", PEOPLE)
def test_a_sessions_records_are_for_the_group_and_its_staff(request, client_for, records, who):
    url = reverse("working_group:session", args=[records.slug])
    response = client_for(_person(request, who)).get(url)
    assert response.status_code == RECORD_STATUS[who]
    if response.status_code == 302:
        assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("who", PEOPLE)
def test_the_minutes_history_is_for_the_group_and_its_staff(request, client_for, records, who):
    url = reverse("working_group:minutes_history", args=[records.slug])
    assert client_for(_person(request, who)).get(url).status_code == RECORD_STATUS[who]


def test_an_unknown_or_other_event_is_not_a_session(client_for, working_group_member):
    EventFactory(slug="vernetzungstreffen")
    client = client_for(working_group_member)
    assert client.get(reverse("working_group:session", args=["gibt-es-nicht"])).status_code == 404
    assert (
        client.get(reverse("working_group:session", args=["vernetzungstreffen"])).status_code == 404
    )


def test_the_draft_is_marked_as_a_draft(client_for, working_group_member, records):
    content = (
        client_for(working_group_member)
        .get(reverse("working_group:session", args=[records.slug]))
        .content.decode()
    )
    assert "Zweiter Entwurf." in content and "Erster Entwurf." not in content
    assert "Dies ist ein Entwurf" in content
    assert "Vernetzungstreffen fortsetzen" in content
    assert "Broschüre entwerfen" in content


def test_members_read_the_approved_version(client_for, working_group_member, records, staff):
    later = SessionFactory(
        title="Sitzung der AG (Frühjahr)", starts_at=timezone.now() - timedelta(days=2)
    )
    services.approve_minutes(
        minutes=records.minutes, at_session=later, on=timezone.localdate(later.starts_at), by=staff
    )
    content = (
        client_for(working_group_member)
        .get(reverse("working_group:session", args=[records.slug]))
        .content.decode()
    )
    assert "Zweiter Entwurf." in content
    assert "Dies ist ein Entwurf" not in content
    assert "genehmigt am" in content and "Sitzung der AG (Frühjahr)" in content


def test_the_history_keeps_the_drafts(client_for, working_group_member, records):
    content = (
        client_for(working_group_member)
        .get(reverse("working_group:minutes_history", args=[records.slug]))
        .content.decode()
    )
    assert "Erster Entwurf." in content and "Zweiter Entwurf." in content
    assert content.index("Zweiter Entwurf.") < content.index("Erster Entwurf.")


def test_a_session_without_minutes_has_no_history(client_for, working_group_member):
    session = SessionFactory()
    client = client_for(working_group_member)
    assert client.get(reverse("working_group:session", args=[session.slug])).status_code == 200
    url = reverse("working_group:minutes_history", args=[session.slug])
    assert client.get(url).status_code == 404


def test_the_event_page_leads_the_group_to_the_records(client_for, working_group_member, records):
    link = reverse("working_group:session", args=[records.slug])
    assert link in client_for(working_group_member).get(records.get_absolute_url()).content.decode()


# The list of action items


@pytest.mark.parametrize("who", PEOPLE)
def test_the_action_list_is_for_the_group_and_its_staff(request, client_for, records, who):
    response = client_for(_person(request, who)).get(ACTIONS)
    assert response.status_code == RECORD_STATUS[who]


class TestActionListFilters:
    @pytest.fixture
    def items(self, seat, working_group_member):
        return {
            "mine": ActionItemFactory(owner_seat=seat, title="Meine", due_on=date(2026, 11, 1)),
            "other": ActionItemFactory(title="Fremde", due_on=date(2026, 12, 1)),
            "done": ActionItemFactory(
                title="Erledigte", status=Status.DONE, closed_on=date(2026, 10, 1)
            ),
        }

    def titles(self, client, **params):
        with time_machine.travel(_at(date(2026, 11, 16)), tick=False):
            response = client.get(ACTIONS, params)
        return [item.title for item in response.context["page_obj"].object_list]

    def test_open_items_come_first_by_due_date(self, client_for, working_group_member, items):
        assert self.titles(client_for(working_group_member)) == ["Meine", "Fremde", "Erledigte"]

    def test_by_status(self, client_for, working_group_member, items):
        assert self.titles(client_for(working_group_member), status="done") == ["Erledigte"]

    def test_only_mine(self, client_for, working_group_member, items):
        assert self.titles(client_for(working_group_member), mine="on") == ["Meine"]

    def test_only_overdue(self, client_for, working_group_member, items):
        assert self.titles(client_for(working_group_member), overdue="on") == ["Meine"]

    def test_by_seat(self, client_for, working_group_member, seat, items):
        assert self.titles(client_for(working_group_member), seat=seat.pk) == ["Meine"]

    def test_bad_filter_input_is_no_error(self, client_for, working_group_member, items):
        client = client_for(working_group_member)
        response = client.get(ACTIONS, {"status": "verloren", "seat": "abc", "mine": "\x00"})
        assert response.status_code == 200


def test_the_action_list_counts_its_queries(
    client_for, working_group_member, seat, django_assert_max_num_queries
):
    for number in range(8):
        ActionItemFactory(owner_seat=seat if number % 2 else WorkingGroupSeatFactory())
        ActionItemFactory(owner_person=MemberFactory(), owner_seat=None)
    client = client_for(working_group_member)
    client.get(ACTIONS)
    with django_assert_max_num_queries(15):
        client.get(ACTIONS)


# Closing an item from the space


class TestClosingAnItem:
    def url(self, item):
        return reverse("working_group:action_status", args=[item.pk])

    def test_the_owner_marks_it_done(self, client_for, seat, working_group_member):
        item = ActionItemFactory(owner_seat=seat)
        client = client_for(working_group_member)
        response = client.post(self.url(item), {"status": "done", "next": ACTIONS})
        assert response.status_code == 302 and response["Location"] == ACTIONS
        item.refresh_from_db()
        assert item.status == Status.DONE and item.closed_on == timezone.localdate()
        assert "erledigt" in client.get(ACTIONS).content.decode()

    def test_without_a_safe_next_it_goes_back_to_the_item(self, client_for, seat):
        item = ActionItemFactory(owner_seat=seat)
        response = client_for(seat.deputy).post(
            self.url(item), {"status": "dropped", "next": "https://example.com/"}
        )
        assert response["Location"] == item.place_on_page()
        item.refresh_from_db()
        assert item.status == Status.DROPPED

    def test_the_owner_sees_the_buttons_others_do_not(
        self, client_for, seat, other_working_group_member
    ):
        item = ActionItemFactory(owner_seat=seat)
        assert self.url(item) in client_for(seat.delegate).get(ACTIONS).content.decode()
        assert (
            self.url(item)
            not in client_for(other_working_group_member).get(ACTIONS).content.decode()
        )

    def test_another_working_group_member_is_refused_with_a_message(
        self, client_for, seat, other_working_group_member
    ):
        item = ActionItemFactory(owner_seat=seat)
        client = client_for(other_working_group_member)
        response = client.post(self.url(item), {"status": "done"}, follow=True)
        assert "Nur die Verantwortlichen" in response.content.decode()
        item.refresh_from_db()
        assert item.status == Status.OPEN

    def test_a_bad_status_is_refused_with_a_message(self, client_for, seat):
        item = ActionItemFactory(owner_seat=seat)
        response = client_for(seat.delegate).post(self.url(item), {"status": "open"}, follow=True)
        assert "wählen Sie einen der Status" in response.content.decode()
        item.refresh_from_db()
        assert item.status == Status.OPEN

    @pytest.mark.parametrize("who", ["applicant", "member", "coordinator"])
    def test_outside_the_group_the_item_does_not_exist(self, request, client_for, seat, who):
        item = ActionItemFactory(owner_seat=seat)
        response = client_for(request.getfixturevalue(who)).post(self.url(item), {"status": "done"})
        assert response.status_code == 404

    def test_anonymous_visitors_log_in_and_come_back_to_the_item(self, client, seat):
        item = ActionItemFactory(owner_seat=seat)
        response = client.post(self.url(item), {"status": "done"})
        next_url = reverse("working_group:action", args=[item.pk])
        assert response["Location"] == f"{reverse('account_login')}?next={next_url}"

    def test_the_short_address_leads_to_the_item_on_its_session_page(
        self, client_for, working_group_member
    ):
        item = ActionItemFactory()
        response = client_for(working_group_member).get(
            reverse("working_group:action", args=[item.pk])
        )
        assert response["Location"] == item.place_on_page()

    def test_closing_needs_a_post(self, client_for, seat):
        item = ActionItemFactory(owner_seat=seat)
        assert client_for(seat.delegate).get(self.url(item)).status_code == 405
