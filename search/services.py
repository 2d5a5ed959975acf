from datetime import timedelta

from django.db.models import Case, F, When
from django.utils import timezone

from members import facts
from search.models import Visit

# Visits closer together than this count as one, so that reloading the
# dashboard does not empty "new since your last visit".
SAME_VISIT = timedelta(minutes=30)
# The visit is not written again for loads closer together than this: the
# dashboard shown again within it comes from the page cache
# (asskomm/page_cache.py), which keeps no page whose rendering wrote.
NOTED_RECENTLY = timedelta(minutes=1)


def record_visit(*, user, now=None):
    """Notes that ``user`` looks at their dashboard; returns since when
    things count as new to them: their visit before this one (or when they
    joined, on the first visit).

    One UPDATE, which decides on the row as it is then: two loads of the
    dashboard at the same moment both move the visit on, and neither loses
    the visit before. The row comes with the person when the dashboard
    loaded it (``members.facts.load``)."""
    now = now or timezone.now()
    visit = facts.loaded_row(user, "dashboard_visit")
    if visit is facts.NOT_LOADED:
        visit = Visit.objects.filter(user=user).first()
    if visit is None:
        since = user.date_joined
        visit, created = Visit.objects.get_or_create(
            user=user, defaults={"seen_at": now, "previous_seen_at": since}
        )
        if created:
            return since
    new_visit = now - visit.seen_at > SAME_VISIT
    since = visit.seen_at if new_visit else visit.previous_seen_at
    if timedelta(0) <= now - visit.seen_at < NOTED_RECENTLY:
        return since
    Visit.objects.filter(pk=visit.pk).update(
        previous_seen_at=Case(
            When(seen_at__lt=now - SAME_VISIT, then=F("seen_at")),
            default=F("previous_seen_at"),
        ),
        seen_at=now,
    )
    visit.previous_seen_at, visit.seen_at = since, now
    return since
