"""python manage.py expire_offers, as cron runs it."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.training.factories import ApplicationFactory, CohortFactory
from training.models import Application

pytestmark = pytest.mark.django_db

Status = Application.Status


def run():
    out = StringIO()
    call_command("expire_offers", stdout=out)
    return out.getvalue()


def test_expire_offers_passes_lapsed_places_on_and_is_idempotent(
    mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        cohort = CohortFactory(confirmed=True, capacity=1, offer_reply_days=3)
        lapsing = ApplicationFactory(cohort=cohort, offered=True)
        waiting = ApplicationFactory(cohort=cohort, status=Status.WAITLISTED, waitlist_rank=1)

        assert run() == "Expired offers: 0\n"
        clock.shift(timedelta(days=4))
        with django_capture_on_commit_callbacks(execute=True):
            assert run() == "Expired offers: 1\n"
        lapsing.refresh_from_db()
        waiting.refresh_from_db()
        assert lapsing.status == Status.WITHDRAWN
        assert waiting.status == Status.OFFERED
        assert lapsing.status_changes.get().reason == "Keine Antwort bis zum Ablauf der Frist."
        sent = len(mailoutbox)
        assert sent == 2

        with django_capture_on_commit_callbacks(execute=True):
            assert run() == "Expired offers: 0\n"
        assert len(mailoutbox) == sent
