from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event
from members import services as member_services
from tests.events.factories import EventFactory
from tests.working_group.factories import (
    ActionItemFactory,
    MinutesFactory,
    SessionFactory,
)
from working_group import services
from working_group.models import ActionItem, Minutes
from working_group.services import WorkingGroupError

pytestmark = pytest.mark.django_db
Status = ActionItem.Status


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _session(day, **kwargs):
    return SessionFactory(starts_at=_at(day), ends_at=_at(day, 14), **kwargs)


@pytest.fixture
def spring():
    return _session(date(2026, 5, 14))


@pytest.fixture
def autumn():
    return _session(date(2026, 11, 16))


@pytest.fixture
def draft(spring, staff):
    return services.save_minutes(session=spring, text="TOP 1 – Bericht.", by=staff)


# Minutes and their history


class TestSavingMinutes:
    def test_the_first_save_creates_draft_minutes_with_a_version(self, spring, staff):
        minutes = services.save_minutes(session=spring, text="  TOP 1 – Bericht.\n", by=staff)
        assert minutes.status == Minutes.Status.DRAFT
        assert minutes.text == "TOP 1 – Bericht."
        [revision] = minutes.revisions.all()
        assert revision.text == "TOP 1 – Bericht." and revision.author == staff

    def test_each_changed_text_is_kept_in_the_history(self, draft, staff):
        services.save_minutes(session=draft.session, text="TOP 1 – Bericht, ergänzt.", by=staff)
        draft.refresh_from_db()
        assert draft.text == "TOP 1 – Bericht, ergänzt."
        assert [revision.text for revision in draft.revisions.all()] == [
            "TOP 1 – Bericht, ergänzt.",
            "TOP 1 – Bericht.",
        ]

    def test_saving_the_same_text_again_adds_no_version(self, draft, staff):
        services.save_minutes(session=draft.session, text="TOP 1 – Bericht.", by=staff)
        assert draft.revisions.count() == 1

    def test_minutes_need_a_text(self, spring, staff):
        with pytest.raises(WorkingGroupError, match="Text"):
            services.save_minutes(session=spring, text="   ", by=staff)
        assert not Minutes.objects.exists()

    def test_minutes_are_kept_only_for_working_group_sessions(self, staff):
        with pytest.raises(WorkingGroupError, match="Sitzungen der AG"):
            services.save_minutes(session=EventFactory(), text="Protokoll", by=staff)

    def test_approved_minutes_are_final(self, draft, autumn, staff):
        services.approve_minutes(
            minutes=draft,
            at_session=autumn,
            on=date(2026, 11, 16),
            by=staff,
            today=date(2026, 12, 1),
        )
        with pytest.raises(WorkingGroupError, match="genehmigt"):
            services.save_minutes(session=draft.session, text="Nachträglich geändert", by=staff)
        draft.refresh_from_db()
        assert draft.text == "TOP 1 – Bericht." and draft.revisions.count() == 1


class TestApprovingMinutes:
    TODAY = date(2026, 12, 1)

    def approve(self, minutes, at_session, on, by):
        return services.approve_minutes(
            minutes=minutes, at_session=at_session, on=on, by=by, today=self.TODAY
        )

    def test_the_next_session_approves_the_minutes_with_its_date(self, draft, autumn, staff):
        minutes = self.approve(draft, autumn, date(2026, 11, 16), staff)
        minutes.refresh_from_db()
        assert minutes.status == Minutes.Status.APPROVED
        assert minutes.approved_at == autumn
        assert minutes.approved_on == date(2026, 11, 16)
        assert minutes.approved_by == staff
        assert minutes.status_chip.label == "genehmigt am 16.11.2026"

    def test_minutes_are_approved_only_once(self, draft, autumn, staff):
        self.approve(draft, autumn, date(2026, 11, 16), staff)
        with pytest.raises(WorkingGroupError, match="bereits genehmigt"):
            self.approve(draft, autumn, date(2026, 11, 17), staff)

    def test_the_session_cannot_approve_its_own_minutes(self, draft, spring, staff):
        with pytest.raises(WorkingGroupError, match="späteren Sitzung"):
            self.approve(draft, spring, date(2026, 5, 14), staff)

    def test_an_earlier_session_cannot_approve_them(self, draft, staff):
        earlier = _session(date(2025, 11, 14))
        with pytest.raises(WorkingGroupError, match="späteren Sitzung"):
            self.approve(draft, earlier, date(2025, 11, 14), staff)

    def test_only_a_working_group_session_approves_minutes(self, draft, staff):
        fachtag = EventFactory(
            kind=Event.Kind.FACHTAG,
            starts_at=_at(date(2026, 9, 23)),
            ends_at=_at(date(2026, 9, 23), 16),
        )
        with pytest.raises(WorkingGroupError, match="Sitzung der AG"):
            self.approve(draft, fachtag, date(2026, 9, 23), staff)

    def test_a_cancelled_session_approves_nothing(self, draft, staff):
        cancelled = _session(date(2026, 11, 16), status=Event.Status.CANCELLED)
        with pytest.raises(WorkingGroupError, match="nicht stattgefunden"):
            self.approve(draft, cancelled, date(2026, 11, 16), staff)

    def test_the_approval_is_not_dated_before_the_session(self, draft, autumn, staff):
        with pytest.raises(WorkingGroupError, match="16.11.2026"):
            self.approve(draft, autumn, date(2026, 11, 15), staff)

    def test_the_approval_is_not_dated_in_the_future(self, draft, autumn, staff):
        with pytest.raises(WorkingGroupError, match="Zukunft"):
            self.approve(draft, autumn, self.TODAY + timedelta(days=1), staff)

    def test_empty_minutes_are_not_approved(self, spring, autumn, staff):
        minutes = MinutesFactory(session=spring, text="")
        with pytest.raises(WorkingGroupError, match="Protokoll"):
            self.approve(minutes, autumn, date(2026, 11, 16), staff)

    def test_a_refused_approval_changes_nothing(self, draft, spring, staff):
        with pytest.raises(WorkingGroupError):
            self.approve(draft, spring, date(2026, 5, 14), staff)
        draft.refresh_from_db()
        assert draft.status == Minutes.Status.DRAFT and draft.approved_at is None

    def test_the_admin_action_approves_at_the_following_session(self, draft, autumn, staff):
        _session(date(2027, 5, 14))  # a later one, not the next
        with time_machine.travel(_at(date(2026, 12, 1)), tick=False):
            minutes = services.approve_at_next_session(minutes=draft, by=staff)
        assert minutes.approved_at == autumn and minutes.approved_on == date(2026, 11, 16)

    def test_without_a_following_session_there_is_nothing_to_approve_at(self, draft, staff):
        with pytest.raises(WorkingGroupError, match="keine spätere Sitzung"):
            services.approve_at_next_session(minutes=draft, by=staff)


class TestMinutesConstraints:
    def test_approved_minutes_name_session_and_date(self, spring):
        with pytest.raises(IntegrityError), transaction.atomic():
            MinutesFactory(session=spring, status=Minutes.Status.APPROVED)

    def test_a_draft_names_no_approval(self, spring, autumn):
        with pytest.raises(IntegrityError), transaction.atomic():
            MinutesFactory(session=spring, approved_at=autumn, approved_on=date(2026, 11, 16))

    def test_minutes_are_not_approved_at_their_own_session(self, spring):
        with pytest.raises(IntegrityError), transaction.atomic():
            MinutesFactory(
                session=spring,
                status=Minutes.Status.APPROVED,
                approved_at=spring,
                approved_on=date(2026, 5, 14),
            )

    def test_one_set_of_minutes_per_session(self, spring):
        MinutesFactory(session=spring)
        with pytest.raises(IntegrityError), transaction.atomic():
            MinutesFactory(session=spring)


# Action items


class TestActionItemOwner:
    def test_a_database_row_has_at_most_one_owner(self, seat, working_group_member):
        with pytest.raises(IntegrityError), transaction.atomic():
            ActionItemFactory(owner_seat=seat, owner_person=working_group_member)

    def test_the_form_asks_for_exactly_one_owner(self, seat, working_group_member):
        neither = ActionItemFactory.build(session=SessionFactory(), owner_seat=None)
        with pytest.raises(ValidationError, match="Person oder den Sitz"):
            neither.full_clean()
        both = ActionItemFactory.build(
            session=SessionFactory(), owner_seat=seat, owner_person=working_group_member
        )
        with pytest.raises(ValidationError, match="nicht beides"):
            both.full_clean()

    def test_a_person_owner_sits_in_the_working_group_or_the_team(self, member, staff):
        session = SessionFactory()
        outsider = ActionItemFactory.build(session=session, owner_seat=None, owner_person=member)
        with pytest.raises(ValidationError, match="nicht in der AG"):
            outsider.full_clean()
        ActionItemFactory.build(session=session, owner_seat=None, owner_person=staff).full_clean()

    def test_an_item_comes_from_a_working_group_session(self, seat):
        item = ActionItemFactory.build(session=EventFactory(), owner_seat=seat)
        with pytest.raises(ValidationError, match="Sitzungen der AG"):
            item.full_clean()

    def test_removing_the_seat_leaves_the_item_without_owner(self, seat):
        item = ActionItemFactory(owner_seat=seat)
        seat.delete()
        item.refresh_from_db()
        assert item.owner is None

    def test_a_closed_item_has_its_closing_date(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            ActionItemFactory(status=Status.DONE)


class TestOverdue:
    """Overdue: open, and the due date has passed – on a frozen clock."""

    @pytest.fixture
    def items(self):
        due = date(2026, 11, 16)
        return {
            "open": ActionItemFactory(due_on=due),
            "done": ActionItemFactory(due_on=due, status=Status.DONE, closed_on=due),
            "dropped": ActionItemFactory(due_on=due, status=Status.DROPPED, closed_on=due),
        }

    def test_on_the_due_date_an_open_item_is_not_yet_overdue(self, items):
        with time_machine.travel(_at(date(2026, 11, 16)), tick=False):
            assert not items["open"].is_overdue()
            assert not ActionItem.objects.overdue().exists()
            assert items["open"].status_chip.label == "offen"

    def test_the_day_after_an_open_item_is_overdue(self, items):
        with time_machine.travel(_at(date(2026, 11, 17)), tick=False):
            assert items["open"].is_overdue()
            assert list(ActionItem.objects.overdue()) == [items["open"]]
            assert items["open"].status_chip.label == "überfällig"
            assert items["open"].status_chip.tone == "red"

    def test_closed_items_are_never_overdue(self, items):
        with time_machine.travel(_at(date(2027, 1, 1)), tick=False):
            assert not items["done"].is_overdue()
            assert not items["dropped"].is_overdue()
            assert items["done"].status_chip.label == "erledigt"

    def test_an_explicit_day_needs_no_clock(self, items):
        assert items["open"].is_overdue(today=date(2026, 11, 17))
        assert not items["open"].is_overdue(today=date(2026, 11, 16))
        assert ActionItem.objects.overdue(today=date(2026, 11, 17)).count() == 1


class TestSettingTheStatus:
    TODAY = date(2026, 12, 1)

    def set(self, item, status, by):
        return services.set_action_item_status(item=item, status=status, by=by, today=self.TODAY)

    def test_the_owning_person_marks_it_done(self, working_group_member):
        item = ActionItemFactory(owner_seat=None, owner_person=working_group_member)
        item = self.set(item, Status.DONE, working_group_member)
        assert item.status == Status.DONE and item.closed_on == self.TODAY

    @pytest.mark.parametrize("holder", ["delegate", "deputy"])
    def test_the_seats_delegate_and_deputy_may_close_its_items(self, seat, holder):
        item = ActionItemFactory(owner_seat=seat)
        item = self.set(item, Status.DROPPED, getattr(seat, holder))
        assert item.status == Status.DROPPED and item.closed_on == self.TODAY

    def test_the_closing_day_is_todays_by_default(self, seat):
        item = ActionItemFactory(owner_seat=seat)
        with time_machine.travel(_at(date(2026, 12, 24)), tick=False):
            item = services.set_action_item_status(item=item, status=Status.DONE, by=seat.delegate)
        assert item.closed_on == date(2026, 12, 24)

    def test_another_working_group_member_may_not(self, seat, other_working_group_member):
        item = ActionItemFactory(owner_seat=seat)
        with pytest.raises(WorkingGroupError, match="Verantwortliche"):
            self.set(item, Status.DONE, other_working_group_member)
        item.refresh_from_db()
        assert item.status == Status.OPEN

    def test_an_owner_who_left_the_network_may_not(self, seat):
        item = ActionItemFactory(owner_seat=seat)
        seat.delegate.groups.clear()
        with pytest.raises(WorkingGroupError):
            self.set(item, Status.DONE, seat.delegate)

    def test_the_team_closes_and_reopens_any_item(self, seat, staff):
        item = self.set(ActionItemFactory(owner_seat=seat), Status.DONE, staff)
        item = self.set(item, Status.OPEN, staff)
        assert item.status == Status.OPEN and item.closed_on is None

    def test_owners_do_not_reopen(self, seat):
        item = self.set(ActionItemFactory(owner_seat=seat), Status.DONE, seat.delegate)
        with pytest.raises(WorkingGroupError, match="ASSKomm-Team"):
            self.set(item, Status.OPEN, seat.delegate)

    def test_staff_without_the_working_groups_rights_may_not(self, seat, coordinator):
        with pytest.raises(WorkingGroupError):
            self.set(ActionItemFactory(owner_seat=seat), Status.DONE, coordinator)

    def test_the_same_status_again_is_refused(self, seat, staff):
        with pytest.raises(WorkingGroupError, match="bereits"):
            self.set(ActionItemFactory(owner_seat=seat), Status.OPEN, staff)

    def test_an_unknown_status_is_refused(self, seat, staff):
        with pytest.raises(WorkingGroupError, match="Status"):
            self.set(ActionItemFactory(owner_seat=seat), "lost", staff)


# Who sees what


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        (None, False),
        ("applicant", False),
        ("member", False),
        ("coordinator", False),
        ("working_group_member", True),
        ("other_working_group_member", True),
        ("staff", True),
    ],
)
def test_the_records_are_for_the_working_group_and_its_staff(request, who, sees):
    from django.contrib.auth.models import AnonymousUser

    from working_group.models import Decision

    user = request.getfixturevalue(who) if who else AnonymousUser()
    item = ActionItemFactory()
    MinutesFactory(session=item.session)
    Decision.objects.create(session=item.session, title="Beschluss")
    for model in (Minutes, Decision, ActionItem):
        assert model.objects.visible_to(user).exists() == sees, model


def test_draft_sessions_keep_their_records_to_themselves(working_group_member, staff):
    item = ActionItemFactory(session=SessionFactory(status=Event.Status.DRAFT))
    assert not ActionItem.objects.visible_to(working_group_member).exists()
    assert not ActionItem.objects.visible_to(staff).filter(pk=item.pk).exists()


def test_the_items_a_person_owns_in_person_and_through_a_seat(seat, working_group_member):
    by_seat = ActionItemFactory(owner_seat=seat)
    in_person = ActionItemFactory(owner_seat=None, owner_person=working_group_member)
    ActionItemFactory()
    assert set(ActionItem.objects.owned_by(working_group_member)) == {by_seat, in_person}
    assert set(ActionItem.objects.owned_by(seat.deputy)) == {by_seat}


# Personal data


def test_the_items_a_person_owns_are_in_their_data(working_group_member):
    ActionItemFactory(
        owner_seat=None, owner_person=working_group_member, title="Einladungsliste abstimmen"
    )
    sections = member_services.export_personal_data(user=working_group_member)
    titles = [found.title for _section, entries in sections for found in entries]
    assert "Aufgabe: Einladungsliste abstimmen" in titles
    data = member_services.personal_data_as_json(user=working_group_member)
    [exported] = data["sections"]["working_group"]["entries"]
    assert exported["title"] == "Aufgabe: Einladungsliste abstimmen"


def test_deleting_an_account_leaves_the_item_without_owner(working_group_member):
    item = ActionItemFactory(owner_seat=None, owner_person=working_group_member)
    member_services.delete_account(user=working_group_member)
    item.refresh_from_db()
    assert item.owner is None and item.status == Status.OPEN


def test_deleting_a_staff_account_keeps_the_minutes_history(staff):
    minutes = services.save_minutes(session=SessionFactory(), text="Protokoll", by=staff)
    member_services.delete_account(user=staff)
    revision = minutes.revisions.get()
    assert revision.text == "Protokoll" and revision.author is None
