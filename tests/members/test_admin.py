import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from members.models import MembershipRequest, Municipality, Organisation, User, WorkingGroupSeat
from tests.factories import (
    MemberFactory,
    MembershipRequestFactory,
    MunicipalityFactory,
    WorkingGroupSeatFactory,
)
from tests.helpers import enrol_in_two_factor

pytestmark = pytest.mark.django_db

MODELS = [User, Municipality, Organisation, MembershipRequest, WorkingGroupSeat]


@pytest.mark.parametrize("model", MODELS)
def test_staff_manage_every_record_in_the_admin(client_for, staff, model):
    MembershipRequestFactory()
    WorkingGroupSeatFactory()
    client = client_for(staff)
    info = (model._meta.app_label, model._meta.model_name)
    changelist = client.get(reverse("admin:{}_{}_changelist".format(*info)))
    assert changelist.status_code == 200
    obj = model.objects.first()
    assert client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk])).status_code == 200
    assert client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    searched = client.get(reverse("admin:{}_{}_changelist".format(*info)), {"q": "a"})
    assert searched.status_code == 200


@pytest.mark.parametrize("who", ["applicant", "member"])
def test_the_admin_is_closed_to_everybody_else(client_for, applicant, member, who):
    person = {"applicant": applicant, "member": member}[who]
    response = client_for(person).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_speaks_german(client_for, staff):
    response = client_for(staff).get(reverse("admin:index"))
    assert response["Content-Language"] == "de"
    assert "Abmelden" in response.content.decode()


def test_staff_filter_requests_by_status_and_approve_in_bulk(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    waiting = MembershipRequestFactory.create_batch(2)
    decided = MembershipRequestFactory(status=MembershipRequest.Status.DECLINED)
    client = client_for(staff)
    url = reverse("admin:members_membershiprequest_changelist")
    listed = client.get(url, {"status__exact": "pending"})
    assert set(listed.context["cl"].queryset) == set(waiting)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"action": "approve", "_selected_action": [r.pk for r in waiting]},
            follow=True,
        )
    assert response.status_code == 200
    for membership_request in waiting:
        membership_request.refresh_from_db()
        assert membership_request.status == MembershipRequest.Status.APPROVED
        assert User.objects.get(pk=membership_request.user_id).is_network_member
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(r.user.email for r in waiting)
    decided.refresh_from_db()
    assert decided.status == MembershipRequest.Status.DECLINED
    shown = [str(message) for message in response.context["messages"]]
    assert "2 Anträge beschieden; die Personen wurden per E-Mail benachrichtigt." in shown


def test_one_decided_request_reads_in_the_singular(client_for, staff, mailoutbox):
    response = client_for(staff).post(
        reverse("admin:members_membershiprequest_changelist"),
        {"action": "decline", "_selected_action": [MembershipRequestFactory().pk]},
        follow=True,
    )
    assert [str(message) for message in response.context["messages"]] == [
        "1 Antrag beschieden; die Person wurde per E-Mail benachrichtigt."
    ]


def test_staff_decline_from_the_change_form_with_a_note(
    client_for, staff, mailoutbox, django_capture_on_commit_callbacks
):
    membership_request = MembershipRequestFactory()
    url = reverse("admin:members_membershiprequest_change", args=[membership_request.pk])
    client = client_for(staff)
    assert "_decline" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "user": membership_request.user_id,
                "municipality": membership_request.municipality_id,
                "function": membership_request.function,
                "message": "",
                "decision_note": "Bitte wenden Sie sich an Ihre Kommune.",
                "_decline": "1",
            },
        )
    membership_request.refresh_from_db()
    assert membership_request.status == MembershipRequest.Status.DECLINED
    assert "Bitte wenden Sie sich an Ihre Kommune." in mailoutbox[0].body


def test_only_superusers_hand_out_admin_rights(staff):
    user_admin = site._registry[User]
    request = RequestFactory().get("/")
    request.user = staff
    assert {"is_staff", "is_superuser", "user_permissions"} <= set(
        user_admin.get_readonly_fields(request, MemberFactory())
    )
    request.user = User.objects.create_superuser("root@example.org", "geheim-123-Passwort")
    assert "is_superuser" not in user_admin.get_readonly_fields(request, MemberFactory())


def test_the_admin_lists_people_and_municipalities_in_german_order(client_for, staff):
    """By default and when staff sort a column by name (DIN 5007-1)."""
    for name in ["Zimmermann", "Krause", "Köhler"]:
        MemberFactory(last_name=name, municipality__name=f"{name[0]}-Stadt {name}")
    for name in ["Großenhain", "Dresden", "Görlitz", "Döbeln"]:
        MunicipalityFactory(name=name)
    client = client_for(staff)
    people = client.get(reverse("admin:members_user_changelist")).context["cl"].result_list
    assert [person.last_name for person in people if person != staff] == [
        "Köhler",
        "Krause",
        "Zimmermann",
    ]
    sorted_by_name = client.get(reverse("admin:members_municipality_changelist"), {"o": "-1"})
    names = [town.name for town in sorted_by_name.context["cl"].result_list]
    assert [name for name in names if "Stadt" not in name] == [
        "Großenhain",
        "Görlitz",
        "Dresden",
        "Döbeln",
    ]


@pytest.fixture
def superuser(db):
    root = User.objects.create_superuser("root@example.org", "geheim-123-Passwort")
    enrol_in_two_factor(root)
    return root


def _change_data(person, **changes):
    data = {
        "email": person.email,
        "salutation": person.salutation,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "preferred_language": person.preferred_language,
        "is_active": "on",
    }
    data.update(changes)
    return data


class TestLeastPrivilege:
    """A team member who is no superuser cannot make themselves (or anyone)
    one: not through a superuser's password, not through the flags."""

    @pytest.mark.parametrize("who", ["staff", "coordinator"])
    def test_the_password_of_a_superuser_is_out_of_reach(
        self, client_for, staff, coordinator, superuser, who
    ):
        client = client_for({"staff": staff, "coordinator": coordinator}[who])
        url = reverse("admin:auth_user_password_change", args=[superuser.pk])
        assert client.get(url).status_code == 403
        response = client.post(
            url, {"password1": "uebernommen-123-X", "password2": "uebernommen-123-X"}
        )
        assert response.status_code == 403
        superuser.refresh_from_db()
        assert superuser.check_password("geheim-123-Passwort")

    def test_a_team_member_sees_a_superuser_but_cannot_change_or_delete(
        self, client_for, staff, superuser
    ):
        client = client_for(staff)
        url = reverse("admin:members_user_change", args=[superuser.pk])
        page = client.get(url)
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        response = client.post(url, _change_data(superuser, email="mine@example.org"))
        assert response.status_code == 403
        delete = reverse("admin:members_user_delete", args=[superuser.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        client.post(
            reverse("admin:members_user_changelist"),
            {"action": "delete_selected", "_selected_action": [superuser.pk], "post": "yes"},
        )
        superuser.refresh_from_db()
        assert superuser.email == "root@example.org"

    def test_a_team_member_cannot_hand_out_flags_groups_or_permissions(
        self, client_for, staff, member
    ):
        from django.contrib.auth.models import Group, Permission

        team = Group.objects.get(name="ASSKomm-Team")
        permission = Permission.objects.get(codename="change_user")
        response = client_for(staff).post(
            reverse("admin:members_user_change", args=[member.pk]),
            _change_data(
                member,
                function="Leiterin",
                is_staff="on",
                is_superuser="on",
                groups=[team.pk],
                user_permissions=[permission.pk],
            ),
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.function == "Leiterin"
        assert not member.is_staff and not member.is_superuser
        assert not member.groups.filter(pk=team.pk).exists()
        assert not member.user_permissions.exists()

    def test_a_team_member_cannot_promote_themselves(self, client_for, staff):
        client_for(staff).post(
            reverse("admin:members_user_change", args=[staff.pk]),
            _change_data(staff, is_staff="on", is_superuser="on"),
        )
        staff.refresh_from_db()
        assert not staff.is_superuser

    def test_a_superuser_may_hand_out_rights_and_change_superusers(
        self, client_for, superuser, member
    ):
        other = User.objects.create_superuser("root2@example.org", "geheim-123-Passwort")
        enrol_in_two_factor(other)
        client = client_for(superuser)
        url = reverse("admin:auth_user_password_change", args=[other.pk])
        assert client.get(url).status_code == 200
        client.post(
            reverse("admin:members_user_change", args=[member.pk]),
            _change_data(member, is_staff="on"),
        )
        member.refresh_from_db()
        assert member.is_staff

    def test_a_team_member_cannot_reach_a_superusers_email_addresses(
        self, client_for, staff, superuser
    ):
        from allauth.account.models import EmailAddress

        address = EmailAddress.objects.create(
            user=superuser, email=superuser.email, verified=True, primary=True
        )
        client = client_for(staff)
        changelist = client.get(reverse("admin:account_emailaddress_changelist"))
        assert superuser.email not in changelist.content.decode()
        url = reverse("admin:account_emailaddress_change", args=[address.pk])
        assert client.get(url).status_code == 302  # "does not exist", back to the list
        client.post(
            reverse("admin:account_emailaddress_add"),
            {"user": superuser.pk, "email": "mine@example.org", "verified": "on", "primary": "on"},
        )
        assert not EmailAddress.objects.filter(email="mine@example.org").exists()


def test_the_team_may_manage_the_records_of_every_app_of_the_portal(staff):
    """A team member who is not a superuser reaches every app's records in
    the admin: the group holds each app's permissions after migrate."""
    from django.apps import apps

    for label in ("members", "events", "training", "library", "projects", "exchange", "news"):
        for model in apps.get_app_config(label).get_models():
            assert staff.has_perm(f"{label}.view_{model._meta.model_name}"), model
