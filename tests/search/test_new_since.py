from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from search.models import Visit
from search.services import record_visit
from tests.events.factories import EventDocumentFactory, EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_previous_visit_counts_until_the_next_one(member):
    start = timezone.now()
    assert record_visit(user=member, now=start) == member.date_joined
    # A reload a few minutes later is the same visit.
    assert record_visit(user=member, now=start + timedelta(minutes=5)) == member.date_joined
    # A day later, the day before is the last visit.
    later = start + timedelta(days=1)
    assert record_visit(user=member, now=later) == start + timedelta(minutes=5)
    assert Visit.objects.get(user=member).seen_at == later


def test_dashboard_shows_new_documents_of_events_the_person_took_part_in(client_for, member):
    past = timezone.now() - timedelta(days=10)
    attended = EventFactory(
        title="Vernetzung Nord", starts_at=past, ends_at=past + timedelta(hours=2)
    )
    RegistrationFactory(event=attended, user=member, attended=True)
    missed = EventFactory(title="Vernetzung Süd", starts_at=past, ends_at=past + timedelta(hours=2))
    with time_machine.travel(past + timedelta(hours=3)):
        EventDocumentFactory(event=attended, title="Altes Protokoll")
    client = client_for(member)
    with time_machine.travel(timezone.now() - timedelta(days=2)):
        client.get(reverse("members:dashboard"))

    EventDocumentFactory(event=attended, title="Neue Folien")
    EventDocumentFactory(event=missed, title="Fremdes Protokoll")
    content = client.get(reverse("members:dashboard")).content.decode()

    assert "New since your last visit" in content or "Neu seit Ihrem letzten Besuch" in content
    assert "Neue Folien" in content
    assert "Fremdes Protokoll" not in content  # not their event
    assert "Altes Protokoll" not in content  # seen before


def test_other_peoples_events_bring_nothing_new(client_for, other_member, member):
    past = timezone.now() - timedelta(days=10)
    event = EventFactory(starts_at=past, ends_at=past + timedelta(hours=2))
    RegistrationFactory(event=event, user=member, attended=True)
    EventDocumentFactory(event=event, title="Nur für Teilnehmende", visibility="participants")
    content = client_for(other_member).get(reverse("members:dashboard")).content.decode()
    assert "Nur für Teilnehmende" not in content
