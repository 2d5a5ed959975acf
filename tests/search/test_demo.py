import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from members.models import User
from search.query import search

pytestmark = pytest.mark.django_db


def test_a_member_finds_meeting_slides_recommendation_and_beccaria_project():
    """The issue's story: "Jugend Bahnhof" in one box finds the regional
    meeting where it was discussed, the slides of that expert input, a
    recommendation of a security analysis and the Beccaria project."""
    call_command("seed_demo")
    member = User.objects.get(email="mitglied@example.org")
    found = search(user=member, query="Jugend Bahnhof")
    assert {"event", "event_document", "recommendation", "beccaria_project"} <= set(found.counts)
    titles = {str(hit.object) for group in found.groups for hit in group.hits}
    assert "Treffpunkte für Jugendliche am Bahnhof schaffen" in titles
    assert "Angsträume am Bahnhof Pirna" in titles


def test_the_demo_finds_the_meeting_and_its_slides_for_members_only():
    call_command("seed_demo")
    member = User.objects.get(email="mitglied@example.org")
    found = search(user=member, query="Jugend Bahnhof")
    titles = {str(hit.object) for group in found.groups for hit in group.hits}
    assert any("Jugend am Bahnhof" in title for title in titles)
    assert "Fachimpuls: Jugendliche am Bahnhof, was wirkt?" in titles
    public = search(user=AnonymousUser(), query="Jugend Bahnhof")
    public_titles = {str(hit.object) for group in public.groups for hit in group.hits}
    members_only = {
        title for title in titles if "Vernetzungstreffen Region Leipzig: Jugend am" in title
    } | {"Fachimpuls: Jugendliche am Bahnhof, was wirkt?"}
    assert members_only <= titles
    assert not members_only & public_titles
    assert set(public.counts) <= {"resource"}  # the library's public guide only
