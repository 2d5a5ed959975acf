"""The pieces the apps share: panels on shared pages, calendar files."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from asskomm import panels
from asskomm.ical import CalendarEntry, build_calendar, uid
from members.access import access_required
from members.models import User
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


class TestAccessGuards:
    """Every guard has one shape: anonymous to the login and back, signed-in
    people who fail the test refused, the others let through."""

    @staticmethod
    def guarded(refusal):
        @access_required(lambda user: user.email == "in@example.org", refusal=refusal)
        def view(request):
            return HttpResponse("ok")

        return view

    def request_by(self, user):
        request = RequestFactory().get("/geheim/?x=1")
        request.user = user
        return request

    def test_anonymous_visitors_are_sent_to_the_login_and_back(self):
        response = self.guarded(Http404)(self.request_by(AnonymousUser()))
        assert response.status_code == 302
        assert response["Location"].endswith("?next=/geheim/%3Fx%3D1")

    @pytest.mark.parametrize("refusal", [PermissionDenied, Http404])
    def test_people_who_fail_the_test_are_refused(self, refusal):
        outsider = User(email="out@example.org")
        with pytest.raises(refusal):
            self.guarded(refusal)(self.request_by(outsider))

    def test_people_who_pass_get_the_page(self):
        insider = User(email="in@example.org")
        assert self.guarded(Http404)(self.request_by(insider)).content == b"ok"
