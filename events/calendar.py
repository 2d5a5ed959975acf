"""Events as iCalendar: one event, a person's feed, the public feed."""

from django.conf import settings
from django.utils.translation import gettext as _

from asskomm.ical import CalendarEntry, build_calendar, uid


def entry_for(event):
    location = ", ".join(part for part in (event.venue_name, event.address_line) if part)
    if event.online_url:
        location = f"{location} ({event.online_url})" if location else event.online_url
    return CalendarEntry(
        uid=uid("event", event.pk),
        summary=event.title,
        start=event.starts_at,
        end=event.ends_at,
        location=location,
        description=event.description,
        url=settings.SITE_URL + event.get_absolute_url(),
        cancelled=event.is_cancelled,
        last_modified=event.updated_at,
    )


def event_calendar(event):
    return build_calendar([entry_for(event)], name=event.title)


def feed_calendar(events, *, name=None):
    return build_calendar([entry_for(event) for event in events], name=name or _("ASSKomm events"))
