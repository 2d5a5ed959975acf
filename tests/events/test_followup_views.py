"""The follow-up pages of an event: the feedback form, the results for the
organisers, the attendance certificate – and who may open which."""

import io
from datetime import timedelta

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import FEEDBACK_WINDOW, EventDocument, EventFeedback, FeedbackGiven
from members.models import Organisation
from tests.events.factories import PDF_BYTES, EventFactory, RegistrationFactory
from tests.events.test_followup_services import past_event
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "applicant", "attendee", "other_member", "staff"]


@pytest.fixture
def world(applicant, other_member, staff):
    """A members' event that is over: one member attended; another member
    and the applicant did not; the staff member manages it."""
    event = past_event(
        title="Vernetzungstreffen Region Dresden",
        slug="vernetzungstreffen-dresden",
        venue_name="Rathaus Pirna",
        venue_address="Markt 1\n01796 Pirna",
    )
    attendee = MemberFactory(first_name="Zoë", last_name="Łukasiewicz")
    RegistrationFactory(event=event, user=attendee, attended=True)
    RegistrationFactory(event=event, user=other_member)  # registered, did not come
    return {
        "event": event,
        "people": {
            "anonymous": None,
            "applicant": applicant,
            "attendee": attendee,
            "other_member": other_member,
            "staff": staff,
        },
    }


def get_as(client_for, world, who, url):
    return client_for(world["people"][who]).get(url)


def expect(response, expected):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code == expected


def feedback_url(event):
    return reverse("events:feedback", args=[event.slug])


def link(url):
    return f'href="{url}"'


def results_url(event):
    return reverse("events:feedback_results", args=[event.slug])


def certificate_url(event):
    return reverse("events:certificate", args=[event.slug])


class TestWhoMayOpenWhat:
    @pytest.mark.parametrize(
        ("who", "expected"),
        [
            ("anonymous", "login"),
            ("applicant", 404),
            ("attendee", 200),
            ("other_member", 404),
            ("staff", 404),
        ],
    )
    def test_the_feedback_form_is_for_attendees(self, client_for, world, who, expected):
        expect(get_as(client_for, world, who, feedback_url(world["event"])), expected)

    @pytest.mark.parametrize("who", ["applicant", "other_member", "staff"])
    def test_nobody_else_can_post_feedback(self, client_for, world, who):
        response = client_for(world["people"][who]).post(
            feedback_url(world["event"]), {"rating": "1", "text": "Schlecht"}
        )
        assert response.status_code == 404
        assert not EventFeedback.objects.exists()

    def test_an_anonymous_post_goes_to_the_login(self, client_for, world):
        response = client_for(None).post(feedback_url(world["event"]), {"rating": "1"})
        expect(response, "login")
        assert not EventFeedback.objects.exists()

    @pytest.mark.parametrize(
        ("who", "expected"),
        [
            ("anonymous", "login"),
            ("applicant", 404),
            ("attendee", 404),
            ("other_member", 404),
            ("staff", 200),
        ],
    )
    def test_the_results_are_for_the_organisers(self, client_for, world, who, expected):
        expect(get_as(client_for, world, who, results_url(world["event"])), expected)

    def test_regional_coordinators_see_the_results_of_their_region_only(
        self, client_for, coordinator
    ):
        own = past_event(region="dresden")
        other = past_event(region="leipzig")
        client = client_for(coordinator)
        assert client.get(results_url(own)).status_code == 200
        assert client.get(results_url(other)).status_code == 404

    @pytest.mark.parametrize(
        ("who", "expected"),
        [
            ("anonymous", "login"),
            ("applicant", 404),
            ("attendee", 200),
            ("other_member", 404),
            ("staff", 404),
        ],
    )
    def test_the_certificate_is_for_the_attendee(self, client_for, world, who, expected):
        response = get_as(client_for, world, who, certificate_url(world["event"]))
        expect(response, expected)
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert (
                "teilnahmebescheinigung-vernetzungstreffen-dresden.pdf"
                in (response["Content-Disposition"])
            )
            assert response["Cache-Control"] == "private, no-store"

    @pytest.mark.parametrize("page", [feedback_url, certificate_url])
    def test_not_before_the_event_is_over(self, client_for, member, page):
        running = EventFactory(
            starts_at=timezone.now() - timedelta(hours=1),
            ends_at=timezone.now() + timedelta(hours=1),
        )
        RegistrationFactory(event=running, user=member, attended=True)
        assert client_for(member).get(page(running)).status_code == 404

    def test_no_certificate_for_a_cancelled_event(self, client_for, member):
        event = past_event(status="cancelled")
        RegistrationFactory(event=event, user=member, attended=True)
        assert client_for(member).get(certificate_url(event)).status_code == 404


class TestFeedbackForm:
    def test_the_attendee_gives_feedback_once_and_is_thanked(self, client_for, world):
        event, attendee = world["event"], world["people"]["attendee"]
        client = client_for(attendee)
        page = client.get(feedback_url(event)).content.decode()
        assert "Wie hat Ihnen die Veranstaltung gefallen?" in page
        assert "5 – sehr gut" in page
        assert "anonym" in page
        response = client.post(feedback_url(event), {"rating": "4", "text": "Gute Impulse."})
        assert response.status_code == 302
        assert response["Location"] == event.get_absolute_url()
        assert (
            "Vielen Dank für Ihre Rückmeldung!" in client.get(response["Location"]).content.decode()
        )
        feedback = EventFeedback.objects.get()
        assert (feedback.event, feedback.rating, feedback.text) == (event, 4, "Gute Impulse.")
        assert FeedbackGiven.objects.filter(event=event, user=attendee).exists()

        again = client.get(feedback_url(event)).content.decode()
        assert "bereits eine Rückmeldung gegeben" in again
        assert "<form" not in again.split("<main", 1)[-1].split("</main>")[0]
        client.post(feedback_url(event), {"rating": "1", "text": "Doch nicht."})
        assert EventFeedback.objects.count() == 1

    def test_a_missing_rating_is_asked_for_next_to_the_field(self, client_for, world):
        client = client_for(world["people"]["attendee"])
        response = client.post(feedback_url(world["event"]), {"text": "Ohne Note"})
        assert response.status_code == 200
        content = response.content.decode()
        assert "Bitte wählen Sie eine Bewertung von 1 bis 5." in content
        assert "Ohne Note" in content  # kept for the next try
        assert not EventFeedback.objects.exists()

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"rating": "7"}, "Bitte eine gültige Auswahl treffen."),
            ({"rating": "drei"}, "Bitte eine gültige Auswahl treffen."),
            ({"rating": "3", "text": "x" * 3001}, "Bitte bleiben Sie unter 3000 Zeichen"),
        ],
    )
    def test_bad_input_gets_a_german_message_and_no_500(self, client_for, world, data, message):
        response = client_for(world["people"]["attendee"]).post(feedback_url(world["event"]), data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not EventFeedback.objects.exists()

    def test_after_the_window_the_page_says_it_has_closed(self, client_for, member):
        event = past_event(days_ago=FEEDBACK_WINDOW.days + 1)
        RegistrationFactory(event=event, user=member, attended=True)
        client = client_for(member)
        assert "waren bis zum" in client.get(feedback_url(event)).content.decode()
        client.post(feedback_url(event), {"rating": "5"})
        assert not EventFeedback.objects.exists()


class TestEventPage:
    def test_the_attendee_is_offered_the_certificate_and_asked_for_feedback(
        self, client_for, world
    ):
        event, attendee = world["event"], world["people"]["attendee"]
        client = client_for(attendee)
        content = client.get(event.get_absolute_url()).content.decode()
        assert link(certificate_url(event)) in content
        assert link(feedback_url(event)) in content
        assert link(results_url(event)) not in content
        services.give_feedback(event=event, user=attendee, rating=5)
        content = client.get(event.get_absolute_url()).content.decode()
        assert link(certificate_url(event)) in content
        assert link(feedback_url(event)) not in content
        assert "Vielen Dank für Ihre Rückmeldung." in content

    def test_no_feedback_prompt_once_the_window_has_closed(self, client_for, member):
        event = past_event(days_ago=FEEDBACK_WINDOW.days + 1)
        RegistrationFactory(event=event, user=member, attended=True)
        content = client_for(member).get(event.get_absolute_url()).content.decode()
        assert link(certificate_url(event)) in content
        assert link(feedback_url(event)) not in content

    @pytest.mark.parametrize("who", ["other_member", "staff"])
    def test_others_are_offered_neither(self, client_for, world, who):
        event = world["event"]
        content = get_as(client_for, world, who, event.get_absolute_url()).content.decode()
        assert link(certificate_url(event)) not in content
        assert link(feedback_url(event)) not in content

    def test_the_organisers_find_the_results(self, client_for, world):
        event = world["event"]
        content = get_as(client_for, world, "staff", event.get_absolute_url()).content.decode()
        assert link(results_url(event)) in content
        admin_page = get_as(
            client_for, world, "staff", reverse("admin:events_event_change", args=[event.pk])
        ).content.decode()
        assert link(results_url(event)) in admin_page

    def test_my_page_lists_the_events_i_attended_with_their_certificates(self, client_for, world):
        event = world["event"]
        content = get_as(client_for, world, "attendee", reverse("members:dashboard"))
        content = content.content.decode()
        assert "Veranstaltungen, an denen Sie teilgenommen haben" in content
        assert link(certificate_url(event)) in content
        assert link(feedback_url(event)) in content
        other = get_as(client_for, world, "other_member", reverse("members:dashboard"))
        assert link(certificate_url(event)) not in other.content.decode()


class TestResults:
    def test_numbers_and_comments_without_any_name(self, client_for, world, staff):
        event = world["event"]
        answers = [(5, "Sehr praxisnah."), (4, ""), (2, "Zu wenig Zeit für Fragen.")]
        people = []
        for rating, text in answers:
            person = MemberFactory(first_name="Wiebke", last_name=f"Nachname{rating}")
            RegistrationFactory(event=event, user=person, attended=True)
            services.give_feedback(event=event, user=person, rating=rating, text=text)
            people.append(person)
        response = client_for(staff).get(results_url(event))
        content = response.content.decode()
        assert "3,7 von 5" in content
        assert "Sehr praxisnah." in content
        assert "Zu wenig Zeit für Fragen." in content
        summary = response.context["summary"]
        assert [row.count for row in summary.distribution] == [1, 1, 0, 1, 0]
        for person in [*people, world["people"]["attendee"]]:
            assert person.last_name not in content
            assert person.email not in content
        assert "Wiebke" not in content

    def test_no_answers_yet(self, client_for, world, staff):
        content = client_for(staff).get(results_url(world["event"])).content.decode()
        assert "noch niemand eine Rückmeldung gegeben" in content

    def test_runs_a_constant_number_of_queries(
        self, client_for, world, staff, django_assert_max_num_queries
    ):
        event = world["event"]
        client = client_for(staff)
        client.get(results_url(event))  # sessions, permissions cached

        def answer(count):
            for number in range(count):
                person = MemberFactory()
                RegistrationFactory(event=event, user=person, attended=True)
                services.give_feedback(
                    event=event, user=person, rating=number % 5 + 1, text=f"Kommentar {number}"
                )

        answer(3)
        with django_assert_max_num_queries(12) as few:
            client.get(results_url(event))
        answer(20)
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get(results_url(event))
        assert len(response.context["comments"]) == 23


class TestCertificate:
    def test_names_the_person_the_event_its_date_place_organiser_and_kind(self, client_for, world):
        event = world["event"]
        event.organiser = Organisation.objects.get_or_create(
            name="Landespräventionsrat Sachsen", defaults={"short_name": "LPR"}
        )[0]
        event.save()
        attendee = world["people"]["attendee"]
        attendee.preferred_language = "en"  # a certificate is German all the same
        attendee.save()
        response = client_for(attendee).get(certificate_url(event))
        reader = pypdf.PdfReader(io.BytesIO(response.content))
        assert len(reader.pages) == 1
        text = reader.pages[0].extract_text()
        starts = timezone.localtime(event.starts_at)
        ends = timezone.localtime(event.ends_at)
        for expected in [
            "Teilnahmebescheinigung",
            "Zoë Łukasiewicz",
            "Vernetzungstreffen Region Dresden",
            "Regionales Vernetzungstreffen",
            f"{starts:%d.%m.%Y}, {starts:%H:%M} bis {ends:%H:%M} Uhr",
            "Rathaus Pirna, Markt 1, 01796 Pirna",
            "Veranstalter: Landespräventionsrat Sachsen (LPR)",
            "Allianz Sichere Sächsische Kommunen",
            "ohne Unterschrift gültig",
        ]:
            assert expected in text, expected
        assert "Certificate" not in text

    def test_an_event_over_several_days_gives_both_dates(self, client_for, member):
        starts = timezone.now() - timedelta(days=10)
        event = EventFactory(
            starts_at=starts,
            ends_at=starts + timedelta(days=1, hours=2),
            online_url="https://x.example",
        )
        RegistrationFactory(event=event, user=member, attended=True)
        response = client_for(member).get(certificate_url(event))
        text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        first = timezone.localtime(event.starts_at)
        last = timezone.localtime(event.ends_at)
        assert f"vom {first:%d.%m.%Y} bis {last:%d.%m.%Y}" in text
        assert "Rathaus, online" in text

    def test_a_name_beyond_the_font_does_not_break_it(self, client_for):
        event = past_event()
        person = MemberFactory(first_name="王", last_name="小明")
        RegistrationFactory(event=event, user=person, attended=True)
        response = client_for(person).get(certificate_url(event))
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")


class TestAdmin:
    def test_documentation_added_in_the_admin_is_announced(
        self, client_for, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        event = past_event()
        attendee = RegistrationFactory(event=event, attended=True).user
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(staff).post(
                reverse("admin:events_eventdocument_add"),
                {
                    "event": event.pk,
                    "title": "Protokoll",
                    "kind": EventDocument.Kind.MINUTES,
                    "visibility": EventDocument.Visibility.AS_EVENT,
                    "file": SimpleUploadedFile("protokoll.pdf", PDF_BYTES, "application/pdf"),
                },
                follow=True,
            )
        assert response.status_code == 200
        assert "per E-Mail über „Protokoll“ informiert" in response.content.decode()
        assert [mail.to for mail in mailoutbox] == [[attendee.email]]
        assert EventDocument.objects.get().notice_sent_at is not None

    def test_attendance_and_documentation_saved_in_one_go_in_the_event_form(
        self, client_for, staff, mailoutbox, django_capture_on_commit_callbacks
    ):
        from tests.events.test_admin import change_form_data

        event = past_event()
        attendee = RegistrationFactory(event=event, attended=True).user
        client = client_for(staff)
        url, data = change_form_data(client, event)
        data.update(
            {
                "registrations-0-attended": "on",
                "documents-TOTAL_FORMS": 1,
                "documents-0-title": "Dokumentation",
                "documents-0-kind": EventDocument.Kind.DOCUMENTATION,
                "documents-0-visibility": EventDocument.Visibility.AS_EVENT,
                "documents-0-file": SimpleUploadedFile("doku.pdf", PDF_BYTES, "application/pdf"),
            }
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert [mail.to for mail in mailoutbox] == [[attendee.email]]

    def test_the_feedback_list_is_read_only_and_names_nobody(self, client_for, staff):
        event = past_event(title="Treffen Bautzen")
        person = MemberFactory(last_name="Unsichtbar")
        RegistrationFactory(event=event, user=person, attended=True)
        services.give_feedback(event=event, user=person, rating=3, text="Geht so.")
        client = client_for(staff)
        response = client.get(
            reverse("admin:events_eventfeedback_changelist"), {"event__id__exact": event.pk}
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "Geht so." in content
        assert "Unsichtbar" not in content
        assert person.email not in content
        assert "admin:events_eventfeedback_add" not in content
        feedback = EventFeedback.objects.get()
        change = client.get(reverse("admin:events_eventfeedback_change", args=[feedback.pk]))
        assert change.status_code == 200
        assert 'name="rating"' not in change.content.decode()
        assert (
            client.post(
                reverse("admin:events_eventfeedback_delete", args=[feedback.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        assert EventFeedback.objects.exists()

    def test_coordinators_see_the_feedback_of_their_region_only(self, client_for, coordinator):
        for region in ("dresden", "leipzig"):
            event = past_event(region=region)
            person = UserFactory()
            RegistrationFactory(event=event, user=person, attended=True)
            services.give_feedback(event=event, user=person, rating=4, text=region)
        response = client_for(coordinator).get(reverse("admin:events_eventfeedback_changelist"))
        assert [answer.text for answer in response.context["cl"].queryset] == ["dresden"]
