import pytest
from django.core.management import call_command

from events.models import Event, EventDocument
from library import catalogue
from library.models import Resource
from members.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo")


def test_about_25_resources_of_every_kind_and_several_audiences(demo):
    resources = Resource.objects.all()
    assert 20 <= resources.count() <= 30
    assert set(resources.values_list("kind", flat=True)) == set(Resource.Kind.values)
    assert {"public", "members", "working_group", "invited"} <= set(
        resources.values_list("audience", flat=True)
    )
    assert resources.exclude(external_url="").count() >= 3
    for resource in resources.exclude(file=""):
        assert resource.extracted_text, resource  # a real PDF with text
        assert "lorem" not in resource.extracted_text.lower()
        assert resource.topics.exists(), resource


def test_jugend_bahnhof_finds_a_resource_and_an_event(demo):
    member = User.objects.get(email="mitglied@example.org")
    rows = list(catalogue.entries(member, {"q": "Jugend Bahnhof"}))
    assert {row["entry_source"] for row in rows} == {catalogue.RESOURCE, catalogue.DOCUMENT}
    assert Event.objects.filter(title__icontains="Jugend", description__icontains="Bahnhof")


def test_fachtag_documentation_is_readable_and_has_topics(demo):
    documentation = EventDocument.objects.get(
        kind=EventDocument.Kind.DOCUMENTATION, event__kind=Event.Kind.FACHTAG
    )
    assert "2. ASSKomm-Fachtag" in documentation.extracted_text
    assert documentation.event.topics.exists()
