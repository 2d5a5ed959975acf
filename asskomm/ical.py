"""iCalendar files for events and training weekends (RFC 5545, via icalendar).

Times are written in Europe/Berlin (the portal's TIME_ZONE) with the
matching VTIMEZONE, so calendar programs show local times whatever the
viewer's zone.
"""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

PRODID = "-//Landespräventionsrat Sachsen//ASSKomm-Portal//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    summary: str
    start: datetime
    end: datetime
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    last_modified: datetime | None = None


def calendar_response(data, filename):
    """A calendar file to download (or to subscribe to, for feeds)."""
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def uid(kind, pk):
    """A stable UID: the same entry keeps it across downloads and feeds."""
    host = urlsplit(settings.SITE_URL).hostname or "asskomm"
    return f"{kind}-{pk}@{host}"


def build_calendar(entries, *, name):
    entries = list(entries)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    local = timezone.get_default_timezone()
    stamp = timezone.now()
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("summary", entry.summary)
        event.add("dtstart", timezone.localtime(entry.start, local))
        event.add("dtend", timezone.localtime(entry.end, local))
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        if entry.last_modified:
            event.add("last-modified", entry.last_modified)
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(event)
    if entries:
        # The time zone's rules, for the years the entries span.
        calendar.add_missing_timezones(
            first_date=date(min(entry.start for entry in entries).year, 1, 1),
            last_date=date(max(entry.end for entry in entries).year + 1, 12, 31),
        )
    return calendar.to_ical()
