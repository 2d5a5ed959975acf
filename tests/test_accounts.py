import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from members.models import User
from tests.factories import UserFactory
from tests.helpers import sign_up

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-123-Passwort"


def test_sign_up_needs_the_email_address_verified(client, mailoutbox):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="anna.schmidt@example.org")
    assert user.get_full_name() == "Anna Schmidt"
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # not logged in before verifying

    (mail,) = mailoutbox
    assert mail.to == ["anna.schmidt@example.org"]
    assert mail.subject.startswith("[ASSKomm]")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.body).group(1)
    assert client.get(link).status_code == 200
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("members:dashboard")).status_code == 200
    assert not user.is_network_member  # a new account is an applicant


def test_sign_up_without_privacy_consent_is_refused_and_keeps_the_input(client):
    response = sign_up(client, privacy_consent="")
    assert response.status_code == 200
    assert "privacy_consent" in response.context["form"].errors
    assert "anna.schmidt@example.org" in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_with_a_taken_address_creates_nothing_and_does_not_reveal_it(client, mailoutbox):
    UserFactory(email="anna.schmidt@example.org")
    response = sign_up(client, email="Anna.Schmidt@example.org")
    # The page looks like any sign-up, so nobody learns who has an account;
    # the owner of the address gets an e-mail about the attempt instead.
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    assert mailoutbox[0].to == ["anna.schmidt@example.org"]


def test_login_by_email_address_in_any_case(client):
    UserFactory(email="anna@example.org", password=PASSWORD)
    response = client.post(
        reverse("account_login"), {"login": "Anna@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("members:dashboard")


def test_wrong_password_gives_a_message_not_an_error(client):
    UserFactory(email="anna@example.org", password=PASSWORD)
    response = client.post(reverse("account_login"), {"login": "anna@example.org", "password": "x"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_an_unverified_address_cannot_log_in(client, mailoutbox):
    UserFactory(email="anna@example.org", password=PASSWORD, verified=False)
    response = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": PASSWORD}
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1  # a fresh verification mail


def test_logout_needs_a_post(client_for, member):
    client = client_for(member)
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200  # a confirmation page, still logged in
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client, mailoutbox):
    UserFactory(email="anna@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "anna@example.org"})
    assert response.status_code == 302
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_password_change_for_a_logged_in_person(client_for, member):
    member.set_password(PASSWORD)
    member.save()
    client = client_for(member)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "Neues-Passwort-2026",
            "password2": "Neues-Passwort-2026",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Neues-Passwort-2026")


@pytest.mark.parametrize("page", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_use_the_portal_layout_with_labelled_fields(client, page):
    content = client.get(reverse(page)).content.decode()
    assert 'class="skip-link"' in content
    inputs = re.findall(r'<input[^>]*type="(?:email|password|text)"[^>]*id="([^"]+)"', content)
    assert inputs
    for input_id in inputs:
        assert f'<label for="{input_id}"' in content


def test_the_login_button_reads_anmelden(client):
    content = client.get(reverse("account_login")).content.decode()
    assert re.search(r'<button[^>]*type="submit"[^>]*>\s*Anmelden\s*</button>', content)
    assert "Anmeldung" not in content


def test_account_e_mails_name_the_portal_and_the_person(client, mailoutbox, settings):
    sign_up(client)
    (mail,) = mailoutbox
    assert mail.body.startswith("Guten Tag Anna Schmidt,")
    assert "weil Anna Schmidt diese Adresse angegeben hat, um ein Konto im ASSKomm-Portal" in (
        mail.body
    )
    assert "Benutzer" not in mail.body
    assert "testserver" not in mail.body.split("http")[0]  # no host name as the site's name


def test_the_password_reset_greets_the_person_by_name(client, mailoutbox):
    UserFactory(email="anna@example.org", first_name="Anna", last_name="Schmidt")
    client.post(reverse("account_reset_password"), {"email": "anna@example.org"})
    (mail,) = mailoutbox
    assert mail.body.startswith("Guten Tag Anna Schmidt,")


def test_changing_the_email_address_asks_for_the_password_again(client_for, member):
    client = client_for(member)
    data = {"action_add": "", "email": "neu@example.org"}
    response = client.post(reverse("account_email"), data)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="neu@example.org").exists()
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("account_email"), data)
    assert EmailAddress.objects.filter(user=member, email="neu@example.org").exists()
