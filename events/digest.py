"""The person's coming events in the weekly digest (see news.services)."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration

DAYS_AHEAD = 14


def upcoming_events_of(user, since):
    """The events in the next two weeks ``user`` is registered for (and may still see)."""
    now = timezone.now()
    return (
        Event.objects.visible_to(user)
        .filter(
            starts_at__gte=now,
            starts_at__lt=now + timedelta(days=DAYS_AHEAD),
            registrations__in=Registration.objects.active().filter(user=user),
        )
        .distinct()
        .order_by("starts_at")
    )


DIGEST_SECTIONS = [
    {"label": _("Your events in the next two weeks"), "items": upcoming_events_of},
]
