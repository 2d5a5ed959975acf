import io
import zipfile
from datetime import timedelta

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event, EventDocument, Registration
from events.uploads import validate_document
from tests.events.factories import (
    PDF_BYTES,
    EventDocumentFactory,
    EventFactory,
    RegistrationFactory,
)
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


class TestList:
    def test_shows_upcoming_events_with_date_kind_place_seats_and_own_status(
        self, client_for, member
    ):
        event = EventFactory(title="Treffen in Pirna", venue_name="Rathaus Pirna", capacity=10)
        RegistrationFactory.create_batch(3, event=event)
        RegistrationFactory(event=event, user=member)
        EventFactory(
            title="Vergangen",
            starts_at=timezone.now() - timedelta(days=3),
            ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        )
        content = client_for(member).get(reverse("events:list")).content.decode()
        assert "Treffen in Pirna" in content
        assert "Vergangen" not in content
        assert "Rathaus Pirna" in content
        assert "Regionales Vernetzungstreffen" in content
        assert timezone.localtime(event.starts_at).strftime("%d.%m.%Y") in content
        assert "noch 6 Plätze frei" in content
        assert "angemeldet" in content

    def test_filters(self, client_for, member):
        soon = timezone.now() + timedelta(days=3)
        later = timezone.now() + timedelta(days=40)
        EventFactory(title="A Leipzig", region="leipzig", starts_at=soon)
        EventFactory(title="B Fachtag", kind=Event.Kind.FACHTAG, starts_at=later)
        mine = EventFactory(title="C Meins", description="Jugendgewalt", starts_at=later)
        RegistrationFactory(event=mine, user=member)
        client = client_for(member)

        def found(**query):
            page = client.get(reverse("events:list"), query)
            return {event.title for event in page.context["page_obj"]}

        assert found(region="leipzig") == {"A Leipzig"}
        assert found(kind="fachtag") == {"B Fachtag"}
        assert found(q="jugendgewalt") == {"C Meins"}
        assert found(mine="on") == {"C Meins"}
        assert found(date_to=timezone.localdate(soon).isoformat()) == {"A Leipzig"}
        assert found(date_from=timezone.localdate(later).isoformat()) == {"B Fachtag", "C Meins"}

    def test_archive_lists_past_events_with_their_documents(self, client_for, member):
        past = EventFactory(
            title="2. ASSKomm-Fachtag",
            kind=Event.Kind.FACHTAG,
            audience="public",
            starts_at=timezone.now() - timedelta(days=400),
            ends_at=timezone.now() - timedelta(days=400) + timedelta(hours=6),
        )
        EventDocumentFactory(event=past, title="Dokumentation des Fachtags")
        EventFactory(title="Kommt noch")
        content = client_for(member).get(reverse("events:archive")).content.decode()
        assert "2. ASSKomm-Fachtag" in content
        assert "Dokumentation des Fachtags" in content
        assert "Kommt noch" not in content

    def test_archive_search_finds_events_by_their_documents_titles(
        self, client_for, member, django_assert_max_num_queries
    ):
        past = timezone.now() - timedelta(days=400)
        fachtag = EventFactory(
            title="2. ASSKomm-Fachtag 2021",
            audience="public",
            starts_at=past,
            ends_at=past + timedelta(hours=6),
        )
        EventDocumentFactory(event=fachtag, title="Dokumentation des Fachtags")
        EventDocumentFactory(event=fachtag, title="Fachvortrag Jugend im öffentlichen Raum")
        EventDocumentFactory(event=fachtag, title="Dokumentation der Foren")
        secret = EventFactory(
            title="Vernetzungstreffen Görlitz", starts_at=past, ends_at=past + timedelta(hours=2)
        )
        EventDocumentFactory(
            event=secret,
            title="Geheimes Fachvortragsmaterial",
            visibility=EventDocument.Visibility.PARTICIPANTS,
        )
        client = client_for(member)

        def found(q):
            with django_assert_max_num_queries(14):
                response = client.get(reverse("events:archive"), {"q": q})
            return [event.title for event in response.context["page_obj"]]

        # Each event once, however many of its documents match.
        assert found("Fachtag 2021") == ["2. ASSKomm-Fachtag 2021"]
        assert found("Dokumentation") == ["2. ASSKomm-Fachtag 2021"]
        # A document the person may not open does not find its event.
        assert found("Fachvortrag") == ["2. ASSKomm-Fachtag 2021"]
        assert found("Fachvortrag Jugend") == ["2. ASSKomm-Fachtag 2021"]

    def test_runs_a_constant_number_of_queries(
        self, client_for, member, django_assert_max_num_queries
    ):
        client = client_for(member)
        for _ in range(5):
            event = EventFactory()
            RegistrationFactory(event=event, user=member)
        with django_assert_max_num_queries(12):
            client.get(reverse("events:list"))
        for _ in range(40):
            event = EventFactory()
            RegistrationFactory.create_batch(2, event=event)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("events:list"))
        assert len(response.context["page_obj"]) == 20
        with django_assert_max_num_queries(14):
            client.get(reverse("events:archive"))

    def test_anonymous_visitors_see_public_events_only(self, client):
        EventFactory(title="Öffentlich", audience="public")
        EventFactory(title="Für Mitglieder", audience="members")
        content = client.get(reverse("events:list")).content.decode()
        assert "Öffentlich" in content
        assert "Für Mitglieder" not in content


class TestDetailAndRegistration:
    def test_register_in_one_click(
        self, client_for, member, mailoutbox, django_capture_on_commit_callbacks
    ):
        event = EventFactory()
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(member).post(
                reverse("events:register", args=[event.slug]),
                {"note": "Ich komme mit dem Rollstuhl.", "on_attendee_list": "on"},
                follow=True,
            )
        registration = Registration.objects.get(event=event, user=member)
        assert registration.status == Registration.Status.CONFIRMED
        assert registration.on_attendee_list
        content = response.content.decode()
        assert "Ihre Teilnahme ist angemeldet" in content
        assert "Meine Anmeldung stornieren" in content
        assert len(mailoutbox) == 1

    def test_a_full_event_shows_the_waiting_list_place(self, client_for, member):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        response = client_for(member).post(
            reverse("events:register", args=[event.slug]), follow=True
        )
        content = response.content.decode()
        assert "Platz 2 der Warteliste" in content
        assert "Warteliste Platz 2" in content
        assert "Von der Warteliste abmelden" in content

    def test_registering_twice_gives_a_message_not_an_error_page(self, client_for, member):
        event = EventFactory()
        client = client_for(member)
        client.post(reverse("events:register", args=[event.slug]))
        response = client.post(reverse("events:register", args=[event.slug]), follow=True)
        assert response.status_code == 200
        assert "Sie sind für diese Veranstaltung bereits angemeldet." in [
            str(message) for message in response.context["messages"]
        ]
        assert event.registrations.count() == 1

    def test_a_too_long_note_keeps_what_was_typed(self, client_for, member):
        event = EventFactory()
        note = "Bitte beachten: " + "x" * 1100
        response = client_for(member).post(
            reverse("events:register", args=[event.slug]), {"note": note}
        )
        assert response.status_code == 200
        assert "höchstens 1000 Zeichen" in response.content.decode()
        assert note in response.content.decode()
        assert not Registration.objects.exists()

    def test_cancel_and_leave_the_waiting_list(self, client_for, member):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event, user=member)
        waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
        client = client_for(member)
        response = client.post(reverse("events:cancel", args=[event.slug]), follow=True)
        assert "Ihre Anmeldung ist storniert." in response.content.decode()
        waiting.refresh_from_db()
        assert waiting.status == Registration.Status.CONFIRMED

    def test_leave_the_waiting_list_through_the_page(self, client_for, member):
        event = EventFactory(capacity=1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, user=member, status=Registration.Status.WAITLISTED)
        response = client_for(member).post(reverse("events:cancel", args=[event.slug]), follow=True)
        assert "Sie haben sich von der Warteliste abgemeldet." in response.content.decode()
        assert not Registration.objects.active().filter(user=member).exists()

    def test_nobody_cancels_another_persons_registration(self, client_for, member, other_member):
        registration = RegistrationFactory(user=other_member)
        response = client_for(member).post(reverse("events:cancel", args=[registration.event.slug]))
        assert response.status_code == 404
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED

    def test_actions_need_post_and_a_login(self, client, member):
        event = EventFactory()
        response = client.post(reverse("events:register", args=[event.slug]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        client.force_login(member)
        assert client.get(reverse("events:register", args=[event.slug])).status_code == 405

    def test_actions_need_the_csrf_token(self, member):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        event = EventFactory()
        assert client.post(reverse("events:register", args=[event.slug])).status_code == 403
        assert not Registration.objects.exists()

    def test_anonymous_visitors_are_invited_to_log_in(self, client):
        event = EventFactory(audience="public")
        content = client.get(event.get_absolute_url()).content.decode()
        assert f'href="/accounts/login/?next=/events/{event.slug}/">Anmelden, um teilzunehmen' in (
            content
        )

    def test_registering_never_reads_like_logging_in(self, client_for, member):
        event = EventFactory()
        content = client_for(member).get(event.get_absolute_url()).content.decode()
        assert '<button type="submit" class="button">Teilnahme anmelden</button>' in content
        assert ">Anmelden<" not in content

    def test_the_attendee_list_is_shown_to_confirmed_participants(
        self, client_for, member, other_member
    ):
        event = EventFactory()
        RegistrationFactory(event=event, user=member)
        listed = RegistrationFactory(event=event, user=other_member, on_attendee_list=True)
        assert (
            listed.user.last_name
            in client_for(member).get(event.get_absolute_url()).content.decode()
        )
        outsider = MemberFactory()
        client = client_for(outsider)
        assert listed.user.last_name not in client.get(event.get_absolute_url()).content.decode()

    def test_the_online_link_is_for_confirmed_participants(self, client_for, member, other_member):
        event = EventFactory(venue_name="", online_url="https://meet.example.org/geheim")
        RegistrationFactory(event=event, user=member)
        assert (
            "meet.example.org/geheim"
            in client_for(member).get(event.get_absolute_url()).content.decode()
        )
        client = client_for(other_member)
        assert (
            "meet.example.org/geheim" not in client.get(event.get_absolute_url()).content.decode()
        )


class TestCalendars:
    def test_one_event_as_ics(self, client_for, member):
        event = EventFactory(title="AG-Sitzung", venue_name="LPR", venue_address="Dresden")
        response = client_for(member).get(reverse("events:ics", args=[event.slug]))
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        assert str(vevent["summary"]) == "AG-Sitzung"
        assert str(vevent["location"]) == "LPR, Dresden"
        assert vevent["dtstart"].params["TZID"] == "Europe/Berlin"
        assert str(vevent["url"]).endswith(event.get_absolute_url())

    def test_the_personal_feed_lists_the_persons_events_by_secret_address(self, client, member):
        mine = EventFactory(title="Meine Veranstaltung")
        waiting = EventFactory(title="Warte noch", capacity=1)
        RegistrationFactory(event=mine, user=member)
        RegistrationFactory(event=waiting)
        RegistrationFactory(event=waiting, user=member, status=Registration.Status.WAITLISTED)
        EventFactory(title="Nicht meine")
        feed = services.calendar_feed_for(member)
        response = client.get(reverse("events:personal_feed", args=[feed.token]))
        summaries = {
            str(vevent["summary"])
            for vevent in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        }
        assert summaries == {"Meine Veranstaltung", "Warte noch"}

    def test_a_renewed_feed_address_replaces_the_old_one(self, client_for, member):
        old = services.calendar_feed_for(member).token
        client = client_for(member)
        response = client.post(reverse("events:renew_feed"))
        assert response["Location"] == reverse("members:dashboard")
        assert client.get(reverse("events:personal_feed", args=[old])).status_code == 404
        new = services.calendar_feed_for(member).token
        assert client.get(reverse("events:personal_feed", args=[new])).status_code == 200

    def test_the_feed_follows_the_audience_even_for_registrations(self, client, member):
        event = EventFactory(title="Nur AG")
        RegistrationFactory(event=event, user=member)
        event.audience = Event.Audience.WORKING_GROUP
        event.save()
        feed = services.calendar_feed_for(member)
        response = client.get(reverse("events:personal_feed", args=[feed.token]))
        assert b"Nur AG" not in response.content

    def test_the_public_feed_has_public_events_only(self, client):
        EventFactory(title="Fachtag", audience="public")
        EventFactory(title="Intern", audience="members")
        EventFactory(title="Entwurf", audience="public", status=Event.Status.DRAFT)
        response = client.get(reverse("events:public_feed"))
        summaries = {
            str(vevent["summary"])
            for vevent in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        }
        assert summaries == {"Fachtag"}

    def test_the_online_link_is_in_the_ics_only_for_those_inside(
        self, client_for, member, other_member, staff
    ):
        event = EventFactory(venue_name="", online_url="https://meet.example.org/geheim")
        RegistrationFactory(event=event, user=member)
        RegistrationFactory(event=event, status=Registration.Status.WAITLISTED, user=other_member)
        url = reverse("events:ics", args=[event.slug])
        assert b"meet.example.org/geheim" in client_for(member).get(url).content
        assert b"meet.example.org/geheim" in client_for(staff).get(url).content
        response = client_for(other_member).get(url)
        assert response.status_code == 200
        assert b"meet.example.org/geheim" not in response.content

    def test_the_public_feed_never_carries_the_online_link(self, client):
        EventFactory(audience="public", online_url="https://meet.example.org/geheim")
        response = client.get(reverse("events:public_feed"))
        assert b"Vernetzungstreffen" in response.content
        assert b"meet.example.org/geheim" not in response.content

    def test_the_personal_feed_has_the_link_of_confirmed_places_only(self, client, member):
        confirmed = EventFactory(online_url="https://meet.example.org/bestaetigt")
        full = EventFactory(online_url="https://meet.example.org/warteliste", capacity=1)
        RegistrationFactory(event=confirmed, user=member)
        RegistrationFactory(event=full)
        RegistrationFactory(event=full, user=member, status=Registration.Status.WAITLISTED)
        feed = services.calendar_feed_for(member)
        content = client.get(reverse("events:personal_feed", args=[feed.token])).content
        assert b"meet.example.org/bestaetigt" in content
        assert b"meet.example.org/warteliste" not in content
        assert content.count(b"VEVENT") == 4


class TestDocuments:
    @pytest.mark.parametrize(
        ("visibility", "who", "expected"),
        [
            ("as_event", "anonymous", 200),
            ("members", "anonymous", 302),
            ("members", "applicant", 404),
            ("members", "member", 200),
            ("participants", "member", 404),
            ("participants", "participant", 200),
            ("participants", "staff", 200),
        ],
    )
    def test_each_document_follows_its_visibility(
        self, client_for, applicant, member, staff, visibility, who, expected
    ):
        event = EventFactory(audience="public")
        participant = MemberFactory()
        RegistrationFactory(event=event, user=participant)
        document = EventDocumentFactory(event=event, visibility=visibility)
        person = {
            "anonymous": None,
            "applicant": applicant,
            "member": member,
            "participant": participant,
            "staff": staff,
        }[who]
        response = client_for(person).get(document.get_absolute_url())
        assert response.status_code == expected

    def test_people_who_attended_keep_access_to_participant_documents(self, client_for, member):
        event = EventFactory()
        registration = RegistrationFactory(event=event, user=member, attended=True)
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save()
        document = EventDocumentFactory(event=event, visibility="participants")
        assert client_for(member).get(document.get_absolute_url()).status_code == 200

    def test_downloads_are_attachments_that_browsers_do_not_sniff(self, client_for, member):
        document = EventDocumentFactory(title="Protokoll der AG")
        response = client_for(member).get(document.get_absolute_url())
        assert response["Content-Disposition"].startswith("attachment")
        assert "Protokoll der AG.pdf" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF_BYTES

    def test_files_are_stored_outside_any_public_url(self, private_files):
        document = EventDocumentFactory()
        assert document.file.path.startswith(str(private_files / "private"))
        with pytest.raises(ValueError):
            document.file.url  # noqa: B018

    def test_a_document_of_another_event_is_not_found_under_this_one(self, client_for, member):
        document = EventDocumentFactory()
        other = EventFactory()
        url = reverse("events:document", args=[other.slug, document.pk])
        assert client_for(member).get(url).status_code == 404


def ooxml(part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}document.xml", "<x/>")
    return buffer.getvalue()


class TestUploads:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("protokoll.pdf", PDF_BYTES),
            ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20),
            ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20),
            ("bericht.docx", ooxml("word/")),
            ("zahlen.xlsx", ooxml("xl/")),
            ("folien.pptx", ooxml("ppt/")),
            ("alt.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 20),
        ],
    )
    def test_office_pdf_and_images_are_accepted(self, name, content):
        validate_document(SimpleUploadedFile(name, content))

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("seite.pdf", b"<html><script>alert(1)</script></html>", "passt nicht"),
            ("bericht.docx", ooxml("xl/"), "passt nicht"),
            ("bericht.docx", b"PK\x03\x04kaputt", "passt nicht"),
            ("programm.exe", b"MZ" + b"\0" * 20, "Erlaubt sind nur"),
            ("seite.html", b"<html></html>", "Erlaubt sind nur"),
        ],
    )
    def test_everything_else_is_refused_with_a_reason(self, name, content, message):
        with pytest.raises(ValidationError, match=message):
            validate_document(SimpleUploadedFile(name, content))

    def test_files_over_20_mb_are_refused(self):
        big = SimpleUploadedFile("gross.pdf", PDF_BYTES + b"\0" * (20 * 1024 * 1024))
        with pytest.raises(ValidationError, match="höchstens 20 MB"):
            validate_document(big)

    def test_the_admin_refuses_a_disguised_upload(self, client_for, staff):
        event = EventFactory()
        client = client_for(staff)
        response = client.post(
            reverse("admin:events_eventdocument_add"),
            {
                "event": event.pk,
                "title": "Tagesordnung",
                "kind": "agenda",
                "visibility": "as_event",
                "file": SimpleUploadedFile("tagesordnung.pdf", b"<html></html>"),
            },
        )
        assert response.status_code == 200
        assert "passt nicht" in response.content.decode()
        assert not EventDocument.objects.exists()


class TestPanels:
    def test_the_dashboard_shows_registrations_and_waiting_list_places(self, client_for, member):
        confirmed = EventFactory(title="Fest gebucht")
        RegistrationFactory(event=confirmed, user=member)
        full = EventFactory(title="Ausgebucht", capacity=1)
        RegistrationFactory(event=full)
        RegistrationFactory(event=full, status=Registration.Status.WAITLISTED)
        RegistrationFactory(event=full, user=member, status=Registration.Status.WAITLISTED)
        content = client_for(member).get(reverse("members:dashboard")).content.decode()
        assert "Fest gebucht" in content
        assert "Ausgebucht" in content
        assert "Warteliste Platz 2" in content
        assert services.calendar_feed_for(member).token in content

    def test_the_home_page_shows_upcoming_public_events(self, client):
        EventFactory(title="5. ASSKomm-Fachtag", audience="public")
        EventFactory(title="Internes Treffen", audience="members")
        content = client.get("/").content.decode()
        assert "5. ASSKomm-Fachtag" in content
        assert "Internes Treffen" not in content

    def test_a_municipality_page_shows_the_events_it_was_invited_to(
        self, client_for, member, invited_town
    ):
        workshop = EventFactory(title="Workshop Sicherheitsanalyse", audience="invited")
        workshop.invited_municipalities.add(invited_town)
        staff_view = client_for(MemberFactory(municipality=invited_town))
        assert (
            "Workshop Sicherheitsanalyse"
            in staff_view.get(invited_town.get_absolute_url()).content.decode()
        )


class TestLinksFromEmails:
    """A link from an e-mail leads an anonymous visitor through the login to
    the page, without telling them whether the page exists."""

    def login_for(self, path):
        return f"{reverse('account_login')}?next={path}"

    def test_anonymous_visitors_of_a_members_event_are_sent_to_the_login_and_back(self, client):
        event = EventFactory(audience="members")
        document = EventDocumentFactory(event=event)
        for path in (
            event.get_absolute_url(),
            reverse("events:ics", args=[event.slug]),
            document.get_absolute_url(),
        ):
            response = client.get(path)
            assert response.status_code == 302
            assert response["Location"] == self.login_for(path)

    def test_an_unknown_event_looks_the_same_to_anonymous_visitors(self, client):
        path = reverse("events:detail", args=["gibt-es-nicht"])
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == self.login_for(path)

    def test_logging_in_lands_on_the_event(self, client, member):
        event = EventFactory(audience="members", title="Vernetzungstreffen Region Leipzig")
        login_page = client.get(client.get(event.get_absolute_url())["Location"])
        assert f'value="{event.get_absolute_url()}"' in login_page.content.decode()
        response = client.post(
            reverse("account_login"),
            {"login": member.email, "password": PASSWORD, "next": event.get_absolute_url()},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == event.get_absolute_url()
        assert "Vernetzungstreffen Region Leipzig" in response.content.decode()

    def test_the_login_goes_to_no_other_host(self, client, member):
        response = client.post(
            reverse("account_login"),
            {"login": member.email, "password": PASSWORD, "next": "https://evil.example/x"},
        )
        assert response["Location"] == reverse("members:dashboard")

    def test_signed_in_outsiders_still_get_a_404(self, client_for, applicant):
        event = EventFactory(audience="members")
        document = EventDocumentFactory(event=event)
        client = client_for(applicant)
        assert client.get(event.get_absolute_url()).status_code == 404
        assert client.get(reverse("events:ics", args=[event.slug])).status_code == 404
        assert client.get(document.get_absolute_url()).status_code == 404
        assert client.get(reverse("events:detail", args=["gibt-es-nicht"])).status_code == 404

    def test_public_events_need_no_login(self, client):
        event = EventFactory(audience="public")
        assert client.get(event.get_absolute_url()).status_code == 200

    def test_an_action_after_the_session_ran_out_comes_back_to_the_event(self, client):
        event = EventFactory()
        for action in ("events:register", "events:cancel"):
            response = client.post(reverse(action, args=[event.slug]))
            assert response["Location"] == self.login_for(event.get_absolute_url())


class TestDocumentLabels:
    def test_the_kind_is_named_only_when_the_title_does_not_say_it(self):
        assert EventDocumentFactory.build(title="Protokoll", kind="minutes").kind_note == ""
        assert EventDocumentFactory.build(title="Sitzung am 3. März").kind_note == "Protokoll"

    def test_the_event_page_does_not_repeat_the_kind(self, client_for, member):
        event = EventFactory(audience="public")
        EventDocumentFactory(event=event, title="Protokoll", kind="minutes")
        EventDocumentFactory(event=event, title="Ergebnisse", kind="minutes")
        content = client_for(member).get(event.get_absolute_url()).content.decode()
        assert "(Protokoll)" in content  # beside "Ergebnisse"
        assert content.count("(Protokoll)") == 1

    def test_a_past_events_documentation_does_not_repeat_the_kind(self, client_for, member):
        event = EventFactory(
            audience="public",
            starts_at=timezone.now() - timedelta(days=30),
            ends_at=timezone.now() - timedelta(days=30, hours=-4),
        )
        EventDocumentFactory(event=event, title="Dokumentation des Fachtags", kind="documentation")
        content = client_for(member).get(event.get_absolute_url()).content.decode()
        assert "Dokumentation des Fachtags" in content
        assert "(Dokumentation)" not in content
