from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import EventDocument
from tests.events.factories import EventDocumentFactory, EventFactory
from tests.factories import MemberFactory


@pytest.fixture
def bahnhof(member, other_member):
    """Things about the station square, for different audiences: ``member``
    is invited by their municipality, ``other_member`` is not."""
    past = timezone.now() - timedelta(days=30)
    public = EventFactory(
        title="Jugend am Bahnhof: Regionaltreffen",
        audience="public",
        description="Offener Austausch über den Bahnhofsvorplatz.",
        starts_at=past,
        ends_at=past + timedelta(hours=3),
    )
    members_only = EventFactory(
        title="Sicherheit am Bahnhof",
        audience="members",
        description="Mitgliederwissen Bahnhof: Streetwork am Abend.",
    )
    invited = EventFactory(
        title="Einladung Bahnhof Ortsrunde",
        audience="invited",
        description="Nur für eingeladene Kommunen: Bahnhof Einladungswissen.",
    )
    invited.invited_municipalities.add(member.municipality)
    slides = EventDocumentFactory(
        event=public,
        title="Folien Fachvortrag Bahnhof",
        kind=EventDocument.Kind.SLIDES,
        visibility=EventDocument.Visibility.MEMBERS,
    )
    participants_only = EventDocumentFactory(
        event=public,
        title="Teilnahmeliste Bahnhof Teilnehmerwissen",
        visibility=EventDocument.Visibility.PARTICIPANTS,
    )
    listed = MemberFactory(
        first_name="Bruno", last_name="Bahnhof", function="Streetwork", listed_in_directory=True
    )
    unlisted = MemberFactory(first_name="Berta", last_name="Bahnhof", listed_in_directory=False)
    return {
        "public": public,
        "members_only": members_only,
        "invited": invited,
        "slides": slides,
        "participants_only": participants_only,
        "listed": listed,
        "unlisted": unlisted,
    }
