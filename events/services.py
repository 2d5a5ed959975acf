"""The rules of events: registering, the waiting list, cancelling,
reminders and messages to participants, and following an event up:
documents announced to the participants, and the attendees' feedback.

E-mails are queued in the same transaction as the change they tell of
(``asskomm.mail_queue``): kept when it commits, never sent when it rolls back.

Every rule that reads seats and then writes a registration runs inside a
transaction that first locks the event's row (on SQLite, BEGIN IMMEDIATE
serialises the whole transaction instead), so concurrent requests cannot
both take the last seat.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from asskomm.dates import when
from events import emails
from events.extraction import read_new_file
from events.models import (
    GUEST_RESEND_INTERVAL,
    MAX_REMINDER_DAYS,
    CalendarFeed,
    Event,
    EventDocument,
    EventFeedback,
    EventMessage,
    FeedbackGiven,
    Registration,
    feedback_closes_at,
)
from members import facts


class RegistrationError(Exception):
    """A rule refused the action; the message is for the person."""


def _lock(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def ensure_can_register(event, user, now=None):
    now = now or timezone.now()
    if not Event.objects.visible_to(user).filter(pk=event.pk).exists():
        raise RegistrationError(_("This event is not open to you."))
    _ensure_registration_is_open(event, now)
    if Registration.objects.active().filter(event=event, user=user).exists():
        raise RegistrationError(_("You are already registered for this event."))
    # A guest's place with the person's address (confirmed from their
    # mailbox, so theirs): one place per person.
    guest = _guest_registration(event, user.email)
    if guest is not None and guest.status != Registration.Status.PENDING:
        raise RegistrationError(
            _(
                "Your e-mail address is already registered as a guest's. To register with "
                "your account instead, first cancel with the link in the guest's e-mail."
            )
        )


def _ensure_registration_is_open(event, now):
    if event.status == Event.Status.CANCELLED:
        raise RegistrationError(_("This event has been cancelled."))
    if event.status != Event.Status.PUBLISHED:
        raise RegistrationError(_("This event is not published yet."))
    if now >= event.starts_at:
        raise RegistrationError(_("This event has already started; registration is closed."))
    if event.registration_opens_at and now < event.registration_opens_at:
        raise RegistrationError(
            _("Registration opens on %(date)s.") % {"date": when(event.registration_opens_at)}
        )
    if event.registration_closes_at and now >= event.registration_closes_at:
        raise RegistrationError(_("Registration for this event has closed."))


def _guest_registration(event, email):
    """The active guest's registration for ``event`` with ``email``, if any."""
    return (
        Registration.objects.active()
        .filter(event=event, guest_email=normalise_guest_email(email))
        .first()
    )


def normalise_guest_email(email):
    """Guests' addresses are kept in lower case: one address, one place."""
    return email.strip().lower()


@transaction.atomic
def register(*, event, user, note="", on_attendee_list=False):
    """Registers ``user``: confirmed while seats are left, otherwise on the
    waiting list, and queues the e-mail that tells them."""
    event = _lock(event)
    ensure_can_register(event, user)
    status = (
        Registration.Status.CONFIRMED if event.seats_left != 0 else Registration.Status.WAITLISTED
    )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=user,
                status=status,
                note=note,
                on_attendee_list=on_attendee_list,
            )
    except IntegrityError as error:  # the same person, twice at the same moment
        raise RegistrationError(_("You are already registered for this event.")) from error
    if status == Registration.Status.CONFIRMED:
        emails.send_confirmation(registration)
    else:
        emails.send_waitlisted(registration)
    return registration


def ensure_guests_may_register(event, now=None):
    """Guests register for public events that accept them, while
    registration is open."""
    now = now or timezone.now()
    if not event.takes_guests:
        raise RegistrationError(_("This event does not take guests' registrations."))
    _ensure_registration_is_open(event, now)


@transaction.atomic
def register_guest(*, event, name, email, organisation="", note="", language="", now=None):
    """A guest without an account asks for a place: the registration waits,
    without a place and outside the waiting list, until the guest confirms
    the address with the link this sends (``confirm_guest``).

    Asking again for the same address sends nobody a second registration:
    an unconfirmed one gets the newly given details and a fresh link (at
    most every ``GUEST_RESEND_INTERVAL``, so nobody can flood an inbox); a
    confirmed one gets nothing. The caller says the same in every case, so
    that the page does not tell who is registered. Returns the registration."""
    now = now or timezone.now()
    event = _lock(event)
    ensure_guests_may_register(event, now)
    email = normalise_guest_email(email)
    details = {
        "guest_name": name.strip(),
        "guest_organisation": organisation.strip(),
        "note": note.strip(),
        "guest_language": language if language in dict(settings.LANGUAGES) else "",
    }
    if not details["guest_name"] or "@" not in email:
        raise RegistrationError(_("Please give your name and your e-mail address."))
    registration = _guest_registration(event, email)
    if registration is None:
        registration = Registration.objects.create(
            event=event,
            guest_email=email,
            status=Registration.Status.PENDING,
            created_at=now,
            **details,
        )
    elif registration.status != Registration.Status.PENDING:
        return registration
    elif now - registration.created_at < GUEST_RESEND_INTERVAL:
        return registration
    else:
        # Asked at ``created_at``: the unconfirmed request expires that long after.
        for field, value in details.items():
            setattr(registration, field, value)
        registration.created_at = now
        registration.save(update_fields=[*details, "created_at"])
    emails.send_guest_confirm_address(registration)
    return registration


@transaction.atomic
def confirm_guest(*, registration, now=None):
    """The guest has followed the link in their e-mail: a place while seats
    are left, otherwise the end of the waiting list – in the order of
    confirmation, like members in the order of registration. Confirming
    twice changes nothing."""
    now = now or timezone.now()
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.event = event
    if registration.status == Registration.Status.CANCELLED:
        raise RegistrationError(_("This registration has been cancelled."))
    if registration.status != Registration.Status.PENDING:
        return registration
    ensure_guests_may_register(event, now)
    member_registered = (
        Registration.objects.active()
        .filter(event=event, user__email__iexact=registration.guest_email)
        .exists()
    )
    if member_registered:
        raise RegistrationError(
            _("This e-mail address is already registered for the event with an account.")
        )
    registration.status = (
        Registration.Status.CONFIRMED if event.seats_left != 0 else Registration.Status.WAITLISTED
    )
    registration.created_at = now
    registration.save(update_fields=["status", "created_at"])
    if registration.status == Registration.Status.CONFIRMED:
        emails.send_confirmation(registration)
    else:
        emails.send_waitlisted(registration)
    return registration


@transaction.atomic
def cancel_registration(*, registration, now=None):
    """The person cancels, or leaves the waiting list. A freed seat goes
    to the first on the waiting list."""
    now = now or timezone.now()
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise RegistrationError(_("This registration has already been cancelled."))
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    was_pending = registration.status == Registration.Status.PENDING
    registration.event = event
    if not registration.may_be_cancelled(now):
        raise RegistrationError(
            _("The event has started; please tell the organisers if you cannot stay.")
        )
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if not was_pending:  # nothing goes to an address nobody has confirmed
        emails.send_cancelled_by_participant(registration)
    if was_confirmed:
        promote_waitlist(event=event, now=now)
    return registration


@transaction.atomic
def give_up_place(*, registration, now=None):
    """Cancels the registration of a person whose account is deleted,
    without an e-mail (the address is gone), and offers a freed seat to
    the waiting list."""
    now = now or timezone.now()
    event = _lock(registration.event)
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if was_confirmed:
        promote_waitlist(event=event, now=now)
    return registration


@transaction.atomic
def promote_waitlist(*, event, now=None):
    """Moves the first people on the waiting list into free seats, in the
    order they registered, and tells them. Called after a cancellation and
    when staff raise the capacity."""
    now = now or timezone.now()
    event = _lock(event)
    if event.status != Event.Status.PUBLISHED or now >= event.starts_at:
        return []
    seats = event.seats_left
    queue = Registration.objects.filter(event=event).waitlist_order().select_for_update()
    promoted = list(queue if seats is None else queue[:seats])
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        emails.send_promoted(registration)
    return promoted


@transaction.atomic
def cancel_event(*, event):
    """Staff call the event off; everybody registered is told."""
    event = _lock(event)
    if event.status == Event.Status.CANCELLED:
        return event
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    # Unconfirmed guests' addresses get nothing; their links stop working.
    registrations = list(
        Registration.objects.taking_part().filter(event=event).select_related("user")
    )
    for registration in registrations:
        emails.send_event_cancelled(registration)
    return event


def set_attendance(*, registrations, attended):
    """Staff check people in (or undo it)."""
    return Registration.objects.filter(
        pk__in=[registration.pk for registration in registrations]
    ).update(attended=attended)


@transaction.atomic
def duplicate_event(*, event):
    """A draft copy for the next meeting of the same kind; staff set the
    new dates before publishing."""
    copy = Event.objects.get(pk=event.pk)
    invited = list(event.invited_municipalities.all())
    copy.pk = None
    copy.title = _("%(title)s (copy)") % {"title": event.title}
    copy.slug = _unique_slug(f"{event.slug}-kopie")
    copy.status = Event.Status.DRAFT
    copy.save()
    copy.invited_municipalities.set(invited)
    return copy


def _unique_slug(base):
    slug, number = base, 1
    while Event.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def write_to_participants(*, event, sender, recipients, subject, body):
    """Sends staff's message to the chosen participants, one e-mail each,
    and keeps it with the event."""
    statuses = {
        EventMessage.Recipients.CONFIRMED: [Registration.Status.CONFIRMED],
        EventMessage.Recipients.WAITLISTED: [Registration.Status.WAITLISTED],
        EventMessage.Recipients.BOTH: [
            Registration.Status.CONFIRMED,
            Registration.Status.WAITLISTED,
        ],
    }[recipients]
    registrations = list(
        Registration.objects.filter(event=event, status__in=statuses).select_related("user")
    )
    if not registrations:
        raise RegistrationError(_("Nobody is registered with this status; nothing was sent."))
    message = EventMessage.objects.create(
        event=event,
        sender=sender,
        recipients=recipients,
        subject=subject,
        body=body,
        recipient_count=len(registrations),
    )
    for registration in registrations:
        emails.send_message(message, registration)
    return message


def send_due_reminders(*, now=None):
    """Reminds confirmed participants of events starting within their
    event's reminder period. Each registration is reminded once, however
    often this runs; returns how many reminders went out.

    Marking a registration as reminded and queueing its e-mail happen in one
    transaction per person: when this stops half-way, everyone marked has
    their e-mail in the queue and everyone else is reminded on the next run."""
    now = now or timezone.now()
    sent = 0
    candidates = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(days=MAX_REMINDER_DAYS),
            event__reminder_days__gt=0,
        )
        .select_related("event", "user")
        .order_by("event__starts_at", "pk")
    )
    for registration in candidates:
        if registration.event.starts_at - now > timedelta(days=registration.event.reminder_days):
            continue
        with transaction.atomic():
            # Claim it first: a second run at the same time skips it.
            claimed = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                emails.send_reminder(registration)
                sent += 1
    return sent


def calendar_feed_for(user):
    """The person's feed, created on first use (the one loaded with the
    person, when the page did: see ``members.facts.load``)."""
    feed = facts.loaded_row(user, "calendar_feed")
    if feed is not None and feed is not facts.NOT_LOADED:
        return feed
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": CalendarFeed.new_token()}
    )
    return feed


def renew_calendar_feed(*, user):
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(user)
    feed.token = CalendarFeed.new_token()
    feed.save(update_fields=["token", "created_at"])
    return feed


@transaction.atomic
def save_document(*, document: EventDocument, now=None) -> EventDocument:
    """Saves an event's document; a newly uploaded file's text and size are
    read once, here, for the search and the library. A new file may be news
    for the participants (``announce_document``)."""
    new_file = read_new_file(document)
    document.save()
    if new_file:
        announce_document(document=document, now=now)
    return document


# Following up an event


# Documents that tell what happened: news for the people who were there.
FOLLOW_UP_KINDS = (
    EventDocument.Kind.DOCUMENTATION,
    EventDocument.Kind.MINUTES,
    EventDocument.Kind.SLIDES,
)


def document_notice_recipients(document, now=None):
    """Who is told of ``document`` when it is added: of documentation,
    minutes or slides of an event that is over, the attendees; of the
    agenda of an event still to come, everyone registered (waiting list
    included). Only people with an active account who may see the
    document; nobody for a document already announced."""
    now = now or timezone.now()
    event = document.event
    if document.notice_sent_at or event.status != Event.Status.PUBLISHED:
        return []
    registrations = Registration.objects.filter(event=event)
    if document.kind in FOLLOW_UP_KINDS and event.is_past(now):
        given = FeedbackGiven.objects.filter(event=event, user=OuterRef("user"))
        registrations = registrations.filter(attended=True).annotate(feedback_given=Exists(given))
    elif document.kind == EventDocument.Kind.AGENDA and now < event.starts_at:
        registrations = registrations.active()
    else:
        return []
    registrations = registrations.filter(user__isnull=False, user__is_active=True).select_related(
        "user"
    )
    return [
        registration
        for registration in registrations.order_by("pk")
        if EventDocument.objects.visible_to(registration.user).filter(pk=document.pk).exists()
    ]


@transaction.atomic
def announce_document(*, document, now=None):
    """Tells the people ``document_notice_recipients`` finds, one e-mail
    each, and notes on the document that they were told, so that it is
    never announced twice. Returns how many were told."""
    now = now or timezone.now()
    recipients = document_notice_recipients(document, now)
    if not recipients:
        return 0
    claimed = EventDocument.objects.filter(pk=document.pk, notice_sent_at__isnull=True).update(
        notice_sent_at=now
    )
    if not claimed:
        return 0
    document.notice_sent_at = now
    feedback_open = now < feedback_closes_at(document.event)
    for registration in recipients:
        ask_for_feedback = feedback_open and not getattr(registration, "feedback_given", True)
        emails.send_document_added(document, registration, ask_for_feedback=ask_for_feedback)
    return len(recipients)


class FeedbackError(RegistrationError):
    """The feedback was refused; the message is for the person."""


def ensure_can_give_feedback(*, event, user, now=None):
    now = now or timezone.now()
    if not (
        user.is_authenticated
        and Registration.objects.filter(event=event, user=user, attended=True).exists()
    ):
        raise FeedbackError(_("Only people who took part in the event can give feedback."))
    if event.is_cancelled:
        raise FeedbackError(_("This event has been cancelled."))
    if not event.is_past(now):
        raise FeedbackError(_("You can give your feedback once the event is over."))
    if now >= feedback_closes_at(event):
        raise FeedbackError(
            _("The feedback on this event closed on %(date)s.")
            % {"date": when(feedback_closes_at(event), "date")}
        )
    if FeedbackGiven.objects.filter(event=event, user=user).exists():
        raise FeedbackError(_("You have already given your feedback on this event. Thank you!"))


def may_give_feedback(*, event, user, now=None):
    try:
        ensure_can_give_feedback(event=event, user=user, now=now)
    except FeedbackError:
        return False
    return True


@transaction.atomic
def give_feedback(*, event, user, rating, text="", now=None):
    """An attendee's feedback, once per person, anonymous: the answer is
    kept without the person, and a receipt without the answer."""
    now = now or timezone.now()
    ensure_can_give_feedback(event=event, user=user, now=now)
    if rating not in EventFeedback.Rating.values:
        raise FeedbackError(_("Choose a rating from 1 to 5."))
    try:
        with transaction.atomic():
            FeedbackGiven.objects.create(event=event, user=user)
    except IntegrityError as error:  # the same person, twice at the same moment
        raise FeedbackError(
            _("You have already given your feedback on this event. Thank you!")
        ) from error
    return EventFeedback.objects.create(
        event=event, rating=rating, text=text.strip(), created_on=timezone.localdate(now)
    )
