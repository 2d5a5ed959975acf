from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from search.models import Visit

# Visits closer together than this count as one, so that reloading the
# dashboard does not empty "new since your last visit".
SAME_VISIT = timedelta(minutes=30)


@transaction.atomic
def record_visit(*, user, now=None):
    """Notes that ``user`` looks at their dashboard; returns since when
    things count as new to them: their visit before this one (or when they
    joined, on the first visit)."""
    now = now or timezone.now()
    visit = Visit.objects.select_for_update().filter(user=user).first()
    if visit is None:
        since = user.date_joined
        Visit.objects.create(user=user, seen_at=now, previous_seen_at=since)
        return since
    if now - visit.seen_at > SAME_VISIT:
        visit.previous_seen_at = visit.seen_at
    visit.seen_at = now
    visit.save(update_fields=["seen_at", "previous_seen_at"])
    return visit.previous_seen_at
