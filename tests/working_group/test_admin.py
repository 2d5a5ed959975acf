from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from tests.working_group.factories import ActionItemFactory, MinutesFactory, SessionFactory
from working_group import services
from working_group.models import ActionItem, Minutes

pytestmark = pytest.mark.django_db
# The management form of the read-only history inline.
NO_REVISIONS = {"revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"}


@pytest.mark.parametrize("model", ["minutes", "decision", "actionitem"])
def test_the_team_manages_the_records_in_the_admin(client_for, staff, model):
    MinutesFactory()
    ActionItemFactory()
    client = client_for(staff)
    assert client.get(reverse(f"admin:working_group_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:working_group_{model}_add")).status_code == 200


def test_minutes_written_in_the_admin_keep_their_history(client_for, staff):
    session = SessionFactory()
    client = client_for(staff)
    response = client.post(
        reverse("admin:working_group_minutes_add"),
        {"session": session.pk, "text": "Entwurf 1", **NO_REVISIONS},
    )
    assert response.status_code == 302
    minutes = Minutes.objects.get(session=session)
    change = reverse("admin:working_group_minutes_change", args=[minutes.pk])
    client.post(
        change, {"text": "Entwurf 2", "revisions-TOTAL_FORMS": "1", "revisions-INITIAL_FORMS": "1"}
    )
    assert [revision.text for revision in minutes.revisions.all()] == ["Entwurf 2", "Entwurf 1"]
    assert minutes.revisions.first().author == staff


def test_the_admin_asks_for_the_text(client_for, staff):
    session = SessionFactory()
    response = client_for(staff).post(
        reverse("admin:working_group_minutes_add"),
        {"session": session.pk, "text": "", **NO_REVISIONS},
    )
    assert response.status_code == 200
    assert not Minutes.objects.exists()


def test_the_approve_action_uses_the_following_session(client_for, staff):
    earlier = SessionFactory(starts_at=timezone.now() - timedelta(days=200))
    later = SessionFactory(starts_at=timezone.now() - timedelta(days=10))
    minutes = services.save_minutes(session=earlier, text="Protokoll", by=staff)
    lonely = services.save_minutes(session=later, text="Protokoll", by=staff)
    response = client_for(staff).post(
        reverse("admin:working_group_minutes_changelist"),
        {
            "action": "approve_at_next_session",
            ACTION_CHECKBOX_NAME: [minutes.pk, lonely.pk],
        },
        follow=True,
    )
    content = response.content.decode()
    assert "1 Protokoll genehmigt." in content
    assert "keine spätere Sitzung" in content
    minutes.refresh_from_db()
    assert minutes.approved_at == later
    assert minutes.approved_on == timezone.localdate(later.starts_at)


def test_approved_minutes_show_their_text_read_only(client_for, staff):
    earlier = SessionFactory(starts_at=timezone.now() - timedelta(days=200))
    later = SessionFactory(starts_at=timezone.now() - timedelta(days=10))
    minutes = services.save_minutes(session=earlier, text="Genehmigter Text", by=staff)
    services.approve_at_next_session(minutes=minutes, by=staff)
    client = client_for(staff)
    change = reverse("admin:working_group_minutes_change", args=[minutes.pk])
    assert 'name="text"' not in client.get(change).content.decode()
    client.post(change, {"text": "Nachträglich", **NO_REVISIONS})
    minutes.refresh_from_db()
    assert minutes.text == "Genehmigter Text" and minutes.approved_at == later


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("mark_done", "open", "done"),
        ("mark_dropped", "open", "dropped"),
        ("reopen", "done", "open"),
    ],
)
def test_the_status_actions_go_through_the_service(client_for, staff, action, before, after):
    closed_on = timezone.localdate() if before != "open" else None
    item = ActionItemFactory(status=before, closed_on=closed_on)
    client_for(staff).post(
        reverse("admin:working_group_actionitem_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [item.pk]},
    )
    item.refresh_from_db()
    assert item.status == after
    assert (item.closed_on is None) == (after == ActionItem.Status.OPEN)


def test_the_admin_form_asks_for_exactly_one_owner(client_for, staff, seat):
    session = SessionFactory()
    response = client_for(staff).post(
        reverse("admin:working_group_actionitem_add"),
        {
            "session": session.pk,
            "title": "Aufgabe",
            "due_on": "01.12.2026",
            "owner_person": seat.delegate.pk,
            "owner_seat": seat.pk,
        },
    )
    assert response.status_code == 200
    assert "nicht beides" in response.content.decode()
    assert not ActionItem.objects.exists()
