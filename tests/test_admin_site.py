"""The admin site: what "view on site" may reveal, and who gets in."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from events import services
from events.models import Event
from members import roles
from members.access import lacks_required_two_factor
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.helpers import enrol_in_two_factor, totp_code
from tests.test_translations import INFORMAL

pytestmark = pytest.mark.django_db


def view_on_site(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


class TestViewOnSite:
    @pytest.mark.parametrize("who", ["staff", "coordinator"])
    def test_never_leads_to_a_persons_secret_calendar_feed(
        self, client_for, staff, coordinator, member, who
    ):
        feed = services.calendar_feed_for(member)
        response = client_for({"staff": staff, "coordinator": coordinator}[who]).get(
            view_on_site(feed)
        )
        assert response.status_code == 404
        assert feed.token not in response.get("Location", "")

    def test_a_coordinator_gets_no_address_of_another_regions_draft(self, client_for, coordinator):
        draft = EventFactory(region="leipzig", status=Event.Status.DRAFT, slug="geheimer-entwurf")
        response = client_for(coordinator).get(view_on_site(draft))
        assert response.status_code == 404
        assert "geheimer-entwurf" not in response.get("Location", "")

    def test_leads_to_what_the_person_manages(self, client_for, coordinator, staff):
        own = EventFactory(region="dresden", status=Event.Status.DRAFT)
        elsewhere = EventFactory(region="leipzig", status=Event.Status.DRAFT)
        response = client_for(coordinator).get(view_on_site(own))
        assert response.status_code == 302
        assert response["Location"].endswith(own.get_absolute_url())
        response = client_for(staff).get(view_on_site(elsewhere))
        assert response["Location"].endswith(elsewhere.get_absolute_url())

    def test_is_closed_to_members(self, client_for, member):
        event = EventFactory()
        response = client_for(member).get(view_on_site(event))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def log_in(client, person):
    """Logs in through the portal's login form, as a person does (which
    allauth records; setting up two-factor asks for a recent login)."""
    response = client.post(
        reverse("account_login"), {"login": person.email, "password": "geheim-123-Passwort"}
    )
    assert response.status_code == 302
    return client


class TestTwoFactorForStaff:
    """The admin opens only to staff with an authenticator app, logged in
    through the portal's login with its second step."""

    @pytest.mark.parametrize("superuser", [False, True])
    def test_staff_without_two_factor_are_sent_to_set_it_up(self, client_for, superuser):
        person = UserFactory(is_staff=True, is_superuser=superuser, two_factor=False)
        person.groups.add(roles.team_group())
        response = client_for(person).get(reverse("admin:index"), follow=True)
        # allauth asks for the password once more before the setup
        chain = [url for url, _status in response.redirect_chain]
        assert reverse("mfa_activate_totp") in chain
        assert chain[-1].startswith(reverse("account_reauthenticate"))
        content = response.content.decode()
        assert "Die Verwaltung öffnet sich nur mit Zwei-Faktor-Authentifizierung." in content
        assert 'class="skip-link"' in content  # the portal's layout

    def test_staff_log_in_with_password_and_code_and_the_admin_opens(self, client):
        person = UserFactory(is_staff=True, two_factor=False)
        person.groups.add(roles.team_group())
        secret = enrol_in_two_factor(person)
        response = client.post(
            reverse("account_login"),
            {"login": person.email, "password": "geheim-123-Passwort"},
        )
        assert response["Location"] == reverse("mfa_authenticate")
        assert client.get(reverse("admin:index")).status_code == 302  # not yet logged in
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert response.status_code == 302
        assert client.get(reverse("admin:index")).status_code == 200

    def test_a_wrong_code_keeps_the_admin_closed(self, client):
        person = UserFactory(is_staff=True, two_factor=False)
        enrol_in_two_factor(person)
        client.post(
            reverse("account_login"), {"login": person.email, "password": "geheim-123-Passwort"}
        )
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert response.status_code == 200
        assert client.get(reverse("admin:index")).status_code == 302

    def test_the_admin_login_form_is_not_a_way_around_the_second_factor(self, client, staff):
        response = client.get(reverse("admin:login") + "?next=/admin/members/")
        assert response["Location"] == reverse("account_login") + "?next=/admin/members/"
        response = client.post(
            reverse("admin:login"),
            {"username": staff.email, "password": "geheim-123-Passwort"},
        )
        assert response["Location"].startswith(reverse("account_login"))
        assert client.get(reverse("admin:index")).status_code == 302

    def test_members_get_no_admin_login(self, client_for, member):
        assert client_for(member).get(reverse("admin:login")).status_code == 403

    def test_the_rule(self, member, staff):
        assert not lacks_required_two_factor(member)
        assert not lacks_required_two_factor(staff)
        assert lacks_required_two_factor(UserFactory(is_staff=True, two_factor=False))


class TestTwoFactorPages:
    def test_everyone_can_set_up_two_factor_from_their_area(self, client, member):
        log_in(client, member)
        dashboard = client.get(reverse("members:dashboard")).content.decode()
        assert reverse("mfa_index") in dashboard
        assert client.get(reverse("mfa_index")).status_code == 200
        activate = client.get(reverse("mfa_activate_totp"))
        assert activate["Location"].startswith(reverse("account_reauthenticate"))
        client.post(reverse("account_reauthenticate"), {"password": "geheim-123-Passwort"})
        page = client.get(reverse("mfa_activate_totp"))
        assert page.status_code == 200
        secret = page.context["form"].secret
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
        assert response.status_code == 302
        assert member.authenticator_set.filter(type="totp").exists()

    @pytest.mark.parametrize(
        "url_name", ["mfa_index", "mfa_activate_totp", "account_reauthenticate"]
    )
    def test_the_two_factor_pages_speak_formal_german(self, client, member, url_name):
        log_in(client, member)
        client.post(reverse("account_reauthenticate"), {"password": "geheim-123-Passwort"})
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        assert not INFORMAL.findall(text), INFORMAL.findall(text)
        assert 'class="skip-link"' in response.content.decode()  # the portal's layout

    def test_the_code_step_of_the_login_speaks_formal_german(self, client):
        person = UserFactory(is_staff=True)
        client.post(
            reverse("account_login"), {"login": person.email, "password": "geheim-123-Passwort"}
        )
        response = client.get(reverse("mfa_authenticate"))
        assert response.status_code == 200
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        assert "Zwei-Faktor-Authentifizierung" in text
        assert not INFORMAL.findall(text), INFORMAL.findall(text)


def test_each_row_of_a_list_has_its_named_checkbox_and_a_page_holds_fifty(client_for, staff):
    events = [EventFactory(title=f"Treffen {number:02d}") for number in range(51)]
    response = client_for(staff).get(reverse("admin:events_event_changelist"))
    page = response.content.decode()
    boxes = re.findall(r'<input type="checkbox" name="_selected_action"[^>]*>', page)
    assert len(boxes) == 50
    newest = response.context["cl"].result_list[0]
    assert (
        f'value="{newest.pk}" class="action-select" '
        f'aria-label="Dieses Objekt für eine Aktion auswählen – {newest}"'
    ) in page
    assert {event.pk for event in events} > {row.pk for row in response.context["cl"].result_list}
