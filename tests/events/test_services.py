from datetime import timedelta

import icalendar
import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from events import services
from events.models import Event, EventMessage, Registration
from events.services import RegistrationError
from members.models import User
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MemberFactory
from tests.helpers import requires_postgresql, run_concurrently

pytestmark = pytest.mark.django_db


def register(event, user, **kwargs):
    return services.register(event=event, user=user, **kwargs)


class TestRegister:
    def test_a_member_is_confirmed_and_gets_the_event_for_their_calendar(
        self, member, mailoutbox, django_capture_on_commit_callbacks
    ):
        event = EventFactory(title="Vernetzungstreffen Görlitz")
        with django_capture_on_commit_callbacks(execute=True):
            registration = register(event, member, note="vegetarisch")
        assert registration.status == Registration.Status.CONFIRMED
        assert registration.note == "vegetarisch"
        (mail,) = mailoutbox
        assert mail.to == [member.email]
        assert "Vernetzungstreffen Görlitz" in mail.subject
        name, content, mimetype = mail.attachments[0]
        assert name.endswith(".ics") and mimetype == "text/calendar"
        (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
        assert vevent["dtstart"].dt == event.starts_at.replace(microsecond=0)
        assert vevent["dtstart"].params["TZID"] == "Europe/Berlin"

    def test_a_full_event_puts_registration_on_waitlist_with_its_place(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        event = EventFactory(capacity=2)
        for _ in range(2):
            register(event, MemberFactory())
        first, second = MemberFactory(), MemberFactory()
        waiting = register(event, first)
        assert waiting.status == Registration.Status.WAITLISTED
        assert waiting.waitlist_position == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert register(event, second).waitlist_position == 2
        waitlist_mail = [mail for mail in mailoutbox if mail.to == [second.email]][0]
        assert "Warteliste" in waitlist_mail.subject
        assert "Platz 2" in waitlist_mail.body

    def test_without_capacity_everybody_is_confirmed(self):
        event = EventFactory(capacity=None)
        statuses = {register(event, MemberFactory()).status for _ in range(30)}
        assert statuses == {Registration.Status.CONFIRMED}

    def test_registering_twice_is_refused_with_a_message(self, member):
        event = EventFactory()
        register(event, member)
        with pytest.raises(RegistrationError, match="bereits angemeldet"):
            register(event, member)
        assert event.registrations.count() == 1

    def test_re_registering_after_a_cancellation_works(self, member):
        event = EventFactory()
        services.cancel_registration(registration=register(event, member))
        again = register(event, member)
        assert again.status == Registration.Status.CONFIRMED
        assert event.registrations.count() == 2

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"status": Event.Status.DRAFT}, "nicht offen"),
            ({"status": Event.Status.CANCELLED}, "abgesagt"),
            ({"audience": Event.Audience.WORKING_GROUP}, "nicht offen"),
        ],
    )
    def test_only_published_events_the_person_may_see(self, member, change, message):
        event = EventFactory(**change)
        with pytest.raises(RegistrationError, match=message):
            register(event, member)

    def test_organisers_cannot_register_for_a_draft_either(self, staff):
        with pytest.raises(RegistrationError, match="noch nicht veröffentlicht"):
            register(EventFactory(status=Event.Status.DRAFT), staff)

    def test_not_before_the_registration_window_opens(self, member):
        event = EventFactory(registration_opens_at=timezone.now() + timedelta(days=1))
        with pytest.raises(RegistrationError, match="Anmeldung beginnt"):
            register(event, member)

    def test_not_after_the_registration_window_closes(self, member):
        event = EventFactory(registration_closes_at=timezone.now() - timedelta(minutes=1))
        with pytest.raises(RegistrationError, match="Anmeldung .* geschlossen"):
            register(event, member)

    def test_not_once_the_event_has_started(self, member):
        event = EventFactory(starts_at=timezone.now() - timedelta(minutes=5))
        with pytest.raises(RegistrationError, match="begonnen"):
            register(event, member)


class TestWaitingList:
    def test_a_cancellation_moves_the_first_on_the_waiting_list_up_and_tells_them(self, mailoutbox):
        event = EventFactory(capacity=1)
        confirmed = register(event, MemberFactory())
        first = register(event, MemberFactory())
        second = register(event, MemberFactory())
        mailoutbox.clear()
        services.cancel_registration(registration=confirmed)
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.status == Registration.Status.CONFIRMED
        assert second.status == Registration.Status.WAITLISTED
        assert second.waitlist_position == 1
        promoted = [mail for mail in mailoutbox if mail.to == [first.user.email]]
        assert len(promoted) == 1 and "Platz für Sie" in promoted[0].subject
        assert promoted[0].attachments  # the .ics

    def test_leaving_the_waiting_list_moves_nobody_up(self):
        event = EventFactory(capacity=1)
        register(event, MemberFactory())
        first = register(event, MemberFactory())
        second = register(event, MemberFactory())
        services.cancel_registration(registration=first)
        second.refresh_from_db()
        assert second.status == Registration.Status.WAITLISTED
        assert second.waitlist_position == 1

    def test_people_may_leave_the_waiting_list_even_after_the_start(self):
        event = EventFactory(capacity=1)
        register(event, MemberFactory())
        waiting = register(event, MemberFactory())
        with time_machine.travel(event.starts_at + timedelta(minutes=10)):
            services.cancel_registration(registration=waiting)
        waiting.refresh_from_db()
        assert waiting.status == Registration.Status.CANCELLED

    def test_a_confirmed_place_cannot_be_cancelled_after_the_start(self):
        registration = register(EventFactory(), MemberFactory())
        with (
            time_machine.travel(registration.event.starts_at + timedelta(minutes=10)),
            pytest.raises(RegistrationError),
        ):
            services.cancel_registration(registration=registration)

    def test_raising_the_capacity_moves_people_up_in_order(self):
        event = EventFactory(capacity=1)
        register(event, MemberFactory())
        waiting = [register(event, MemberFactory()) for _ in range(3)]
        event.capacity = 3
        event.save()
        promoted = services.promote_waitlist(event=event)
        assert promoted == waiting[:2]
        statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
        assert statuses == ["confirmed", "confirmed", "waitlisted"]

    def test_positions_are_annotated_for_lists(self):
        event = EventFactory(capacity=1)
        register(event, MemberFactory())
        waiting = [register(event, MemberFactory()) for _ in range(3)]
        positions = {
            r.pk: r.waitlist_position
            for r in Registration.objects.filter(event=event).with_waitlist_position()
        }
        assert [positions[r.pk] for r in waiting] == [1, 2, 3]


def test_cancelling_an_event_tells_everyone_registered(mailoutbox):
    event = EventFactory(capacity=1, title="Fachtag")
    confirmed = register(event, MemberFactory())
    waiting = register(event, MemberFactory())
    cancelled = register(EventFactory(), MemberFactory())
    mailoutbox.clear()
    services.cancel_event(event=event)
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [confirmed.user.email, waiting.user.email]
    )
    assert all("abgesagt" in mail.subject for mail in mailoutbox)
    assert cancelled.user.email not in [mail.to[0] for mail in mailoutbox]


class TestAttendeeList:
    def test_only_people_who_agree_appear(self):
        event = EventFactory()
        listed = RegistrationFactory(event=event, on_attendee_list=True)
        RegistrationFactory(event=event, on_attendee_list=False)
        assert list(Registration.objects.attendee_list(event, listed.user)) == [listed]

    def test_only_confirmed_participants_and_organisers_see_it(self, member, staff):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event, on_attendee_list=True)
        waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        assert not Registration.objects.attendee_list(event, member).exists()
        assert not Registration.objects.attendee_list(event, waiting.user).exists()
        assert Registration.objects.attendee_list(event, staff).exists()


class TestReminders:
    def test_confirmed_participants_are_reminded_once_within_the_period(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        event = EventFactory(reminder_days=3)
        confirmed = RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        RegistrationFactory(
            event=event, status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
        )
        with time_machine.travel(event.starts_at - timedelta(days=4)):
            assert services.send_due_reminders() == 0
        with (
            time_machine.travel(event.starts_at - timedelta(days=2, hours=23)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            assert services.send_due_reminders() == 1
            assert services.send_due_reminders() == 0  # run again: nothing twice
        (mail,) = mailoutbox
        assert mail.to == [confirmed.user.email]
        assert "Erinnerung" in mail.subject

    def test_no_reminders_for_cancelled_events_or_without_a_period(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        cancelled = EventFactory(status=Event.Status.CANCELLED)
        RegistrationFactory(event=cancelled)
        without = EventFactory(reminder_days=0)
        RegistrationFactory(event=without)
        with (
            time_machine.travel(cancelled.starts_at - timedelta(hours=1)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            assert services.send_due_reminders() == 0
        assert not mailoutbox

    def test_the_command_sends_them(self, mailoutbox, capsys, django_capture_on_commit_callbacks):
        event = EventFactory()
        RegistrationFactory(event=event)
        with (
            time_machine.travel(event.starts_at - timedelta(days=1)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("send_reminders")
            call_command("send_reminders")
        assert len(mailoutbox) == 1
        assert "1 reminder(s) sent." in capsys.readouterr().out


class TestWriteToParticipants:
    def test_the_message_reaches_the_chosen_people_and_is_kept(
        self, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        event = EventFactory(capacity=1)
        confirmed = RegistrationFactory(event=event)
        waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        with django_capture_on_commit_callbacks(execute=True):
            message = services.write_to_participants(
                event=event,
                sender=staff,
                recipients=EventMessage.Recipients.WAITLISTED,
                subject="Raumwechsel",
                body="Wir treffen uns im Saal 2.",
            )
        assert [mail.to for mail in mailoutbox] == [[waiting.user.email]]
        assert "Saal 2" in mailoutbox[0].body
        assert message.recipient_count == 1
        assert EventMessage.objects.get(event=event).sender == staff
        with django_capture_on_commit_callbacks(execute=True):
            services.write_to_participants(
                event=event,
                sender=staff,
                recipients=EventMessage.Recipients.BOTH,
                subject="Agenda",
                body="Anbei die Agenda.",
            )
        assert {mail.to[0] for mail in mailoutbox[1:]} == {
            confirmed.user.email,
            waiting.user.email,
        }

    def test_nothing_is_sent_to_nobody(self, staff, mailoutbox, django_capture_on_commit_callbacks):
        with pytest.raises(RegistrationError), django_capture_on_commit_callbacks(execute=True):
            services.write_to_participants(
                event=EventFactory(),
                sender=staff,
                recipients=EventMessage.Recipients.BOTH,
                subject="Hallo",
                body="…",
            )
        assert not EventMessage.objects.exists()
        assert not mailoutbox


def test_duplicating_makes_a_draft_copy_with_a_free_address():
    event = EventFactory(slug="treffen", title="Treffen")
    copy = services.duplicate_event(event=event)
    again = services.duplicate_event(event=event)
    assert copy.status == Event.Status.DRAFT
    assert copy.slug == "treffen-kopie" and again.slug == "treffen-kopie-2"
    assert copy.title == "Treffen (Kopie)"
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


def test_renewing_the_calendar_feed_gives_a_new_secret(member):
    old = services.calendar_feed_for(member).token
    new = services.renew_calendar_feed(user=member).token
    assert old != new and len(new) >= 40


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_concurrent_registrations():
    assert connection.vendor == "postgresql"
    event = EventFactory(capacity=5)
    people = MemberFactory.create_batch(30)

    def register_one(person):
        return services.register(
            event=Event.objects.get(pk=event.pk), user=User.objects.get(pk=person.pk)
        ).status

    statuses, errors = run_concurrently(register_one, people)
    assert errors == []
    assert statuses.count(Registration.Status.CONFIRMED) == 5
    assert statuses.count(Registration.Status.WAITLISTED) == 25
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 5
    positions = sorted(
        registration.waitlist_position
        for registration in Registration.objects.filter(
            event=event, status=Registration.Status.WAITLISTED
        ).with_waitlist_position()
    )
    assert positions == list(range(1, 26))


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_same_person_registering_twice_at_once_gets_one_registration():
    event = EventFactory()
    person = MemberFactory()

    def register_again(_):
        return services.register(event=Event.objects.get(pk=event.pk), user=person)

    results, errors = run_concurrently(register_again, range(5))
    assert len([result for result in results if result is not None]) == 1
    assert all(isinstance(error, RegistrationError) for error in errors)
    assert event.registrations.count() == 1


def test_emails_speak_the_recipients_language(mailoutbox, django_capture_on_commit_callbacks):
    event = EventFactory(title="Fachtag")
    with django_capture_on_commit_callbacks(execute=True):
        register(event, MemberFactory(preferred_language="en"))
        register(event, MemberFactory(preferred_language="de"))
    english, german = mailoutbox
    assert english.subject == "[ASSKomm] Registered: Fachtag"
    assert german.subject == "[ASSKomm] Angemeldet: Fachtag"
