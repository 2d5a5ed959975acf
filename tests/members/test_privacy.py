"""Privacy self-service: the person's data, their consents, deleting their
account (members.services and /me/privacy/)."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from members import services
from members.consent import DIRECTORY_TEXT_VERSION, PRIVACY_TEXT_VERSION
from members.models import Consent, User
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MemberFactory, MembershipRequestFactory, WorkingGroupSeatFactory
from tests.helpers import sign_up
from tests.training.factories import ApplicationFactory, CohortFactory, ReviewFactory
from training import reports
from training import services as training_services
from training.models import Application, Cohort

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-123-Passwort"
PAGES = ["members:privacy", "members:my_data", "members:my_data_download"]


def past_event(**fields):
    starts_at = timezone.now() - timedelta(days=30)
    return EventFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=3), **fields)


def person_with_history():
    """A member who asked to join, registered for a past event and applied
    for a training cohort, each time writing something."""
    person = MemberFactory(phone="0351 123456")
    MembershipRequestFactory(user=person, message="Ich koordiniere die Prävention in Riesa.")
    registration = RegistrationFactory(user=person, event=past_event(), note="Vegetarisch, bitte")
    application = ApplicationFactory(applicant=person, project_idea="Sicherer Schulweg Riesa")
    application.status_changes.create(to_status=Application.Status.SUBMITTED, changed_by=person)
    services.record_consent(
        user=person, kind=Consent.Kind.SIGNUP, text_version=PRIVACY_TEXT_VERSION
    )
    return person, registration, application


# The person's data


def test_the_export_holds_everything_the_portal_keeps_about_the_person():
    person, registration, application = person_with_history()
    data = services.personal_data_as_json(user=person)
    sections = data["sections"]
    profile = sections["account"]["entries"][0]
    assert profile["email"] == person.email
    assert profile["phone"] == "0351 123456"
    texts = json.dumps(data, default=str, ensure_ascii=False)
    for written in (
        "Ich koordiniere die Prävention in Riesa.",
        "Vegetarisch, bitte",
        "Sicherer Schulweg Riesa",
        application.motivation,
        application.supervisor_email,
    ):
        assert written in texts
    (exported_application,) = sections["training"]["entries"]
    assert exported_application["consent_text_version"] == application.consent_text_version
    assert exported_application["history"][0]["to_status"] == "submitted"
    (exported_registration,) = sections["events"]["entries"]
    assert exported_registration["status"] == "confirmed"
    assert any(
        entry.get("kind") == "signup" and entry.get("text_version") == PRIVACY_TEXT_VERSION
        for entry in sections["account"]["entries"]
    )


def test_the_download_is_an_attachment_in_utf8_with_iso_dates(client_for):
    person, registration, application = person_with_history()
    response = client_for(person).get(reverse("members:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="asskomm-data-')
    body = response.content.decode("utf-8")
    assert "Prävention" in body  # not escaped as \u00e4
    data = json.loads(body)
    submitted = data["sections"]["training"]["entries"][0]["submitted_at"]
    assert submitted.startswith(application.submitted_at.date().isoformat() + "T")


@pytest.mark.parametrize("who", ["applicant", "member", "staff"])
def test_each_person_sees_only_their_own_data(client_for, applicant, member, staff, who):
    person = {"applicant": applicant, "member": member, "staff": staff}[who]
    other, _registration, _application = person_with_history()
    client = client_for(person)
    page = client.get(reverse("members:my_data")).content.decode()
    download = client.get(reverse("members:my_data_download")).content.decode()
    for shown in (page, download):
        assert person.email in shown
        assert other.email not in shown
        assert "Vegetarisch" not in shown


def test_the_readable_page_has_german_headings(client_for):
    person, registration, application = person_with_history()
    page = client_for(person).get(reverse("members:my_data")).content.decode()
    assert "Konto und Mitgliedschaft" in page
    assert "Veranstaltungsanmeldungen" in page
    assert "Bewerbungen für die Qualifizierung" in page
    assert "Vegetarisch, bitte" in page
    event_day = timezone.localtime(registration.event.starts_at).strftime("%d.%m.%Y")
    assert f"{registration.event.title} am {event_day}" in page
    assert page.index("Konto und Mitgliedschaft") < page.index("Veranstaltungsanmeldungen")


@pytest.mark.parametrize("page", [*PAGES, "members:delete_account"])
def test_anonymous_visitors_are_sent_to_the_login(client, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_privacy_page_is_linked_from_my_area_and_the_privacy_statement(client_for, member):
    client = client_for(member)
    url = reverse("members:privacy")
    assert url in client.get(reverse("members:dashboard")).content.decode()
    assert url in client.get(reverse("privacy")).content.decode()
    page = client.get(url).content.decode()
    assert reverse("members:my_data_download") in page
    assert reverse("members:delete_account") in page


# Consents


def test_signing_up_records_the_consent_to_the_privacy_statement(client):
    assert sign_up(client).status_code == 302
    (consent,) = Consent.objects.filter(user__email="anna.schmidt@example.org")
    assert consent.kind == Consent.Kind.SIGNUP
    assert consent.text_version == PRIVACY_TEXT_VERSION
    assert consent.withdrawn_at is None


def test_a_refused_sign_up_records_no_consent(client):
    sign_up(client, privacy_consent="")
    assert not Consent.objects.exists()


def test_listing_in_the_directory_records_a_consent_and_leaving_withdraws_it(client_for, member):
    client = client_for(member)
    profile = {
        "first_name": member.first_name,
        "last_name": member.last_name,
        "preferred_language": "de",
    }
    client.post(reverse("members:profile"), {**profile, "listed_in_directory": "on"})
    (consent,) = Consent.objects.filter(user=member, kind=Consent.Kind.DIRECTORY)
    assert consent.text_version == DIRECTORY_TEXT_VERSION
    assert consent.withdrawn_at is None

    client.post(reverse("members:profile"), profile)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None

    client.post(reverse("members:profile"), {**profile, "listed_in_directory": "on"})
    assert Consent.objects.filter(user=member, kind=Consent.Kind.DIRECTORY).count() == 2
    page = client.get(reverse("members:privacy")).content.decode()
    assert "Eintrag im Mitgliederverzeichnis" in page


def test_saving_the_profile_again_keeps_the_same_consent(member):
    member.listed_in_directory = True
    services.record_directory_choice(user=member)
    services.record_directory_choice(user=member)
    assert Consent.objects.filter(user=member).count() == 1


def test_agreeing_to_a_new_version_supersedes_the_old_consent(member):
    old = services.record_consent(user=member, kind=Consent.Kind.SIGNUP, text_version="2020-01")
    new = services.record_consent(user=member, kind=Consent.Kind.SIGNUP, text_version="2026-11")
    old.refresh_from_db()
    assert old.withdrawn_at is not None
    assert new.withdrawn_at is None


# Deleting the account


def event_counts(event):
    return {
        status: Registration.objects.filter(event=event, status=status).count()
        for status in Registration.Status.values
    } | {"attended": Registration.objects.filter(event=event, attended=True).count()}


def test_deleting_keeps_event_counts_attendance_and_cohort_reports_right(mailoutbox):
    person, registration, application = person_with_history()
    Registration.objects.filter(pk=registration.pk).update(attended=True)
    cohort = CohortFactory(running=True, status=Cohort.Status.COMPLETED)
    graduate = ApplicationFactory(cohort=cohort, applicant=person, graduated=True)
    ReviewFactory(application=graduate, comment="Sehr engagiert in Riesa")
    Application.objects.filter(pk=application.pk).update(status=Application.Status.WITHDRAWN)
    counts_before = event_counts(registration.event)
    reports_before = [reports.cohort_report(c) for c in Cohort.objects.all()]

    services.delete_account(user=person)

    assert event_counts(registration.event) == counts_before
    assert [reports.cohort_report(c) for c in Cohort.objects.all()] == reports_before
    registration.refresh_from_db()
    assert registration.attended
    assert registration.note == ""
    graduate.refresh_from_db()
    assert graduate.is_graduate
    assert graduate.motivation == graduate.supervisor_email == graduate.employer_name == ""
    assert graduate.reviews.get().comment == ""


def test_deleting_removes_the_personal_data_and_the_login():
    person, registration, application = person_with_history()
    seat = WorkingGroupSeatFactory(delegate=person)
    services.record_consent(user=person, kind=Consent.Kind.DIRECTORY, text_version="1")
    Application.objects.filter(pk=application.pk).update(status=Application.Status.WITHDRAWN)
    old_email = person.email

    services.delete_account(user=person)

    person.refresh_from_db()
    assert person.get_full_name() == services.DELETED_NAME
    assert old_email not in person.email
    assert person.phone == person.function == ""
    assert not person.is_active
    assert not person.has_usable_password()
    assert not person.is_network_member
    assert not person.listed_in_directory
    assert not EmailAddress.objects.filter(email=old_email).exists()
    assert not person.consents.exists()
    assert person.membership_requests.get().message == ""
    seat.refresh_from_db()
    assert seat.delegate is None
    assert not User.objects.filter(email=old_email).exists()


def test_two_deleted_accounts_do_not_collide():
    first, second = MemberFactory(), MemberFactory()
    services.delete_account(user=first)
    services.delete_account(user=second)
    assert User.objects.filter(last_name=services.DELETED_NAME).count() == 2


def test_deleting_gives_up_places_at_upcoming_events_to_the_waiting_list(mailoutbox):
    event = EventFactory(capacity=1)
    person = MemberFactory()
    place = RegistrationFactory(user=person, event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)

    services.delete_account(user=person)

    place.refresh_from_db()
    waiting.refresh_from_db()
    assert place.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert [mail.to for mail in mailoutbox] == [[waiting.user.email], [person.email]]


def test_an_accepted_place_in_a_running_cohort_blocks_the_deletion():
    application = ApplicationFactory(cohort=CohortFactory(running=True), accepted=True)
    person = application.applicant
    with pytest.raises(services.AccountDeletionError, match="ASSKomm-Team"):
        services.delete_account(user=person)
    person.refresh_from_db()
    assert person.is_active


def test_an_open_application_blocks_the_deletion_until_it_is_withdrawn():
    application = ApplicationFactory()
    person = application.applicant
    (reason,) = services.deletion_blockers(user=person)
    assert "zurück" in str(reason)
    training_services.withdraw(application=application, by=person)
    assert services.deletion_blockers(user=person) == []
    services.delete_account(user=person)


def reauthenticate(client):
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def test_deleting_through_the_page_asks_for_the_password_again(
    client_for, member, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_for(member)
    url = reverse("members:delete_account")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))

    reauthenticate(client)
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "Dies kann nicht rückgängig gemacht werden" in confirmation.content.decode()

    old_email = member.email
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Ihr Konto wurde gelöscht." in response.content.decode()
    assert "_auth_user_id" not in client.session
    member.refresh_from_db()
    assert not member.is_active
    (mail,) = mailoutbox
    assert mail.to == [old_email]
    assert "gelöscht" in mail.subject
    assert (
        client.post(
            reverse("account_login"), {"login": old_email, "password": PASSWORD}
        ).status_code
        == 200
    )  # the form again: the login failed


def test_the_deletion_page_explains_a_blocker_and_deletes_nothing(client_for):
    application = ApplicationFactory(cohort=CohortFactory(running=True), accepted=True)
    person = application.applicant
    client = client_for(person)
    reauthenticate(client)
    page = client.get(reverse("members:delete_account")).content.decode()
    assert "wenden Sie sich zuerst an das ASSKomm-Team" in page
    client.post(reverse("members:delete_account"))
    person.refresh_from_db()
    assert person.is_active


def test_a_person_can_only_delete_their_own_account(client_for, member, other_member):
    client = client_for(member)
    reauthenticate(client)
    client.post(reverse("members:delete_account"), {"user": other_member.pk})
    other_member.refresh_from_db()
    assert other_member.is_active


def test_staff_read_consents_in_the_admin_but_cannot_change_them(client_for, staff, member):
    consent = services.record_consent(
        user=member, kind=Consent.Kind.SIGNUP, text_version=PRIVACY_TEXT_VERSION
    )
    client = client_for(staff)
    listed = client.get(reverse("admin:members_consent_changelist")).content.decode()
    assert member.get_full_name() in listed
    assert client.get(reverse("admin:members_consent_add")).status_code == 403
    client.post(reverse("admin:members_consent_delete", args=[consent.pk]), {"post": "yes"})
    assert Consent.objects.filter(pk=consent.pk).exists()


def test_a_person_has_one_current_consent_of_each_kind(member):
    Consent.objects.create(user=member, kind=Consent.Kind.SIGNUP, text_version="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(user=member, kind=Consent.Kind.SIGNUP, text_version="2")


@pytest.mark.parametrize("page", ["members:my_data", "members:my_data_download"])
def test_the_data_pages_are_not_kept_in_caches(client_for, member, page):
    response = client_for(member).get(reverse(page))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_deleting_removes_the_persons_second_factor(mailoutbox):
    from allauth.mfa.models import Authenticator

    from tests.helpers import enrol_in_two_factor

    person = MemberFactory()
    enrol_in_two_factor(person)
    assert Authenticator.objects.filter(user=person).exists()
    services.delete_account(user=person)
    assert not Authenticator.objects.filter(user=person).exists()


def test_the_export_holds_the_teams_ratings_of_an_application_but_not_who_rated():
    person, _registration, application = person_with_history()
    reviewer = MemberFactory(first_name="Bettina", last_name="Prüferin")
    ReviewFactory(application=application, reviewer=reviewer, rating=4, comment="Gute Idee")
    texts = json.dumps(services.personal_data_as_json(user=person), default=str, ensure_ascii=False)
    assert "Gute Idee" in texts
    assert "Prüferin" not in texts
