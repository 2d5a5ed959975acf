"""Dates and times read the same everywhere: German stays German, English
uses one format, never Django's American defaults."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from asskomm.dates import when
from events import emails as event_emails
from events.exports import PARTICIPANT_COLUMNS, participants
from events.models import Event
from tests.events.factories import EventFactory, RegistrationFactory
from tests.training.factories import ApplicationFactory

BERLIN = ZoneInfo("Europe/Berlin")
STARTS = datetime(2027, 9, 23, 9, 0, tzinfo=BERLIN)
DEADLINE = datetime(2027, 9, 1, 23, 59, tzinfo=BERLIN)
TEMPLATES = Path(settings.BASE_DIR) / "templates"


class TestWhen:
    @pytest.mark.parametrize(
        ("language", "value", "part", "expected"),
        [
            ("de", STARTS, None, "Do, 23.09.2027, 09:00"),
            ("de", STARTS, "date", "23.09.2027"),
            ("de", STARTS, "time", "09:00"),
            ("de", date(2027, 9, 2), None, "02.09.2027"),
            ("en", STARTS, None, "Thu, 23 Sep 2027, 09:00"),
            ("en", DEADLINE, None, "Wed, 1 Sep 2027, 23:59"),
            ("en", STARTS, "date", "Thu, 23 Sep 2027"),
            ("en", STARTS, "time", "09:00"),
            ("en", date(2027, 9, 2), None, "Thu, 2 Sep 2027"),
            # A date badge's leaf: day and short month.
            ("de", STARTS, "day", "23"),
            ("de", date(2027, 12, 2), "month", "Dez"),
            ("en", date(2027, 12, 2), "month", "Dec"),
        ],
    )
    def test_writes_dates_in_the_active_language(self, language, value, part, expected):
        with translation.override(language):
            assert when(value, part) == expected

    def test_writes_the_portals_local_time(self):
        utc = datetime(2027, 9, 23, 7, 0, tzinfo=ZoneInfo("UTC"))
        with translation.override("de"):
            assert when(utc) == "Do, 23.09.2027, 09:00"

    def test_nothing_gives_nothing(self):
        assert when(None) == ""

    def test_templates_write_dates_only_through_the_helper(self):
        """Machine formats (``date:'c'`` and ``date:'Y-m-d'`` for <time>,
        ``date:"Ymd"`` to compare days) are fine; everything people read goes
        through |when."""
        human = re.compile(r"\|(?:date|time)(?!:'c'|:'Y-m-d'|:\"Ymd\")\b")
        offenders = [
            f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
            for path in TEMPLATES.rglob("*")
            if path.suffix in (".html", ".txt")
            for match in human.finditer(path.read_text())
        ]
        assert offenders == []


@pytest.mark.django_db
class TestEverywhere:
    def english(self, client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    def test_an_event_page_in_english(self, client):
        event = EventFactory(
            audience=Event.Audience.PUBLIC, starts_at=STARTS, ends_at=STARTS.replace(hour=16)
        )
        content = self.english(client).get(event.get_absolute_url()).content.decode()
        assert "Thu, 23 Sep 2027, 09:00</time> – 16:00" in content

    def test_an_event_page_in_german(self, client):
        event = EventFactory(
            audience=Event.Audience.PUBLIC, starts_at=STARTS, ends_at=STARTS.replace(hour=16)
        )
        content = client.get(event.get_absolute_url()).content.decode()
        assert "Do, 23.09.2027, 09:00</time> – 16:00" in content

    def test_an_offer_deadline_in_english_has_no_am_pm(self, client_for):
        application = ApplicationFactory(offered=True)
        application.offer_expires_at = DEADLINE
        application.save()
        client = self.english(client_for(application.applicant))
        content = client.get(reverse("training:my_applications")).content.decode()
        assert "Wed, 1 Sep 2027, 23:59" in content
        assert "p.m." not in content
        assert "09/01/2027" not in content

    def test_e_mails_use_the_recipients_language(self, mailoutbox, member):
        member.preferred_language = "en"
        member.save()
        registration = RegistrationFactory(
            user=member, event=EventFactory(starts_at=STARTS, ends_at=STARTS.replace(hour=16))
        )
        event_emails.send_reminder(registration)
        (mail,) = mailoutbox
        assert "When: Thu, 23 Sep 2027, 09:00 – 16:00" in mail.body
        assert "Thu, 23 Sep 2027" in mail.subject

    def test_exports_write_the_same_dates(self):
        RegistrationFactory(event=EventFactory(starts_at=STARTS, ends_at=STARTS.replace(hour=16)))
        registration = participants(Event.objects.all()).get()
        date_column = PARTICIPANT_COLUMNS[1]
        with translation.override("en"):
            assert date_column.value(registration) == "Thu, 23 Sep 2027"
        with translation.override("de"):
            assert date_column.value(registration) == "23.09.2027"
