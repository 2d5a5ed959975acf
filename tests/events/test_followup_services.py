"""Following an event up: new documents announced to the people concerned,
the attendees' anonymous feedback, and what privacy asks of both."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from mailer.models import Message

from events import services
from events.models import (
    FEEDBACK_WINDOW,
    EventDocument,
    EventFeedback,
    FeedbackGiven,
    Registration,
)
from members.services import delete_account, export_personal_data
from tests.events.factories import PDF_BYTES, EventFactory, RegistrationFactory
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def past_event(days_ago=3, **kwargs):
    """An event of four hours ``days_ago`` days ago, from 10 to 14 o'clock
    local time: on one day, whatever the time the tests run at."""
    day = timezone.localtime() - timedelta(days=days_ago)
    starts_at = day.replace(hour=10, minute=0, second=0, microsecond=0)
    return EventFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=4), **kwargs)


def add_document(event, kind=EventDocument.Kind.DOCUMENTATION, **kwargs):
    document = EventDocument(
        event=event,
        title=kwargs.pop("title", "Dokumentation des Treffens"),
        kind=kind,
        file=ContentFile(PDF_BYTES, name="dokumentation.pdf"),
        **kwargs,
    )
    return services.save_document(document=document)


def recipients(mailoutbox):
    return sorted(address for mail in mailoutbox for address in mail.to)


class TestDocumentationNotice:
    def test_documentation_after_the_event_goes_to_each_attendee_once(self, mailoutbox):
        event = past_event(title="Vernetzungstreffen Pirna")
        attendees = [RegistrationFactory(event=event, attended=True).user for _ in range(2)]
        RegistrationFactory(event=event)  # registered, but did not come
        RegistrationFactory(event=event, attended=True, user__is_active=False)
        document = add_document(event)
        assert recipients(mailoutbox) == sorted(user.email for user in attendees)
        mail = mailoutbox[0]
        assert "Neue Dokumentation: Vernetzungstreffen Pirna" in mail.subject
        assert f"/events/{event.slug}/" in mail.body
        assert "Dokumentation des Treffens" in mail.body
        document.refresh_from_db()
        assert document.notice_sent_at is not None

    @pytest.mark.parametrize(
        "kind",
        [
            EventDocument.Kind.DOCUMENTATION,
            EventDocument.Kind.MINUTES,
            EventDocument.Kind.SLIDES,
        ],
    )
    def test_minutes_and_slides_are_news_too(self, mailoutbox, kind):
        event = past_event()
        RegistrationFactory(event=event, attended=True)
        add_document(event, kind=kind)
        assert len(mailoutbox) == 1

    def test_other_documents_and_the_agenda_after_the_event_are_not_announced(self, mailoutbox):
        event = past_event()
        RegistrationFactory(event=event, attended=True)
        add_document(event, kind=EventDocument.Kind.OTHER)
        add_document(event, kind=EventDocument.Kind.AGENDA)
        assert not mailoutbox

    def test_documentation_before_the_event_ends_is_not_announced(self, mailoutbox):
        event = EventFactory()
        RegistrationFactory(event=event, attended=True)
        document = add_document(event, kind=EventDocument.Kind.SLIDES)
        assert not mailoutbox
        assert document.notice_sent_at is None

    def test_editing_or_replacing_the_file_later_does_not_tell_them_again(self, mailoutbox):
        event = past_event()
        RegistrationFactory(event=event, attended=True)
        document = add_document(event)
        assert len(mailoutbox) == 1
        document = EventDocument.objects.get(pk=document.pk)
        document.title = "Dokumentation (korrigiert)"
        services.save_document(document=document)
        document.file = ContentFile(PDF_BYTES, name="neu.pdf")
        services.save_document(document=document)
        assert len(mailoutbox) == 1

    def test_only_attendees_who_may_see_the_document_are_told(self, mailoutbox):
        event = past_event(audience="public")
        member = RegistrationFactory(event=event, attended=True).user
        RegistrationFactory(event=event, attended=True, user=UserFactory())  # not a member
        add_document(event, visibility=EventDocument.Visibility.MEMBERS)
        assert recipients(mailoutbox) == [member.email]

    def test_nobody_to_tell_leaves_the_document_unannounced(self, mailoutbox):
        """Documentation uploaded before staff mark attendance: a new file
        uploaded later still reaches the attendees."""
        event = past_event()
        registration = RegistrationFactory(event=event)
        document = add_document(event)
        assert document.notice_sent_at is None
        services.set_attendance(registrations=[registration], attended=True)
        document.file = ContentFile(PDF_BYTES, name="endfassung.pdf")
        services.save_document(document=document)
        assert recipients(mailoutbox) == [registration.user.email]

    def test_the_mail_asks_for_feedback_while_it_is_open_and_not_given(self, mailoutbox):
        event = past_event()
        asked = RegistrationFactory(event=event, attended=True).user
        answered = RegistrationFactory(event=event, attended=True).user
        services.give_feedback(event=event, user=answered, rating=4)
        add_document(event)
        bodies = {mail.to[0]: mail.body for mail in mailoutbox}
        feedback_url = f"/events/{event.slug}/feedback/"
        assert feedback_url in bodies[asked.email]
        assert feedback_url not in bodies[answered.email]

    def test_no_feedback_question_once_the_window_has_closed(self, mailoutbox):
        event = past_event(days_ago=FEEDBACK_WINDOW.days + 1)
        RegistrationFactory(event=event, attended=True)
        add_document(event)
        assert "/feedback/" not in mailoutbox[0].body

    def test_the_mails_are_queued_with_the_document_and_not_without_it(self, settings):
        settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
        event = past_event()
        attendee = RegistrationFactory(event=event, attended=True).user
        with pytest.raises(RuntimeError), transaction.atomic():
            add_document(event)
            assert [message.to_addresses for message in Message.objects.all()] == [[attendee.email]]
            raise RuntimeError("the request fails later")
        assert not Message.objects.exists()
        assert not EventDocument.objects.exists()


class TestAgendaNotice:
    def test_the_agenda_before_the_event_goes_to_everyone_registered(self, mailoutbox):
        event = EventFactory(title="Fachtag", capacity=1)
        confirmed = RegistrationFactory(event=event).user
        waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED).user
        RegistrationFactory(
            event=event, status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
        )
        document = add_document(event, kind=EventDocument.Kind.AGENDA, title="Tagesordnung")
        assert recipients(mailoutbox) == sorted([confirmed.email, waiting.email])
        bodies = {mail.to[0]: mail for mail in mailoutbox}
        assert "Die Tagesordnung ist da: Fachtag" in bodies[confirmed.email].subject
        assert "Warteliste" in bodies[waiting.email].body
        assert "Warteliste" not in bodies[confirmed.email].body
        assert document.notice_sent_at is not None

    def test_an_agenda_of_a_running_or_cancelled_event_is_not_announced(self, mailoutbox):
        running = EventFactory(
            starts_at=timezone.now() - timedelta(hours=1),
            ends_at=timezone.now() + timedelta(hours=2),
        )
        cancelled = EventFactory(status="cancelled")
        for event in (running, cancelled):
            RegistrationFactory(event=event)
            add_document(event, kind=EventDocument.Kind.AGENDA)
        assert not mailoutbox


class TestGiveFeedback:
    def test_the_answer_is_kept_without_the_person_and_the_receipt_without_the_answer(self):
        event = past_event()
        attendee = RegistrationFactory(event=event, attended=True).user
        feedback = services.give_feedback(
            event=event, user=attendee, rating=5, text="  Sehr hilfreich.  "
        )
        assert (feedback.rating, feedback.text) == (5, "Sehr hilfreich.")
        assert feedback.created_on == timezone.localdate()
        assert FeedbackGiven.objects.filter(event=event, user=attendee).exists()
        # No way from an answer to a person: no field points to an account,
        # and the receipt has neither a time nor an order to match.
        user_model = type(attendee)
        assert not [
            field
            for field in EventFeedback._meta.get_fields()
            if field.is_relation and field.related_model is user_model
        ]
        assert {field.name for field in FeedbackGiven._meta.get_fields()} == {
            "id",
            "event",
            "user",
        }

    def test_once_per_attendee(self):
        event = past_event()
        attendee = RegistrationFactory(event=event, attended=True).user
        services.give_feedback(event=event, user=attendee, rating=4)
        with pytest.raises(services.FeedbackError, match="bereits eine Rückmeldung"):
            services.give_feedback(event=event, user=attendee, rating=1)
        assert EventFeedback.objects.count() == 1

    def test_the_feedback_error_is_the_apps_domain_error(self):
        assert issubclass(services.FeedbackError, services.RegistrationError)

    @pytest.mark.parametrize("attended", [False, None], ids=["registered only", "not registered"])
    def test_only_attendees(self, attended):
        event = past_event()
        person = MemberFactory()
        if attended is not None:
            RegistrationFactory(event=event, user=person, attended=attended)
        with pytest.raises(services.FeedbackError, match="Nur wer an der Veranstaltung"):
            services.give_feedback(event=event, user=person, rating=3)
        assert not EventFeedback.objects.exists()
        assert not FeedbackGiven.objects.exists()

    def test_not_before_the_event_is_over(self):
        event = EventFactory(
            starts_at=timezone.now() - timedelta(hours=1),
            ends_at=timezone.now() + timedelta(hours=1),
        )
        attendee = RegistrationFactory(event=event, attended=True).user
        with pytest.raises(services.FeedbackError, match="sobald die Veranstaltung vorbei"):
            services.give_feedback(event=event, user=attendee, rating=3)

    def test_the_window_closes_eight_weeks_after_the_event(self):
        event = past_event()
        attendee = RegistrationFactory(event=event, attended=True).user
        closes = event.ends_at + timedelta(weeks=8)
        with pytest.raises(services.FeedbackError, match="waren bis zum"):
            services.give_feedback(event=event, user=attendee, rating=3, now=closes)
        services.give_feedback(
            event=event, user=attendee, rating=3, now=closes - timedelta(seconds=1)
        )
        assert EventFeedback.objects.count() == 1

    def test_not_for_a_cancelled_event(self):
        event = past_event(status="cancelled")
        attendee = RegistrationFactory(event=event, attended=True).user
        with pytest.raises(services.FeedbackError):
            services.give_feedback(event=event, user=attendee, rating=3)

    @pytest.mark.parametrize("rating", [0, 6, None])
    def test_the_rating_is_one_to_five(self, rating):
        event = past_event()
        attendee = RegistrationFactory(event=event, attended=True).user
        with pytest.raises(services.FeedbackError, match="von 1 bis 5"):
            services.give_feedback(event=event, user=attendee, rating=rating)
        assert not FeedbackGiven.objects.exists()

    def test_the_summary_counts_averages_and_distributes(self):
        event = past_event()
        for rating in (5, 5, 4, 2):
            attendee = RegistrationFactory(event=event, attended=True).user
            services.give_feedback(event=event, user=attendee, rating=rating)
        summary = EventFeedback.objects.filter(event=event).summary()
        assert summary.count == 4
        assert summary.average == 4
        assert [(row.rating, row.count, row.share) for row in summary.distribution] == [
            (5, 2, 50),
            (4, 1, 25),
            (3, 0, 0),
            (2, 1, 25),
            (1, 0, 0),
        ]

    def test_an_event_without_answers_has_no_average(self):
        summary = EventFeedback.objects.filter(event=past_event()).summary()
        assert (summary.count, summary.average) == (0, None)


class TestPrivacy:
    def test_the_receipt_is_in_the_export_and_the_answer_is_not(self):
        event = past_event(title="Treffen Görlitz")
        attendee = RegistrationFactory(event=event, attended=True).user
        services.give_feedback(event=event, user=attendee, rating=2, text="Zu lang.")
        exported = str(export_personal_data(user=attendee))
        assert "Rückmeldung zu Treffen Görlitz gegeben" in exported
        assert "Zu lang." not in exported

    def test_deleting_the_account_deletes_the_receipt_and_keeps_the_answer(self):
        event = past_event()
        attendee = RegistrationFactory(event=event, attended=True).user
        services.give_feedback(event=event, user=attendee, rating=2, text="Zu lang.")
        delete_account(user=attendee)
        assert not FeedbackGiven.objects.exists()
        assert EventFeedback.objects.get().text == "Zu lang."
