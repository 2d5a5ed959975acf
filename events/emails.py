"""The e-mails of events, each in the recipient's language.

Members get them at their account's address; guests at the address they
gave, with the link to cancel (``events.guest_links``) where members are
sent to the event's page."""

from asskomm.emails import send_templated_mail, send_to_user
from asskomm.ical import build_calendar
from events import guest_links
from events.calendar import entry_for, event_calendar
from events.models import GUEST_CONFIRMATION_PERIOD, feedback_closes_at


def _calendar(registration):
    event = registration.event
    if registration.is_guest:
        # A guest's confirmed place is what lets a member see the online link.
        inside = registration.status == registration.Status.CONFIRMED
        return build_calendar([entry_for(event, with_online_link=inside)], name=event.title)
    return event_calendar(event, reader=registration.user)


def _send(registration, template, with_calendar=False):
    event = registration.event
    attachments = ()
    if with_calendar:
        attachments = [(f"{event.slug}.ics", _calendar(registration), "text/calendar")]
    context = {"registration": registration, "event": event}
    if not registration.is_guest:
        send_to_user(
            user=registration.user,
            template=f"events/{template}",
            context=context,
            attachments=attachments,
        )
        return
    if registration.status in (registration.Status.CONFIRMED, registration.Status.WAITLISTED):
        context["cancel_url"] = guest_links.cancel_url(registration)
    send_templated_mail(
        to=[registration.guest_email],
        template=f"events/{template}",
        context=context,
        language=registration.language,
        attachments=attachments,
    )


def send_guest_confirm_address(registration):
    """The double opt-in: the link a guest follows to confirm their address."""
    context = {
        "registration": registration,
        "event": registration.event,
        "confirm_url": guest_links.confirm_url(registration),
        "confirmation_hours": int(GUEST_CONFIRMATION_PERIOD.total_seconds() // 3600),
    }
    send_templated_mail(
        to=[registration.guest_email],
        template="events/guest_confirm_address",
        context=context,
        language=registration.language,
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
        to=[registration.email_address],
        template="events/message",
        context={
            "message": message,
            "event": message.event,
            "registration": registration,
        },
        language=registration.language,
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
