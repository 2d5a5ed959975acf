"""What events contribute to pages of other apps (see asskomm.panels)."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asskomm.panels import AttentionItem, Panel
from events.models import (
    Event,
    Registration,
    feedback_is_open,
    registrations_on_dashboard,
)
from events.services import calendar_feed_for

HOME_EVENT_COUNT = 5


def upcoming_public_events(request):
    events = (
        Event.objects.visible_to(AnonymousUser())
        .upcoming()
        .filter(audience=Event.Audience.PUBLIC)
        .with_counts()
        .select_related("organiser")
        .order_by("starts_at")[:HOME_EVENT_COUNT]
    )
    return Panel("events/panels/home.html", {"events": events})


def my_registrations(request):
    now = timezone.now()
    found = list(registrations_on_dashboard(request.user, now).order_by("event__starts_at", "pk"))
    registrations = [registration for registration in found if not registration.event.is_past(now)]
    attended = [registration for registration in reversed(found) if registration.event.is_past(now)]
    for attendance in attended:
        attendance.feedback_open = feedback_is_open(attendance, now)
    return Panel(
        "events/panels/dashboard.html",
        {
            "registrations": registrations,
            "attended": attended,
            "feed_url": request.build_absolute_uri(calendar_feed_for(request.user).secret_url()),
        },
    )


def invited_events(request, municipality):
    events = (
        Event.objects.visible_to(request.user)
        .filter(audience=Event.Audience.INVITED, invited_municipalities=municipality)
        .order_by("-starts_at")
    )
    return Panel("events/panels/municipality.html", {"events": events})


def full_events_with_waiting_lists(request):
    count = (
        Event.objects.managed_by(request.user)
        .upcoming()
        .filter(status=Event.Status.PUBLISHED, registrations__status=Registration.Status.WAITLISTED)
        .distinct()
        .count()
    )
    if not count:
        return None
    url = reverse("admin:events_event_changelist") + "?waiting_list=yes"
    return [AttentionItem(_("Upcoming events with people on the waiting list"), count, url)]
