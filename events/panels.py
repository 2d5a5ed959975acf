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


def _my_dashboard_rows(request):
    """The person's registrations for the two panels of their dashboard,
    read once per request: those to come, soonest first, and the events
    they attended, latest first."""
    if not hasattr(request, "_events_on_dashboard"):
        now = timezone.now()
        found = list(
            registrations_on_dashboard(request.user, now).order_by("event__starts_at", "pk")
        )
        upcoming = [found_row for found_row in found if not found_row.event.is_past(now)]
        attended = [found_row for found_row in reversed(found) if found_row.event.is_past(now)]
        for attendance in attended:
            attendance.feedback_open = feedback_is_open(attendance, now)
        request._events_on_dashboard = upcoming, attended
    return request._events_on_dashboard


def my_next_events(request):
    """At the top of the dashboard: the events the person is registered
    for (or waits for), soonest first."""
    upcoming, _attended = _my_dashboard_rows(request)
    return Panel("events/panels/next_events.html", {"registrations": upcoming})


def my_registrations(request):
    """Further down: the events the person took part in, and their calendar feed."""
    _upcoming, attended = _my_dashboard_rows(request)
    return Panel(
        "events/panels/dashboard.html",
        {
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
