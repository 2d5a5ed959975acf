"""What users stumbled over on the event pages (issue 8): past events that
looked open, the waiting-list place, status chips and confirmation pages
for cancelling and for a new calendar address."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events import audiences, services
from events.models import Event, Registration
from tests.events.factories import EventDocumentFactory, EventFactory, RegistrationFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def past_event(**fields):
    starts = timezone.now() - timedelta(days=400)
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=7), **fields)


def full_event_with_waiting_list(member):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, user=member)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    return event


class TestPastEvents:
    def test_a_past_event_has_no_places_and_says_it_took_place(self):
        event = past_event(capacity=200)
        assert event.seats_chip is None
        assert event.has_taken_place
        assert str(event.status_chip.label) == "hat stattgefunden"

    def test_a_coming_event_shows_its_places(self):
        event = EventFactory(capacity=200)
        assert not event.has_taken_place
        assert event.status_chip is None
        assert str(event.seats_chip.label) == "noch 200 Plätze frei"

    def test_a_cancelled_past_event_says_cancelled_not_took_place(self):
        event = past_event(status=Event.Status.CANCELLED)
        assert not event.has_taken_place
        assert str(event.status_chip.label) == "abgesagt"

    def test_the_page_of_a_past_fachtag_shows_its_documentation_first(self, client):
        fachtag = past_event(
            title="2. ASSKomm-Fachtag", kind=Event.Kind.FACHTAG, audience="public", capacity=200
        )
        EventDocumentFactory(event=fachtag, title="Dokumentation des Fachtags")
        content = client.get(fachtag.get_absolute_url()).content.decode()
        assert "Diese Veranstaltung hat am" in content
        assert "stattgefunden" in content
        assert "Plätze frei" not in content
        assert "Die Anmeldung ist nicht geöffnet" not in content
        assert "Zum Anmelden einloggen" not in content
        assert reverse("events:ics", args=[fachtag.slug]) not in content
        assert f'href="{reverse("events:archive")}"' in content
        assert f'href="{reverse("events:list")}"' not in content.split("<main", 1)[-1]
        assert content.index("Dokumentation des Fachtags") < content.index("<dt>Art</dt>")

    def test_a_past_working_group_session_does_not_look_open(
        self, client_for, working_group_member
    ):
        session = past_event(kind=Event.Kind.WORKING_GROUP, audience="working_group", capacity=None)
        content = client_for(working_group_member).get(session.get_absolute_url()).content
        content = content.decode()
        assert "Plätze frei" not in content
        assert "Die Anmeldung ist nicht geöffnet" not in content
        assert "hat stattgefunden" in content

    def test_a_past_registration_cannot_be_cancelled_any_more(self, client_for, member):
        event = past_event()
        RegistrationFactory(event=event, user=member)
        content = client_for(member).get(event.get_absolute_url()).content.decode()
        assert "angemeldet" in content
        assert reverse("events:cancel", args=[event.slug]) not in content

    def test_the_archive_shows_no_free_places(self, client_for, member):
        past_event(title="Fachtag 2021", capacity=200)
        past_event(title="AG-Sitzung", capacity=None)
        content = client_for(member).get(reverse("events:archive")).content.decode()
        assert "Fachtag 2021" in content
        assert "AG-Sitzung" in content
        assert "Plätze frei" not in content
        assert "hat stattgefunden" in content

    def test_the_list_of_coming_events_still_shows_free_places(self, client_for, member):
        EventFactory(capacity=10)
        content = client_for(member).get(reverse("events:list")).content.decode()
        assert "noch 10 Plätze frei" in content
        assert "hat stattgefunden" not in content


class TestWaitingListPosition:
    def test_annotated_and_single_registrations_give_the_same_position(self):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event)
        first = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        second = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        annotated = Registration.objects.with_waitlist_position().get(pk=second.pk)
        assert annotated.waitlist_position == 2
        assert Registration.objects.get(pk=second.pk).waitlist_position == 2
        assert first.waitlist_position == 1

    def test_leaving_the_list_moves_the_next_up(self):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event)
        first = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        second = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        services.cancel_registration(registration=first)
        assert Registration.objects.get(pk=second.pk).waitlist_position == 1

    def test_confirmed_registrations_have_no_position(self):
        registration = RegistrationFactory()
        assert registration.waitlist_position is None
        annotated = Registration.objects.with_waitlist_position().get(pk=registration.pk)
        assert annotated.waitlist_position is None

    def test_the_event_list_shows_the_own_place_on_the_waiting_list(self, client_for, member):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        RegistrationFactory(event=event, user=member, status=Registration.Status.WAITLISTED)
        content = client_for(member).get(reverse("events:list")).content.decode()
        assert "Warteliste Platz 2" in content

    def test_the_detail_page_shows_the_same_place(self, client_for, member):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, user=member, status=Registration.Status.WAITLISTED)
        content = client_for(member).get(event.get_absolute_url()).content.decode()
        assert "Warteliste Platz 1" in content


class TestCancelConfirmation:
    def test_the_event_page_links_to_a_confirmation_with_a_secondary_button(
        self, client_for, member
    ):
        event = EventFactory()
        RegistrationFactory(event=event, user=member)
        content = client_for(member).get(event.get_absolute_url()).content.decode()
        url = reverse("events:cancel", args=[event.slug])
        assert f'<a class="button button--secondary" href="{url}">' in content

    def test_asking_to_cancel_changes_nothing_yet(self, client_for, member):
        event = EventFactory()
        registration = RegistrationFactory(event=event, user=member)
        response = client_for(member).get(reverse("events:cancel", args=[event.slug]))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Möchten Sie Ihre Anmeldung" in content
        assert 'method="post"' in content
        assert "Ihr Platz geht an die erste Person auf der Warteliste" not in content
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED

    def test_the_confirmation_says_the_seat_goes_to_the_waiting_list(self, client_for, member):
        event = full_event_with_waiting_list(member)
        content = client_for(member).get(reverse("events:cancel", args=[event.slug])).content
        assert "Ihr Platz geht an die erste Person auf der Warteliste" in content.decode()

    def test_leaving_the_waiting_list_names_the_place_given_up(self, client_for, member):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, user=member, status=Registration.Status.WAITLISTED)
        content = client_for(member).get(reverse("events:cancel", args=[event.slug])).content
        content = content.decode()
        assert "Platz 1 auf der Warteliste auf" in content
        assert "Von der Warteliste abmelden" in content

    def test_confirming_cancels(self, client_for, member):
        event = full_event_with_waiting_list(member)
        client = client_for(member)
        response = client.post(reverse("events:cancel", args=[event.slug]), follow=True)
        assert "Ihre Anmeldung ist storniert." in response.content.decode()
        assert not Registration.objects.active().filter(event=event, user=member).exists()

    def test_only_the_person_and_only_logged_in(self, client, client_for, member, other_member):
        event = EventFactory()
        RegistrationFactory(event=event, user=member)
        url = reverse("events:cancel", args=[event.slug])
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert client_for(other_member).get(url).status_code == 404

    def test_an_event_no_longer_visible_is_not_found(self, client_for, member):
        event = EventFactory(audience="working_group")
        RegistrationFactory(event=event, user=member)
        assert (
            client_for(member).get(reverse("events:cancel", args=[event.slug])).status_code == 404
        )

    def test_may_be_cancelled_follows_the_service_rule(self):
        started = EventFactory(starts_at=timezone.now() - timedelta(hours=1))
        confirmed = RegistrationFactory(event=started)
        waiting = RegistrationFactory(event=started, status=Registration.Status.WAITLISTED)
        assert not confirmed.may_be_cancelled()
        assert waiting.may_be_cancelled()
        with pytest.raises(services.RegistrationError):
            services.cancel_registration(registration=confirmed)

    def test_a_seat_goes_to_the_waiting_list_only_when_someone_waits(self, member):
        full = full_event_with_waiting_list(member)
        assert Registration.objects.get(event=full, user=member).frees_a_seat_for_the_waiting_list()
        roomy = RegistrationFactory(user=MemberFactory())
        assert not roomy.frees_a_seat_for_the_waiting_list()


class TestRenewFeedConfirmation:
    def test_the_dashboard_links_to_a_confirmation_with_a_secondary_button(
        self, client_for, member
    ):
        content = client_for(member).get(reverse("members:dashboard")).content.decode()
        url = reverse("events:renew_feed")
        assert f'<a class="button button--secondary" href="{url}">' in content

    def test_asking_keeps_the_address_confirming_renews_it(self, client_for, member):
        old = services.calendar_feed_for(member).token
        client = client_for(member)
        response = client.get(reverse("events:renew_feed"))
        assert response.status_code == 200
        assert "Möchten Sie eine neue Adresse" in response.content.decode()
        assert services.calendar_feed_for(member).token == old
        response = client.post(reverse("events:renew_feed"))
        assert response["Location"] == reverse("members:dashboard")
        assert services.calendar_feed_for(member).token != old

    def test_needs_a_login(self, client):
        response = client.get(reverse("events:renew_feed"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


class TestWorkingGroupAudience:
    # The working group's page is tested in tests/working_group.
    def test_belonging_to_the_working_group(self, member, working_group_member):
        assert audiences.belongs_to(working_group_member, Event.Audience.WORKING_GROUP)
        assert not audiences.belongs_to(member, Event.Audience.WORKING_GROUP)
        assert audiences.belongs_to(member, Event.Audience.MEMBERS)


def test_the_event_list_counts_no_extra_queries_for_waiting_list_places(
    client_for, member, django_assert_max_num_queries
):
    client = client_for(member)
    for _ in range(20):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, user=member, status=Registration.Status.WAITLISTED)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:list"))
    assert response.content.decode().count("Warteliste Platz 1") == 20
