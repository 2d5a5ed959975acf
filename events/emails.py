"""The e-mails of events, each in the recipient's language."""

from asskomm.emails import send_templated_mail, send_to_user
from events.calendar import event_calendar
from events.models import feedback_closes_at


def _send(registration, template, with_calendar=False):
    event = registration.event
    attachments = ()
    if with_calendar:
        attachments = [
            (f"{event.slug}.ics", event_calendar(event, reader=registration.user), "text/calendar"),
        ]
    send_to_user(
        user=registration.user,
        template=f"events/{template}",
        context={"registration": registration, "event": event},
        attachments=attachments,
    )


def send_confirmation(registration):
    _send(registration, "confirmation", with_calendar=True)


def send_waitlisted(registration):
    _send(registration, "waitlisted")


def send_promoted(registration):
    _send(registration, "promoted", with_calendar=True)


def send_cancelled_by_participant(registration):
    _send(registration, "cancelled_by_participant")


def send_event_cancelled(registration):
    _send(registration, "event_cancelled")


def send_reminder(registration):
    _send(registration, "reminder", with_calendar=True)


def send_message(message, registration):
    """Staff's own words, framed in the recipient's language."""
    send_templated_mail(
        to=[registration.user.email],
        template="events/message",
        context={
            "message": message,
            "event": message.event,
            "recipient": registration.user,
        },
        language=registration.user.preferred_language,
    )


def send_document_added(document, registration, ask_for_feedback=False):
    """A new document of an event: the agenda before, the documentation
    after – with a word about the feedback to those who have not given it."""
    template = "agenda_added" if document.kind == document.Kind.AGENDA else "document_added"
    send_to_user(
        user=registration.user,
        template=f"events/{template}",
        context={
            "registration": registration,
            "event": document.event,
            "document": document,
            "feedback_closes_at": feedback_closes_at(document.event) if ask_for_feedback else None,
        },
    )
