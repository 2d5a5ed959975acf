"""The events' part of a person's data: their registrations and the notes
that they gave feedback (see ``members.privacy``)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events import services
from events.models import (
    GUEST_CONFIRMATION_PERIOD,
    CalendarFeed,
    FeedbackGiven,
    RegionalCoordination,
    Registration,
)
from members.privacy import PersonalData, entry, retention_cutoff


def export(user):
    registrations = Registration.objects.filter(user=user).select_related("event")
    entries = [
        entry(
            registration,
            [
                "event",
                "status",
                "created_at",
                "cancelled_at",
                "attended",
                "note",
                "on_attendee_list",
            ],
            title=_("%(event)s on %(date)s")
            % {
                "event": registration.event.title,
                "date": date_format(
                    timezone.localtime(registration.event.starts_at), "SHORT_DATE_FORMAT"
                ),
            },
        )
        for registration in registrations.order_by("event__starts_at", "pk")
    ]
    for given in FeedbackGiven.objects.filter(user=user).select_related("event"):
        entries.append(
            entry(
                given,
                ["event"],
                title=_("Feedback given on %(event)s (the answer itself is anonymous)")
                % {"event": given.event.title},
            )
        )
    if CalendarFeed.objects.filter(user=user).exists():
        feed = CalendarFeed.objects.get(user=user)
        entries.append(entry(feed, ["created_at"], title=_("Personal calendar feed")))
    return entries


def erase(user, now):
    """Registrations stay, without the person's note, so that counts and
    attendance of past events stay right; places at events that have not
    started are given up for the waiting list."""
    upcoming = Registration.objects.filter(user=user, event__starts_at__gt=now).exclude(
        status=Registration.Status.CANCELLED
    )
    for registration in upcoming.select_related("event"):
        services.give_up_place(registration=registration, now=now)
    Registration.objects.filter(user=user).update(note="", on_attendee_list=False)
    CalendarFeed.objects.filter(user=user).delete()
    # The anonymous answers stay; only the note that the person gave one goes.
    FeedbackGiven.objects.filter(user=user).delete()
    RegionalCoordination.objects.filter(user=user).delete()


def purge(now):
    """Cancelled registrations; guests' requests nobody confirmed in time;
    and guests' data a while after their event. A guest's registration
    itself stays, without name, address, organisation and note, so that the
    event's counts and attendance stay right (``Registration.person_name``
    then reads "guest (data erased)")."""
    expired = Registration.objects.filter(
        status=Registration.Status.CANCELLED,
        cancelled_at__lt=retention_cutoff(now, "registrations_cancelled_days"),
    )
    count, _deleted = expired.delete()
    unconfirmed, _deleted = Registration.objects.filter(
        status=Registration.Status.PENDING, created_at__lt=now - GUEST_CONFIRMATION_PERIOD
    ).delete()
    guests_erased = (
        Registration.objects.guests()
        .exclude(guest_email="")
        .exclude(status=Registration.Status.PENDING)
        .filter(event__ends_at__lt=retention_cutoff(now, "guest_data_days"))
        .update(
            guest_name="",
            guest_email="",
            guest_organisation="",
            guest_language="",
            note="",
            on_attendee_list=False,
        )
    )
    return {
        _("cancelled registrations"): count,
        _("unconfirmed guest registrations"): unconfirmed,
        _("guests' data of past events"): guests_erased,
    }


SECTION = PersonalData(
    key="events",
    title=gettext_lazy("Event registrations"),
    export=export,
    erase=erase,
    purge=purge,
    order=20,
)
