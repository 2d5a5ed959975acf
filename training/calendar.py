"""A cohort's weekends as iCalendar."""

from django.conf import settings

from asskomm.ical import CalendarEntry, build_calendar, uid


def cohort_schedule(cohort):
    """All weekends of ``cohort`` in one calendar file."""
    url = settings.SITE_URL + cohort.get_absolute_url()
    entries = [
        CalendarEntry(
            uid=uid("training-session", session.pk),
            summary=f"{cohort.programme.name}: {session.module}",
            start=session.starts_at,
            end=session.ends_at,
            location=session.venue,
            description=str(cohort),
            url=url,
        )
        for session in cohort.sessions.select_related("module")
    ]
    return build_calendar(entries, name=str(cohort))
