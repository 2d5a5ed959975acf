"""Events as iCalendar: one event, a person's feed, the public feed."""

from django.conf import settings
from django.utils.translation import gettext as _

from asskomm.ical import CalendarEntry, build_calendar, uid
from events.models import Event


def entry_for(event, *, with_online_link):
    """``with_online_link``: whether the reader is inside the event
    (``Event.is_inside``); everyone else gets the place without the link."""
    location = ", ".join(part for part in (event.venue_name, event.address_line) if part)
    if event.online_url:
        online = event.online_url if with_online_link else _("online")
        location = f"{location} ({online})" if location else online
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


def event_calendar(event, *, reader):
    entry = entry_for(event, with_online_link=event.is_inside(reader))
    return build_calendar([entry], name=event.title)


def feed_calendar(events, *, reader, name=None):
    """``reader``: whose feed it is (an anonymous user for the public feed)."""
    inside = set(Event.objects.inside(reader).values_list("pk", flat=True))
    entries = [entry_for(event, with_online_link=event.pk in inside) for event in events]
    return build_calendar(entries, name=name or _("ASSKomm events"))
