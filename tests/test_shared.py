"""The pieces the apps share: panels on shared pages, calendar files."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from asskomm import panels
from asskomm.ical import CalendarEntry, build_calendar, uid
from tests.factories import MembershipRequestFactory

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_slot_collects_what_providers_contribute():
    slot = panels.Slot("test")
    slot.register(lambda request, **kwargs: panels.Panel("a.html", {"n": kwargs["n"]}))
    slot.register(lambda request, **kwargs: None)
    slot.register(lambda request, **kwargs: [panels.AttentionItem("x", 1, "/x")])
    found = slot.collect(None, n=3)
    assert found == [panels.Panel("a.html", {"n": 3}), panels.AttentionItem("x", 1, "/x")]


@pytest.mark.django_db
def test_the_admin_start_page_shows_waiting_membership_requests(client_for, staff):
    MembershipRequestFactory.create_batch(2)
    content = client_for(staff).get(reverse("admin:index")).content.decode()
    assert "Mitgliedschaftsanträge" in content
    assert "?status__exact=pending" in content


@pytest.mark.django_db
def test_the_admin_start_page_says_when_nothing_waits(client_for, staff):
    content = client_for(staff).get(reverse("admin:index")).content.decode()
    assert "Nichts wartet auf Sie." in content


def test_calendar_files_parse_and_keep_berlin_time():
    start = datetime(2021, 9, 23, 9, 30, tzinfo=BERLIN)
    data = build_calendar(
        [
            CalendarEntry(
                uid=uid("event", 7),
                summary="2. ASSKomm-Fachtag",
                start=start,
                end=start + timedelta(hours=7),
                location="Dresden",
                description="Zeile 1\nZeile 2",
            )
        ],
        name="ASSKomm",
    )
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "2. ASSKomm-Fachtag"
    assert event["dtstart"].dt == start
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert str(event["description"]) == "Zeile 1\nZeile 2"
    assert calendar.walk("VTIMEZONE")
    assert str(event["uid"]) == uid("event", 7)
