import pytest

from members.models import MembershipRequest
from members.services import (
    MembershipError,
    approve_membership,
    decline_membership,
    request_membership,
)
from tests.factories import MembershipRequestFactory, MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_requesting_membership_records_it_and_confirms_by_email(
    applicant, mailoutbox, django_capture_on_commit_callbacks
):
    town = MunicipalityFactory(name="Zittau")
    with django_capture_on_commit_callbacks(execute=True):
        membership_request = request_membership(
            user=applicant, municipality=town, function="Präventionsbeauftragte"
        )
    assert membership_request.status == MembershipRequest.Status.PENDING
    assert [mail.to for mail in mailoutbox] == [[applicant.email]]
    assert "Zittau" in mailoutbox[0].body


def test_the_team_is_told_of_a_request_when_it_has_an_address(
    applicant, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.TEAM_EMAIL = "team@asskomm.example"
    with django_capture_on_commit_callbacks(execute=True):
        request_membership(user=applicant, organisation=OrganisationFactory(), function="Referent")
    assert ["team@asskomm.example"] in [mail.to for mail in mailoutbox]


def test_a_request_names_exactly_one_affiliation(applicant):
    with pytest.raises(MembershipError, match="^Bitte wählen Sie die Kommune oder die"):
        request_membership(user=applicant, function="Referent")
    with pytest.raises(MembershipError, match="nicht beides"):
        request_membership(
            user=applicant,
            function="Referent",
            municipality=MunicipalityFactory(),
            organisation=OrganisationFactory(),
        )
    assert not MembershipRequest.objects.exists()


def test_a_second_request_while_one_waits_is_refused(applicant):
    request_membership(user=applicant, municipality=MunicipalityFactory(), function="Referent")
    with pytest.raises(MembershipError, match="bereits|already"):
        request_membership(user=applicant, municipality=MunicipalityFactory(), function="Referent")
    assert MembershipRequest.objects.filter(user=applicant).count() == 1


def test_members_do_not_request_membership(member):
    with pytest.raises(MembershipError):
        request_membership(user=member, municipality=MunicipalityFactory(), function="Referent")


def test_approval_makes_a_member_with_the_named_affiliation_and_tells_them(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    membership_request = MembershipRequestFactory(function="Leiter Ordnungsamt")
    person = membership_request.user
    assert not person.is_network_member
    with django_capture_on_commit_callbacks(execute=True):
        approve_membership(membership_request=membership_request, decided_by=staff)
    person.refresh_from_db()
    person = type(person).objects.get(pk=person.pk)  # fresh permission cache
    assert person.is_network_member
    assert person.municipality == membership_request.municipality
    assert person.function == "Leiter Ordnungsamt"
    membership_request.refresh_from_db()
    assert membership_request.status == MembershipRequest.Status.APPROVED
    assert membership_request.decided_by == staff
    assert membership_request.decided_at is not None
    assert [mail.to for mail in mailoutbox] == [[person.email]]


def test_declining_tells_the_person_with_the_note_and_keeps_them_an_applicant(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    membership_request = MembershipRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        decline_membership(
            membership_request=membership_request,
            decided_by=staff,
            note="Bitte nutzen Sie Ihre dienstliche E-Mail-Adresse.",
        )
    membership_request.refresh_from_db()
    assert membership_request.status == MembershipRequest.Status.DECLINED
    assert (
        not type(membership_request.user)
        .objects.get(pk=membership_request.user_id)
        .is_network_member
    )
    assert len(mailoutbox) == 1
    assert "dienstliche E-Mail-Adresse" in mailoutbox[0].body


def test_a_decided_request_cannot_be_decided_again(staff, mailoutbox):
    membership_request = MembershipRequestFactory()
    decline_membership(membership_request=membership_request, decided_by=staff)
    with pytest.raises(MembershipError):
        approve_membership(membership_request=membership_request, decided_by=staff)
    membership_request.refresh_from_db()
    assert membership_request.status == MembershipRequest.Status.DECLINED


def test_emails_speak_the_recipients_language(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    german = MembershipRequestFactory()
    english = MembershipRequestFactory(user__preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        approve_membership(membership_request=german, decided_by=staff)
        approve_membership(membership_request=english, decided_by=staff)
    by_recipient = {mail.to[0]: mail for mail in mailoutbox}
    assert "Willkommen" in by_recipient[german.user.email].subject
    assert "Welcome" in by_recipient[english.user.email].subject
