"""The audit trail of staff changes to registrations, applications and
memberships (members.audit, shown read-only in the admin)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from members import audit, roles
from members.models import AuditEntry, MembershipRequest, User
from tests.events.factories import RegistrationFactory
from tests.factories import MembershipRequestFactory, UserFactory
from tests.helpers import enrol_in_two_factor
from tests.training.factories import ApplicationFactory, CohortFactory
from training.models import Application

pytestmark = pytest.mark.django_db


def test_a_change_is_recorded_field_by_field_from_old_to_new(staff):
    registration = RegistrationFactory(note="")
    before = audit.snapshot(registration)
    registration.note = "Rollstuhl"
    registration.attended = True
    registration.save()
    entry = audit.record_change(actor=staff, instance=registration, before=before)
    assert entry.actor == staff
    assert entry.action == AuditEntry.Action.CHANGED
    assert entry.changes == {"attended": [False, True], "note": ["", "Rollstuhl"]}
    assert list(audit.entries_for(registration)) == [entry]


def test_saving_without_a_change_records_nothing(staff):
    registration = RegistrationFactory()
    before = audit.snapshot(registration)
    registration.save()
    assert audit.record_change(actor=staff, instance=registration, before=before) is None
    assert not AuditEntry.objects.exists()


def test_staff_editing_a_registration_in_the_admin_is_recorded_and_shown(client_for, staff):
    registration = RegistrationFactory(note="")
    client = client_for(staff)
    url = reverse("admin:events_registration_change", args=[registration.pk])
    response = client.post(url, {"note": "kommt später", "attended": "on"})
    assert response.status_code == 302
    (entry,) = AuditEntry.objects.all()
    assert entry.actor == staff
    assert entry.changes == {"attended": [False, True], "note": ["", "kommt später"]}
    page = client.get(url).content.decode()
    assert "Änderungen durch das Team" in page
    assert "note:  → kommt später" in page


def test_every_registration_an_action_changes_is_recorded(client_for, staff):
    registrations = RegistrationFactory.create_batch(2)
    untouched = RegistrationFactory()
    client_for(staff).post(
        reverse("admin:events_registration_changelist"),
        {"action": "mark_attended", "_selected_action": [r.pk for r in registrations]},
    )
    assert Registration.objects.filter(attended=True).count() == 2
    recorded = AuditEntry.objects.filter(actor=staff)
    assert sorted(int(entry.object_id) for entry in recorded) == sorted(r.pk for r in registrations)
    assert not audit.entries_for(untouched).exists()


def test_an_export_action_records_nothing(client_for, staff):
    application = ApplicationFactory()
    client_for(staff).post(
        reverse("admin:training_application_changelist"),
        {"action": "export_csv", "_selected_action": [application.pk]},
    )
    assert not AuditEntry.objects.exists()


def test_a_decision_on_an_application_is_recorded(client_for, staff, mailoutbox):
    application = ApplicationFactory(cohort=CohortFactory(confirmed=True), accepted=True)
    client_for(staff).post(
        reverse("admin:training_application_changelist"),
        {"action": "reject", "_selected_action": [application.pk], "reason": "Stelle gewechselt"},
    )
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    (entry,) = audit.entries_for(application)
    assert entry.changes["status"] == [
        Application.Status.ACCEPTED.label,
        Application.Status.REJECTED.label,
    ]


def test_approving_a_membership_records_the_request_and_the_new_group(
    client_for, staff, mailoutbox
):
    membership_request = MembershipRequestFactory()
    client_for(staff).post(
        reverse("admin:members_membershiprequest_changelist"),
        {"action": "approve", "_selected_action": [membership_request.pk]},
    )
    (request_entry,) = audit.entries_for(membership_request)
    assert request_entry.changes["status"][1] == MembershipRequest.Status.APPROVED.label
    (person_entry,) = audit.entries_for(membership_request.user)
    assert person_entry.changes["groups"] == [[], [roles.MEMBER_GROUP]]
    assert person_entry.actor == staff


def test_a_superuser_changing_a_persons_groups_in_the_admin_is_recorded(client_for):
    """Only superusers hand out groups (see tests/members/test_admin.py)."""
    superuser = User.objects.create_superuser("root@example.org", "geheim-123-Passwort")
    enrol_in_two_factor(superuser)
    person = UserFactory()
    member_group = Group.objects.get(name=roles.MEMBER_GROUP)
    client = client_for(superuser)
    url = reverse("admin:members_user_change", args=[person.pk])
    response = client.post(
        url,
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "preferred_language": "de",
            "is_active": "on",
            "groups": [member_group.pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    (entry,) = audit.entries_for(person)
    assert entry.changes == {"groups": [[], [roles.MEMBER_GROUP]]}
    assert "password" not in str(entry.changes)


def test_deleting_in_the_admin_is_recorded(client_for, staff):
    registration = RegistrationFactory(
        status=Registration.Status.CANCELLED, cancelled_at=timezone.now()
    )
    url = reverse("admin:events_registration_delete", args=[registration.pk])
    client_for(staff).post(url, {"post": "yes"})
    assert not Registration.objects.filter(pk=registration.pk).exists()
    (entry,) = AuditEntry.objects.all()
    assert entry.action == AuditEntry.Action.DELETED
    assert entry.changes["status"][0] == Registration.Status.CANCELLED.label


def test_the_audit_trail_is_read_only_in_the_admin(client_for, staff):
    registration = RegistrationFactory()
    entry = audit.record_change(actor=staff, instance=registration, before={})
    client = client_for(staff)
    assert client.get(reverse("admin:members_auditentry_changelist")).status_code == 200
    detail = client.get(reverse("admin:members_auditentry_change", args=[entry.pk]))
    assert detail.status_code == 200
    assert b'type="submit"' not in detail.content.split(b'id="content"')[1].split(b"</form>")[0]
    assert client.get(reverse("admin:members_auditentry_add")).status_code == 403
    delete = client.post(reverse("admin:members_auditentry_delete", args=[entry.pk]))
    assert delete.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("who", ["applicant", "member"])
def test_the_audit_trail_is_closed_to_non_staff(client_for, applicant, member, who):
    person = {"applicant": applicant, "member": member}[who]
    response = client_for(person).get(reverse("admin:members_auditentry_changelist"))
    assert response.status_code == 302


def test_attendance_ticked_in_the_events_registration_list_is_recorded(client_for, staff):
    from tests.events.test_admin import change_form_data

    registration = RegistrationFactory()
    other = RegistrationFactory(event=registration.event)
    client = client_for(staff)
    url, data = change_form_data(client, registration.event)
    registrations = list(registration.event.registrations.order_by("status", "created_at", "pk"))
    data[f"registrations-{registrations.index(registration)}-attended"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended
    (entry,) = audit.entries_for(registration)
    assert entry.changes == {"attended": [False, True]}
    assert entry.actor == staff
    assert not audit.entries_for(other).exists()
