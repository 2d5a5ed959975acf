import pytest
from django.core.management import call_command

from events.models import EventDocument
from working_group.models import ActionItem, Decision, Minutes

pytestmark = pytest.mark.django_db


def test_the_demo_has_minutes_in_both_states_and_items_in_every_status():
    call_command("seed_demo")
    first, second, third = (
        Minutes.objects.get(session__slug=f"ag-asskomm-sitzung-{number}") for number in (1, 2, 3)
    )
    assert first.is_approved and first.approved_at.slug == "ag-asskomm-sitzung-2"
    assert second.is_approved and second.approved_at.slug == "ag-asskomm-sitzung-3"
    assert not third.is_approved and third.revisions.count() == 2
    assert set(ActionItem.objects.values_list("status", flat=True)) == set(ActionItem.Status)
    assert ActionItem.objects.overdue().count() == 1
    assert Decision.objects.count() >= 3
    assert EventDocument.objects.filter(
        event__slug="ag-asskomm-sitzung-4", kind=EventDocument.Kind.AGENDA
    ).exists()
