"""Guests without an account at public events (issue 12): the double
opt-in, one queue with the members, the link to cancel, the exports and
the retention of their data."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import IntegrityError, connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import guest_links, services
from events.models import GUEST_RESEND_INTERVAL, Event, EventMessage, Registration
from events.services import RegistrationError
from members.models import User
from members.services import purge_expired
from tests.events.factories import EventFactory, GuestRegistrationFactory, RegistrationFactory
from tests.factories import MemberFactory, StaffFactory, UserFactory
from tests.helpers import requires_postgresql, run_concurrently

pytestmark = pytest.mark.django_db

CONFIRM_PATH = re.compile(r"/events/guest/confirm/[^/\s]+/")
CANCEL_PATH = re.compile(r"/events/guest/cancel/[^/\s]+/")


def public_event(**fields):
    fields = {"title": "3. ASSKomm-Fachtag", "kind": Event.Kind.FACHTAG, **fields}
    return EventFactory(audience=Event.Audience.PUBLIC, **fields)


def ask(event, email="anna.schmidt@example.net", name="Anna Schmidt", **fields):
    """A guest's request through the service, as the form sends it."""
    return services.register_guest(
        event=event, name=name, email=email, organisation=fields.pop("organisation", ""), **fields
    )


def link(mail, pattern):
    (path,) = pattern.findall(mail.body)
    return path


def confirmed_guest(event, **fields):
    return services.confirm_guest(registration=ask(event, **fields))


def mails_to(mailoutbox, address):
    return [mail for mail in mailoutbox if mail.to == [address]]


class TestDoubleOptIn:
    def test_a_request_holds_no_place_until_the_address_is_confirmed(self, mailoutbox):
        event = public_event(capacity=1)
        registration = ask(event, organisation="Stadtverwaltung Riesa", note="vegetarisch")
        assert registration.status == Registration.Status.PENDING
        assert registration.is_guest
        assert registration.guest_organisation == "Stadtverwaltung Riesa"
        assert event.seats_left == 1
        assert Event.objects.with_counts().get(pk=event.pk).waitlisted_count == 0
        (mail,) = mailoutbox
        assert mail.to == ["anna.schmidt@example.net"]
        assert mail.subject == "[ASSKomm] Bitte bestätigen Sie Ihre Anmeldung: 3. ASSKomm-Fachtag"
        assert "Guten Tag Anna Schmidt" in mail.body
        assert "innerhalb von 48 Stunden" in mail.body
        assert link(mail, CONFIRM_PATH)
        assert not mail.attachments

    def test_confirming_takes_a_place_and_sends_the_link_to_cancel(self, mailoutbox):
        event = public_event(capacity=1)
        registration = ask(event)
        mailoutbox.clear()
        registration = services.confirm_guest(registration=registration)
        assert registration.status == Registration.Status.CONFIRMED
        assert event.seats_left == 0
        (mail,) = mailoutbox
        assert mail.subject == "[ASSKomm] Angemeldet: 3. ASSKomm-Fachtag"
        assert link(mail, CANCEL_PATH)
        name, _content, mimetype = mail.attachments[0]
        assert name.endswith(".ics") and mimetype == "text/calendar"

    def test_confirming_twice_changes_nothing(self, mailoutbox):
        registration = confirmed_guest(public_event())
        mailoutbox.clear()
        again = services.confirm_guest(registration=registration)
        assert again.status == Registration.Status.CONFIRMED
        assert again.created_at == registration.created_at
        assert mailoutbox == []

    def test_a_full_event_puts_the_guest_on_the_waiting_list_in_order_of_confirmation(
        self, mailoutbox
    ):
        start = timezone.now()
        event = public_event(capacity=1)
        services.register(event=event, user=MemberFactory())
        with time_machine.travel(start + timedelta(minutes=1)):
            request = ask(event)
        with time_machine.travel(start + timedelta(minutes=2)):
            member = services.register(event=event, user=MemberFactory())
        with time_machine.travel(start + timedelta(minutes=3)):
            guest = services.confirm_guest(registration=request)
        assert member.waitlist_position == 1
        assert guest.status == Registration.Status.WAITLISTED
        assert guest.waitlist_position == 2
        mail = mails_to(mailoutbox, "anna.schmidt@example.net")[-1]
        assert "Platz 2" in mail.body
        assert link(mail, CANCEL_PATH)

    def test_confirming_after_registration_closed_is_refused(self):
        event = public_event(registration_closes_at=timezone.now() + timedelta(days=1))
        registration = ask(event)
        with time_machine.travel(timezone.now() + timedelta(days=2)):
            with pytest.raises(RegistrationError, match="geschlossen"):
                services.confirm_guest(registration=registration)
        registration.refresh_from_db()
        assert registration.status == Registration.Status.PENDING

    def test_emails_are_in_the_language_the_guest_used(self, mailoutbox):
        ask(public_event(title="Fachtag"), language="en")
        assert mailoutbox[0].subject == "[ASSKomm] Please confirm your registration: Fachtag"


class TestTheSameAddressTwice:
    def test_no_second_registration_and_no_second_mail_at_once(self, mailoutbox):
        event = public_event()
        first = ask(event, email="Anna.Schmidt@Example.net")
        second = ask(event, email="anna.schmidt@example.net ")
        assert first.pk == second.pk
        assert first.guest_email == "anna.schmidt@example.net"
        assert event.registrations.count() == 1
        assert len(mailoutbox) == 1

    def test_a_waiting_request_gets_a_new_link_and_the_new_details_later(self, mailoutbox):
        event = public_event()
        start = timezone.now()
        first = ask(event, name="Anna Schmit")
        with time_machine.travel(start + GUEST_RESEND_INTERVAL + timedelta(seconds=1)):
            again = ask(event, name="Anna Schmidt", organisation="Stadt Riesa")
        assert again.pk == first.pk
        assert again.guest_name == "Anna Schmidt"
        assert again.guest_organisation == "Stadt Riesa"
        assert again.created_at > first.created_at  # the new request expires later
        assert len(mailoutbox) == 2

    def test_a_registered_address_gets_nothing(self, mailoutbox):
        event = public_event()
        registration = confirmed_guest(event)
        mailoutbox.clear()
        with time_machine.travel(timezone.now() + timedelta(hours=1)):
            assert ask(event).pk == registration.pk
        assert mailoutbox == []

    def test_after_cancelling_the_guest_may_register_again(self):
        event = public_event()
        services.cancel_registration(registration=confirmed_guest(event))
        assert ask(event).status == Registration.Status.PENDING
        assert event.registrations.count() == 2


@pytest.mark.parametrize(("name", "email"), [(" ", "anna@example.net"), ("Anna", "")])
def test_a_guest_needs_a_name_and_an_address(name, email):
    with pytest.raises(RegistrationError, match="Namen und Ihre E-Mail-Adresse"):
        ask(public_event(), name=name, email=email)


class TestWhichEventsTakeGuests:
    @pytest.mark.parametrize(
        "fields",
        [
            {"audience": Event.Audience.MEMBERS},
            {"audience": Event.Audience.PUBLIC, "accepts_guests": False},
            {"audience": Event.Audience.PUBLIC, "status": Event.Status.DRAFT},
        ],
        ids=["members-only", "no-guests", "draft"],
    )
    def test_only_published_public_events_that_accept_guests(self, fields):
        event = EventFactory(**fields)
        assert not event.takes_guests
        with pytest.raises(RegistrationError, match="keine Gäste"):
            ask(event)

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"status": Event.Status.CANCELLED}, "abgesagt"),
            ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "Anmeldung beginnt"),
            ({"registration_closes_at": timezone.now() - timedelta(days=1)}, "geschlossen"),
        ],
    )
    def test_only_while_registration_is_open(self, fields, message):
        with pytest.raises(RegistrationError, match=message):
            ask(public_event(**fields))


class TestOneQueueWithTheMembers:
    def test_a_guest_on_the_waiting_list_moves_up_and_is_told(self, mailoutbox):
        event = public_event(capacity=1)
        member = services.register(event=event, user=MemberFactory())
        guest = confirmed_guest(event)
        assert guest.status == Registration.Status.WAITLISTED
        mailoutbox.clear()
        services.cancel_registration(registration=member)
        guest.refresh_from_db()
        assert guest.status == Registration.Status.CONFIRMED
        (promoted,) = mails_to(mailoutbox, guest.guest_email)
        assert "Platz für Sie" in promoted.subject
        assert link(promoted, CANCEL_PATH)
        assert promoted.attachments

    def test_a_guest_cancelling_frees_the_place_for_a_member(self, mailoutbox):
        event = public_event(capacity=1)
        guest = confirmed_guest(event)
        member = services.register(event=event, user=MemberFactory())
        mailoutbox.clear()
        services.cancel_registration(registration=guest)
        member.refresh_from_db()
        assert member.status == Registration.Status.CONFIRMED
        (cancelled,) = mails_to(mailoutbox, guest.guest_email)
        assert "Storniert" in cancelled.subject

    def test_a_waiting_request_may_be_withdrawn_without_any_mail(self, mailoutbox):
        registration = ask(public_event())
        mailoutbox.clear()
        services.cancel_registration(registration=registration)
        assert mailoutbox == []

    def test_guests_count_on_the_event_pages(self):
        event = public_event(capacity=10)
        GuestRegistrationFactory.create_batch(2, event=event)
        RegistrationFactory(event=event)
        GuestRegistrationFactory(event=event, status=Registration.Status.PENDING)
        assert Event.objects.with_counts().get(pk=event.pk).confirmed_count == 3
        assert event.seats_left == 7

    def test_cancelling_the_event_tells_guests_with_a_place_not_waiting_requests(self, mailoutbox):
        event = public_event()
        guest = confirmed_guest(event)
        ask(event, email="unbestaetigt@example.net")
        mailoutbox.clear()
        services.cancel_event(event=event)
        assert [mail.to for mail in mailoutbox] == [[guest.guest_email]]

    def test_messages_and_reminders_reach_guests(self, staff, mailoutbox):
        event = public_event(starts_at=timezone.now() + timedelta(days=2), reminder_days=3)
        event.ends_at = event.starts_at + timedelta(hours=6)
        event.save()
        guest = confirmed_guest(event)
        mailoutbox.clear()
        services.write_to_participants(
            event=event,
            sender=staff,
            recipients=EventMessage.Recipients.CONFIRMED,
            subject="Anreise",
            body="Bitte denken Sie an Ihren Ausweis.",
        )
        assert services.send_due_reminders() == 1
        message, reminder = mails_to(mailoutbox, guest.guest_email)
        assert message.subject == "[ASSKomm] Anreise"
        assert "Erinnerung" in reminder.subject
        assert link(reminder, CANCEL_PATH)


class TestOnePlacePerPerson:
    def test_a_guest_cannot_confirm_an_address_registered_with_an_account(self):
        event = public_event()
        member = MemberFactory(email="anna.schmidt@example.net")
        services.register(event=event, user=member)
        registration = ask(event, email="Anna.Schmidt@example.net")
        with pytest.raises(RegistrationError, match="mit einem Konto"):
            services.confirm_guest(registration=registration)

    def test_a_member_whose_address_holds_a_guests_place_is_told(self):
        event = public_event()
        member = MemberFactory(email="anna.schmidt@example.net")
        confirmed_guest(event)
        with pytest.raises(RegistrationError, match="als Gast angemeldet"):
            services.register(event=event, user=member)

    def test_a_request_nobody_confirmed_does_not_block_the_member(self):
        event = public_event()
        member = MemberFactory(email="anna.schmidt@example.net")
        ask(event)  # anyone can type an address
        assert services.register(event=event, user=member).status == "confirmed"


class TestConstraints:
    def test_one_active_registration_per_guest_address_whatever_the_case(self):
        event = public_event()
        GuestRegistrationFactory(event=event, guest_email="anna@example.net")
        with pytest.raises(IntegrityError):
            GuestRegistrationFactory(event=event, guest_email="ANNA@example.net")

    def test_a_cancelled_one_does_not_count(self):
        event = public_event()
        GuestRegistrationFactory(
            event=event,
            guest_email="anna@example.net",
            status=Registration.Status.CANCELLED,
            cancelled_at=timezone.now(),
        )
        GuestRegistrationFactory(event=event, guest_email="anna@example.net")

    @pytest.mark.parametrize(
        "fields",
        [
            {"user": "member", "guest_email": "anna@example.net", "guest_name": "Anna"},
            {"guest_email": "", "guest_name": "Anna"},
            {"guest_email": "anna@example.net", "guest_name": ""},
            {"user": "member", "status": Registration.Status.PENDING},
            {"guest_email": "", "guest_name": "", "status": Registration.Status.PENDING},
        ],
        ids=["both", "guest-without-address", "guest-without-name", "member-pending", "erased"],
    )
    def test_a_registration_is_a_members_or_a_guests(self, fields):
        if fields.get("user") == "member":
            fields = {**fields, "user": MemberFactory()}
            fields.setdefault("guest_email", "")
            fields.setdefault("guest_name", "")
            fields.setdefault("guest_organisation", "")
        with pytest.raises(IntegrityError):
            GuestRegistrationFactory(**fields)

    def test_an_erased_guest_keeps_the_place_for_the_counts(self):
        registration = GuestRegistrationFactory(
            guest_name="", guest_email="", guest_organisation=""
        )
        assert registration.person_name == "Gast (Daten gelöscht)"


class TestLinks:
    def test_a_forged_or_foreign_token_finds_nothing(self):
        registration = confirmed_guest(public_event())
        token = guest_links.token(registration, guest_links.CONFIRM)
        assert guest_links.registration_for(token, guest_links.CONFIRM) == registration
        assert guest_links.registration_for(token, guest_links.CANCEL) is None
        assert guest_links.registration_for(token[:-2] + "xx", guest_links.CONFIRM) is None
        assert guest_links.registration_for("nonsense", guest_links.CANCEL) is None

    def test_the_confirmation_link_expires_after_48_hours(self):
        event = public_event(starts_at=timezone.now() + timedelta(days=10))
        registration = ask(event)
        token = guest_links.token(registration, guest_links.CONFIRM)
        with time_machine.travel(timezone.now() + timedelta(hours=47)):
            assert guest_links.registration_for(token, guest_links.CONFIRM) == registration
        with time_machine.travel(timezone.now() + timedelta(hours=49)):
            with pytest.raises(guest_links.LinkExpired) as expired:
                guest_links.registration_for(token, guest_links.CONFIRM)
        assert expired.value.event == event

    def test_the_link_stops_working_once_the_data_is_erased(self):
        registration = confirmed_guest(public_event())
        token = guest_links.token(registration, guest_links.CANCEL)
        Registration.objects.filter(pk=registration.pk).update(guest_email="", guest_name="")
        assert guest_links.registration_for(token, guest_links.CANCEL) is None


START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class TestRetention:
    def test_unconfirmed_requests_expire_after_48_hours(self):
        with time_machine.travel(START, tick=False):
            event = public_event(starts_at=START + timedelta(days=30))
            waiting = ask(event)
            confirmed = confirmed_guest(event, email="bestaetigt@example.net")
        with time_machine.travel(START + timedelta(hours=47), tick=False):
            assert purge_expired()["unbestätigte Gast-Anmeldungen"] == 0
        with time_machine.travel(START + timedelta(hours=49), tick=False):
            assert purge_expired()["unbestätigte Gast-Anmeldungen"] == 1
        assert not Registration.objects.filter(pk=waiting.pk).exists()
        assert Registration.objects.filter(pk=confirmed.pk).exists()

    def test_guests_data_is_erased_a_set_time_after_the_event(self, settings):
        settings.ASSKOMM_RETENTION = {**settings.ASSKOMM_RETENTION, "guest_data_days": 30}
        with time_machine.travel(START, tick=False):
            event = public_event(starts_at=START + timedelta(days=5), capacity=2)
            member = RegistrationFactory(event=event, note="Rollstuhl")
            guest = confirmed_guest(event, note="vegetarisch", organisation="Stadt Riesa")
            waiting = confirmed_guest(event, email="warte@example.net")
        Registration.objects.filter(pk=guest.pk).update(attended=True)
        after_event = event.ends_at + timedelta(days=30)
        with time_machine.travel(after_event - timedelta(minutes=1), tick=False):
            assert purge_expired()["Daten von Gästen vergangener Veranstaltungen"] == 0
        with time_machine.travel(after_event + timedelta(minutes=1), tick=False):
            assert purge_expired()["Daten von Gästen vergangener Veranstaltungen"] == 2
            assert purge_expired()["Daten von Gästen vergangener Veranstaltungen"] == 0
        guest.refresh_from_db()
        waiting.refresh_from_db()
        member.refresh_from_db()
        for erased in (guest, waiting):
            assert (erased.guest_name, erased.guest_email, erased.guest_organisation) == ("",) * 3
            assert erased.note == ""
        assert guest.status == Registration.Status.CONFIRMED and guest.attended
        assert waiting.status == Registration.Status.WAITLISTED
        assert member.note == "Rollstuhl"  # members' registrations are not touched
        counted = Event.objects.with_counts().get(pk=event.pk)
        assert (counted.confirmed_count, counted.attended_count) == (2, 1)
        assert not Registration.objects.filter(guest_email__contains="@").exists()


class TestExports:
    def test_guests_appear_in_the_participant_list_waiting_requests_do_not(self, client_for, staff):
        event = public_event()
        RegistrationFactory(event=event, user=MemberFactory(first_name="Bernd", last_name="Kühn"))
        GuestRegistrationFactory(
            event=event,
            guest_name="Anna Schmidt",
            guest_email="anna@example.net",
            guest_organisation="Stadt Riesa",
        )
        GuestRegistrationFactory(event=event, status=Registration.Status.PENDING)
        response = client_for(staff).post(
            reverse("admin:events_event_changelist"),
            {"action": "export_csv", "_selected_action": [event.pk]},
        )
        text = response.content.decode("utf-8").lstrip("\ufeff")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[0][-1] == "Angemeldet als"
        assert len(rows) == 3
        guest_row = next(row for row in rows if row[2] == "Anna Schmidt")
        assert guest_row[3:6] == ["Stadt Riesa", "anna@example.net", "bestätigt"]
        assert guest_row[-1] == "Gast"
        assert next(row for row in rows if row[2] == "Bernd Kühn")[-1] == "Mitglied"


# The pages


def people():
    return {
        "anonymous": lambda: None,
        "applicant": UserFactory,
        "member": MemberFactory,
        "staff": StaffFactory,
    }


PEOPLE = list(people())


def person(who):
    return people()[who]()


class TestTheGuestForm:
    def test_anonymous_visitors_get_the_form_with_the_privacy_link(self, client):
        event = public_event()
        page = client.get(reverse("events:guest_register", args=[event.slug]))
        assert page.status_code == 200
        content = page.content.decode()
        assert "Als Gast anmelden" in content
        assert 'name="guest_email"' in content and 'name="privacy_consent"' in content
        assert reverse("privacy") in content
        assert "30 Tage nach der Veranstaltung gelöscht" in content

    @pytest.mark.parametrize("who", ["applicant", "member", "staff"])
    def test_signed_in_people_register_with_their_account(self, client_for, who):
        event = public_event()
        page = client_for(person(who)).get(reverse("events:guest_register", args=[event.slug]))
        assert page.status_code == 302
        assert page.url == event.get_absolute_url()

    @pytest.mark.parametrize("who", PEOPLE)
    @pytest.mark.parametrize(
        "fields",
        [
            {"audience": Event.Audience.MEMBERS},
            {"audience": Event.Audience.WORKING_GROUP},
            {"audience": Event.Audience.PUBLIC, "accepts_guests": False},
            {"audience": Event.Audience.PUBLIC, "status": Event.Status.DRAFT},
        ],
        ids=["members", "working-group", "no-guests", "draft"],
    )
    def test_other_events_have_no_guest_form(self, client_for, who, fields):
        event = EventFactory(**fields)
        page = client_for(person(who)).get(reverse("events:guest_register", args=[event.slug]))
        assert page.status_code == 404

    def test_a_request_asks_to_check_the_mailbox_and_sends_the_link(self, client, mailoutbox):
        event = public_event()
        response = client.post(
            reverse("events:guest_register", args=[event.slug]),
            {
                "guest_name": "  Anna   Schmidt ",
                "guest_email": "Anna.Schmidt@example.net",
                "guest_organisation": "Stadt Riesa",
                "note": "",
                "privacy_consent": "on",
            },
            follow=True,
        )
        assert response.redirect_chain == [(event.get_absolute_url(), 302)]
        assert "Bitte sehen Sie in Ihr Postfach" in response.content.decode()
        registration = event.registrations.get()
        assert registration.guest_name == "Anna Schmidt"
        assert registration.guest_email == "anna.schmidt@example.net"
        assert registration.guest_language == "de"
        assert registration.status == Registration.Status.PENDING
        assert len(mailoutbox) == 1

    def test_the_same_words_whether_or_not_the_address_is_registered(self, client):
        event = public_event()
        confirmed_guest(event)
        data = {
            "guest_name": "Anna Schmidt",
            "guest_email": "anna.schmidt@example.net",
            "privacy_consent": "on",
        }
        url = reverse("events:guest_register", args=[event.slug])
        response = client.post(url, data, follow=True)
        assert "Bitte sehen Sie in Ihr Postfach" in response.content.decode()
        assert event.registrations.count() == 1

    @pytest.mark.parametrize(
        ("data", "field", "message"),
        [
            ({"guest_email": "anna@"}, "guest_email", "gültige E-Mail-Adresse"),
            ({"guest_name": "   "}, "guest_name", "Bitte geben Sie Ihren Namen an"),
            ({"guest_email": ""}, "guest_email", "Bitte geben Sie Ihre E-Mail-Adresse an"),
            ({"privacy_consent": ""}, "privacy_consent", "Datenschutzerklärung gelesen"),
            ({"note": "x" * 1001}, "note", "höchstens 1000 Zeichen"),
        ],
        ids=["bad-address", "empty-name", "no-address", "no-consent", "long-note"],
    )
    def test_bad_input_is_refused_in_german_and_kept(
        self, client, mailoutbox, data, field, message
    ):
        event = public_event()
        sent = {
            "guest_name": "Anna Schmidt",
            "guest_email": "anna@example.net",
            "guest_organisation": "Verein Sichere Stadt",
            "privacy_consent": "on",
            **data,
        }
        page = client.post(reverse("events:guest_register", args=[event.slug]), sent)
        assert page.status_code == 200
        assert field in page.context["form"].errors
        content = page.content.decode()
        assert message in content
        assert "Verein Sichere Stadt" in content
        assert not event.registrations.exists()
        assert mailoutbox == []

    def test_a_closed_registration_shows_no_form(self, client):
        event = public_event(registration_closes_at=timezone.now() - timedelta(hours=1))
        page = client.get(reverse("events:guest_register", args=[event.slug]))
        assert "Die Anmeldung ist nicht geöffnet" in page.content.decode()
        assert 'name="guest_email"' not in page.content.decode()

    def test_the_event_page_leads_anonymous_visitors_to_the_guest_form(self, client):
        event = public_event()
        no_guests = public_event(accepts_guests=False, slug="ohne-gaeste")
        guest_form = reverse("events:guest_register", args=[event.slug])
        assert guest_form in client.get(event.get_absolute_url()).content.decode()
        assert "guest/" not in client.get(no_guests.get_absolute_url()).content.decode()

    def test_the_event_page_offers_members_their_own_registration(self, client_for, member):
        event = public_event()
        content = client_for(member).get(event.get_absolute_url()).content.decode()
        assert reverse("events:guest_register", args=[event.slug]) not in content
        assert reverse("events:register", args=[event.slug]) in content


class TestTheLinkPages:
    """The token is the authority: whoever holds it sees the same page,
    signed in or not; without a valid one nobody sees anything."""

    @pytest.mark.parametrize("who", PEOPLE)
    def test_confirming_is_a_button_not_the_opening_of_the_link(self, client_for, mailoutbox, who):
        event = public_event()
        ask(event)
        url = link(mailoutbox[0], CONFIRM_PATH)
        client = client_for(person(who))
        page = client.get(url)
        assert page.status_code == 200
        assert "Meine Anmeldung bestätigen" in page.content.decode()
        assert event.registrations.get().status == Registration.Status.PENDING
        response = client.post(url, follow=True)
        assert event.registrations.get().status == Registration.Status.CONFIRMED
        content = response.content.decode()
        assert "Ihre Teilnahme ist angemeldet" in content
        assert "/events/guest/cancel/" in content

    def test_a_full_event_says_the_waiting_list_place(self, client, mailoutbox):
        event = public_event(capacity=1)
        RegistrationFactory(event=event)
        ask(event)
        content = client.post(link(mailoutbox[0], CONFIRM_PATH), follow=True).content.decode()
        assert "auf Platz 1 der Warteliste" in content

    @pytest.mark.parametrize("who", PEOPLE)
    def test_a_forged_link_is_not_found(self, client_for, who):
        client = client_for(person(who))
        registration = confirmed_guest(public_event())
        token = guest_links.token(registration, guest_links.CANCEL)
        assert client.get(reverse("events:guest_confirm", args=[token])).status_code == 404
        assert client.get(reverse("events:guest_cancel", args=["x" + token])).status_code == 404
        assert client.post(reverse("events:guest_cancel", args=["forged"])).status_code == 404
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED

    def test_an_expired_link_says_so_and_leads_to_the_form(self, client, mailoutbox):
        event = public_event()
        ask(event)
        url = link(mailoutbox[0], CONFIRM_PATH)
        with time_machine.travel(timezone.now() + timedelta(hours=49)):
            page = client.get(url)
            response = client.post(url)
        assert page.status_code == response.status_code == 410
        content = page.content.decode()
        assert "Dieser Link ist abgelaufen" in content
        assert reverse("events:guest_register", args=[event.slug]) in content
        assert event.registrations.get().status == Registration.Status.PENDING

    def test_a_refusal_is_shown_on_the_page(self, client, mailoutbox):
        event = public_event()
        ask(event)
        Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
        response = client.post(link(mailoutbox[0], CONFIRM_PATH), follow=True)
        assert "abgesagt" in response.content.decode()
        assert event.registrations.get().status == Registration.Status.PENDING

    @pytest.mark.parametrize("who", PEOPLE)
    def test_cancelling_asks_first_then_cancels(self, client_for, mailoutbox, who):
        event = public_event(capacity=1)
        guest = confirmed_guest(event)
        waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        url = link(mails_to(mailoutbox, guest.guest_email)[-1], CANCEL_PATH)
        client = client_for(person(who))
        page = client.get(url)
        assert page.status_code == 200
        content = page.content.decode()
        assert "Meine Anmeldung stornieren" in content
        assert "Warteliste" in content  # the place goes to the waiting list
        guest.refresh_from_db()
        assert guest.status == Registration.Status.CONFIRMED
        response = client.post(url, follow=True)
        assert "ist storniert" in response.content.decode()
        guest.refresh_from_db()
        waiting.refresh_from_db()
        assert guest.status == Registration.Status.CANCELLED
        assert waiting.status == Registration.Status.CONFIRMED
        assert client.post(url).status_code == 200  # again: already cancelled, no error

    def test_a_confirmed_place_cannot_be_cancelled_after_the_start(self, client, mailoutbox):
        event = public_event()
        guest = confirmed_guest(event)
        url = link(mails_to(mailoutbox, guest.guest_email)[-1], CANCEL_PATH)
        with time_machine.travel(event.starts_at + timedelta(minutes=5)):
            response = client.post(url, follow=True)
        assert "Die Veranstaltung hat begonnen" in response.content.decode()
        guest.refresh_from_db()
        assert guest.status == Registration.Status.CONFIRMED


class TestAdmin:
    def test_the_registrations_list_shows_and_filters_guests(
        self, client_for, staff, django_assert_max_num_queries
    ):
        event = public_event()
        GuestRegistrationFactory.create_batch(3, event=event)
        GuestRegistrationFactory(event=event, guest_name="Anna Gast", guest_email="a@example.net")
        RegistrationFactory.create_batch(3, event=event)
        client = client_for(staff)
        url = reverse("admin:events_registration_changelist")
        with django_assert_max_num_queries(25):
            page = client.get(url)
        assert "Anna Gast (Gast)" in page.content.decode()
        guests = client.get(url, {"registered_as": "guest"}).context["cl"].result_count
        members = client.get(url, {"registered_as": "member"}).context["cl"].result_count
        assert (guests, members) == (4, 3)
        found = client.get(url, {"q": "a@example.net"}).context["cl"].result_count
        assert found == 1

    def test_a_guests_registration_and_its_event_open_in_the_admin(self, client_for, staff):
        guest = GuestRegistrationFactory(guest_name="Anna Gast")
        client = client_for(staff)
        page = client.get(reverse("admin:events_registration_change", args=[guest.pk]))
        assert page.status_code == 200
        assert "Anna Gast" in page.content.decode()
        page = client.get(reverse("admin:events_event_change", args=[guest.event.pk]))
        assert "Anna Gast (Gast)" in page.content.decode()

    def test_staff_cancel_a_guests_registration_with_the_action(
        self, client_for, staff, mailoutbox
    ):
        guest = GuestRegistrationFactory()
        client_for(staff).post(
            reverse("admin:events_registration_changelist"),
            {"action": "cancel_registrations", "_selected_action": [guest.pk]},
        )
        guest.refresh_from_db()
        assert guest.status == Registration.Status.CANCELLED
        assert mails_to(mailoutbox, guest.guest_email)


# Bad input

ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["\x00", "'; DROP TABLE events_registration; --", "%", "a@b", "9" * 40]),
)
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(name=ANY_TEXT, email=ANY_TEXT, organisation=ANY_TEXT, note=ANY_TEXT)
def test_random_guest_registrations_store_nothing_invalid(client, name, email, organisation, note):
    event = public_event()
    response = client.post(
        reverse("events:guest_register", args=[event.slug]),
        {
            "guest_name": name,
            "guest_email": email,
            "guest_organisation": organisation,
            "note": note,
            "privacy_consent": "on",
        },
    )
    assert response.status_code < 500
    for stored in event.registrations.all():
        assert stored.guest_name.strip() and "@" in stored.guest_email
        assert "\x00" not in stored.guest_name + stored.guest_organisation + stored.note


@PROPERTY
@given(token=ANY_TEXT.filter(lambda text: "/" not in text and text.strip()))
def test_random_tokens_are_not_found(client, token):
    for name in ("events:guest_confirm", "events:guest_cancel"):
        url = reverse(name, args=[token])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404


# Concurrency, on PostgreSQL


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_when_guests_confirm_and_members_register_at_once():
    assert connection.vendor == "postgresql"
    event = public_event(capacity=5)
    requests = [ask(event, email=f"gast{number}@example.net") for number in range(12)]
    members = MemberFactory.create_batch(12)

    def take_part(who):
        if isinstance(who, Registration):
            return services.confirm_guest(registration=Registration.objects.get(pk=who.pk)).status
        return services.register(
            event=Event.objects.get(pk=event.pk), user=User.objects.get(pk=who.pk)
        ).status

    mixed = [who for pair in zip(requests, members, strict=True) for who in pair]
    statuses, errors = run_concurrently(take_part, mixed)
    assert errors == []
    assert statuses.count(Registration.Status.CONFIRMED) == 5
    assert statuses.count(Registration.Status.WAITLISTED) == 19
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 5
    positions = sorted(
        registration.waitlist_position
        for registration in event.registrations.filter(
            status=Registration.Status.WAITLISTED
        ).with_waitlist_position()
    )
    assert positions == list(range(1, 20))


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_same_address_asking_many_times_at_once_gets_one_registration():
    event = public_event()

    def ask_again(number):
        return ask(Event.objects.get(pk=event.pk), email="Anna@example.net").pk

    results, errors = run_concurrently(ask_again, range(6))
    assert errors == []
    assert len(set(results)) == 1
    assert event.registrations.count() == 1


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_confirming_twice_at_once_confirms_once():
    event = public_event(capacity=1)
    registration = ask(event)

    def confirm(_):
        return services.confirm_guest(registration=Registration.objects.get(pk=registration.pk))

    results, errors = run_concurrently(confirm, range(5))
    assert errors == []
    assert {result.status for result in results} == {Registration.Status.CONFIRMED}
    assert event.registrations.get().status == Registration.Status.CONFIRMED
