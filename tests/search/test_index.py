import pytest
from django.core.management import call_command

from search.models import SearchEntry
from tests.events.factories import EventDocumentFactory, EventFactory
from tests.factories import MemberFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def entry_of(kind, obj):
    return SearchEntry.objects.filter(kind=kind, object_id=obj.pk).first()


def test_saving_writes_and_deleting_removes_the_entry():
    event = EventFactory(title="Jugend am Bahnhof", description="Streetwork", venue_name="Rathaus")
    entry = entry_of("event", event)
    assert entry.title == str(event)
    assert "Streetwork" in entry.text and "Rathaus" in entry.text

    event.description = "Präventionsrat"
    event.save()
    assert "Präventionsrat" in entry_of("event", event).text
    assert SearchEntry.objects.filter(kind="event", object_id=event.pk).count() == 1

    document = EventDocumentFactory(event=event, title="Folien Fachvortrag")
    assert entry_of("event_document", document).title == "Folien Fachvortrag"
    event.delete()  # its documents go with it
    assert not SearchEntry.objects.filter(object_id__in=[event.pk, document.pk]).exists()


def test_only_people_listed_in_the_directory_are_in_the_index():
    person = MemberFactory(first_name="Bruno", listed_in_directory=False)
    assert entry_of("person", person) is None
    person.listed_in_directory = True
    person.save()
    assert entry_of("person", person).title == person.get_full_name()
    person.listed_in_directory = False
    person.save(update_fields=["listed_in_directory"])
    assert entry_of("person", person) is None


def test_a_login_does_not_touch_the_index(django_assert_num_queries):
    person = MemberFactory(listed_in_directory=True)
    with django_assert_num_queries(1):
        person.save(update_fields=["last_login"])


def test_rebuild_writes_the_same_index_again():
    EventFactory(title="Fachtag")
    MunicipalityFactory(name="Pirna")
    SearchEntry.objects.create(kind="gone", object_id=1, title="Alt")
    SearchEntry.objects.filter(kind="municipality").delete()
    call_command("rebuild_search_index")
    first = list(SearchEntry.objects.order_by("kind", "object_id").values("kind", "object_id"))
    call_command("rebuild_search_index")
    second = list(SearchEntry.objects.order_by("kind", "object_id").values("kind", "object_id"))
    assert first == second
    kinds = {row["kind"] for row in first}
    assert {"event", "municipality"} <= kinds and "gone" not in kinds


def test_control_characters_do_not_reach_the_index():
    event = EventFactory(title="Jugend\x1b am\x07 Bahnhof", description="a\ue000b")
    entry = entry_of("event", event)
    assert "\x1b" not in entry.title and "\x07" not in entry.title
    assert "\ue000" not in entry.text


def test_a_very_long_text_is_indexed_in_part():
    event = EventFactory(title="Langer Text", description="Prävention " * 60_000)
    entry = entry_of("event", event)
    assert 0 < len(entry.text) <= 300_000 + len("\nRathaus")
