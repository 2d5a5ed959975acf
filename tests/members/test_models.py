from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import MembershipRequest, Municipality, Region, User, WorkingGroupSeat
from tests.factories import (
    MemberFactory,
    MembershipRequestFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
    WorkingGroupSeatFactory,
)

pytestmark = pytest.mark.django_db


def municipality(**fields):
    return Municipality(
        **{"name": "Görlitz", "ags": "14626110", "kind": "grosse_kreisstadt", **fields}
    )


class TestAgs:
    def test_a_valid_saxon_key_passes(self):
        municipality().full_clean()

    @pytest.mark.parametrize("ags", ["1462611", "146261100", "14626ll0", "", "14 626 110"])
    def test_a_key_that_is_not_eight_digits_is_refused(self, ags):
        with pytest.raises(ValidationError) as error:
            municipality(ags=ags).full_clean()
        assert "ags" in error.value.message_dict

    def test_a_key_outside_saxony_is_refused_with_a_german_message(self):
        with pytest.raises(ValidationError) as error:
            municipality(ags="09162000").full_clean()  # München
        assert error.value.message_dict["ags"] == [
            "09162000 ist kein Schlüssel einer sächsischen Kommune: "
            "Schlüssel in Sachsen beginnen mit 14."
        ]

    def test_a_key_naming_no_saxon_kreis_is_refused(self):
        with pytest.raises(ValidationError) as error:
            municipality(ags="14999010").full_clean()
        assert "ags" in error.value.message_dict

    def test_the_database_refuses_a_key_outside_saxony_too(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Municipality.objects.create(name="München", ags="09162000", kind="kreisfreie_stadt")

    def test_the_key_is_unique(self):
        MunicipalityFactory(ags="14626110")
        with pytest.raises(ValidationError) as error:
            municipality(ags="14626110").full_clean()
        assert "ags" in error.value.message_dict


class TestDerivedFromAgs:
    @pytest.mark.parametrize(
        ("ags", "region"),
        [
            ("14511000", Region.CHEMNITZ),
            ("14523320", Region.CHEMNITZ),
            ("14612000", Region.DRESDEN),
            ("14626110", Region.DRESDEN),
            ("14713000", Region.LEIPZIG),
            ("14730070", Region.LEIPZIG),
        ],
    )
    def test_region_is_read_off_the_key(self, ags, region):
        MunicipalityFactory(ags=ags, kind="stadt" if not ags.endswith("000") else "landkreis")
        assert Municipality.objects.get(ags=ags).region == region

    def test_region_follows_a_corrected_key(self):
        town = MunicipalityFactory(ags="14626110")
        town.ags = "14730070"
        town.save()
        town.refresh_from_db()
        assert town.region == Region.LEIPZIG
        assert town.kreis_key == "14730"

    def test_a_town_knows_its_landkreis(self):
        landkreis = MunicipalityFactory(ags="14626000", name="Landkreis Görlitz", kind="landkreis")
        town = MunicipalityFactory(ags="14626110", name="Görlitz")
        assert town.kreis_name == "Landkreis Görlitz"
        assert town.landkreis == landkreis
        assert landkreis.landkreis is None
        assert list(Municipality.objects.in_kreis("14626")) == [town]

    def test_the_kind_must_match_a_kreis_key(self):
        with pytest.raises(ValidationError) as error:
            municipality(ags="14626000", kind="stadt").full_clean()
        assert "kind" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            municipality(ags="14626110", kind="landkreis").full_clean()
        assert "kind" in error.value.message_dict
        with pytest.raises(ValidationError):
            municipality(ags="14612000", kind="landkreis").full_clean()  # Dresden is kreisfrei
        municipality(ags="14612000", name="Dresden", kind="kreisfreie_stadt").full_clean()

    def test_a_security_analysis_in_the_future_is_refused(self):
        with pytest.raises(ValidationError) as error:
            municipality(security_analysis_year=2999).full_clean()
        assert "security_analysis_year" in error.value.message_dict


class TestAffiliation:
    def test_a_person_cannot_belong_to_a_municipality_and_an_organisation(self):
        user = UserFactory()
        user.municipality = MunicipalityFactory()
        user.organisation = OrganisationFactory()
        with pytest.raises(ValidationError):
            user.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            user.save()

    def test_a_membership_request_names_exactly_one_affiliation(self):
        user = UserFactory()
        neither = MembershipRequest(user=user, function="Referentin")
        with pytest.raises(ValidationError) as refused:
            neither.full_clean()
        # It says what to choose, and nothing about "not both".
        assert refused.value.message_dict == {
            "municipality": [
                "Bitte wählen Sie die Kommune oder die Organisation, für die Sie tätig sind."
            ]
        }
        both = MembershipRequest(
            user=user,
            function="Referentin",
            municipality=MunicipalityFactory(),
            organisation=OrganisationFactory(),
        )
        with pytest.raises(ValidationError, match="nicht beides"):
            both.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            both.save()

    def test_only_one_request_per_person_waits_at_a_time(self):
        pending = MembershipRequestFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            MembershipRequestFactory(user=pending.user)
        pending.status = MembershipRequest.Status.DECLINED
        pending.save()
        MembershipRequestFactory(user=pending.user)  # a new request after a decision


class TestUser:
    def test_email_is_the_login_and_is_stored_in_lower_case(self):
        user = User.objects.create_user("Anna.Schmidt@Example.ORG", "geheim-123-Passwort")
        assert user.email == "anna.schmidt@example.org"
        assert User.USERNAME_FIELD == "email"

    def test_email_is_unique_regardless_of_case(self):
        UserFactory(email="anna@example.org")
        with pytest.raises(IntegrityError), transaction.atomic():
            User.objects.create(email="ANNA@example.org")  # bypasses the manager's lower()

    def test_full_name_includes_the_title(self):
        assert UserFactory(title="Dr.", first_name="Anna", last_name="Schmidt").get_full_name() == (
            "Dr. Anna Schmidt"
        )

    def test_a_new_account_is_an_applicant_not_a_member(self):
        user = UserFactory()
        assert not user.is_network_member
        assert user not in User.objects.network_members()

    def test_members_are_found_by_their_permission(self, member, staff):
        applicant = UserFactory()
        superuser = UserFactory(is_superuser=True, is_staff=True)
        inactive = MemberFactory(is_active=False)
        members = set(User.objects.network_members())
        assert {member, staff, superuser} <= members
        assert applicant not in members
        assert inactive not in members
        for person in (member, staff, superuser):
            assert User.objects.get(pk=person.pk).is_network_member
        assert not User.objects.get(pk=inactive.pk).is_network_member


class TestWorkingGroup:
    def test_membership_is_derived_from_the_seats(self, member, other_member):
        seat = WorkingGroupSeatFactory(delegate=member, deputy=None)
        assert member.is_working_group_member
        assert not other_member.is_working_group_member
        seat.deputy = other_member
        seat.save()
        assert set(User.objects.working_group()) == {member, other_member}
        seat.delete()
        assert not User.objects.working_group().exists()

    def test_a_seat_is_held_by_a_municipality_or_an_organisation(self):
        seat = WorkingGroupSeat(
            municipality=MunicipalityFactory(), organisation=OrganisationFactory()
        )
        with pytest.raises(ValidationError):
            seat.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            seat.save()

    def test_one_seat_per_holder(self):
        seat = WorkingGroupSeatFactory()
        with pytest.raises(ValidationError):
            WorkingGroupSeat(organisation=seat.organisation).full_clean()

    def test_delegate_and_deputy_are_two_members(self, member, applicant):
        same = WorkingGroupSeat(organisation=OrganisationFactory(), delegate=member, deputy=member)
        with pytest.raises(ValidationError):
            same.full_clean()
        not_a_member = WorkingGroupSeat(organisation=OrganisationFactory(), delegate=applicant)
        with pytest.raises(ValidationError) as error:
            not_a_member.full_clean()
        assert "delegate" in error.value.message_dict


def test_the_network_is_the_municipalities_with_a_membership_date_or_members():
    dated = MunicipalityFactory(member_since=date(2019, 5, 1))
    with_member = MemberFactory().municipality
    MunicipalityFactory()  # nobody
    UserFactory(municipality=MunicipalityFactory())  # an applicant, not a member
    MemberFactory(municipality=MunicipalityFactory(), is_active=False)
    assert set(Municipality.objects.in_network()) == {dated, with_member}


class TestPrivileges:
    def test_only_superusers_change_superusers(self, staff, member):
        root = User.objects.create_superuser("root@example.org", "geheim-123-Passwort")
        other_root = User.objects.create_superuser("root2@example.org", "geheim-123-Passwort")
        assert not root.may_be_changed_by(staff)
        assert root.may_be_changed_by(other_root)
        assert member.may_be_changed_by(staff)
        assert staff.may_be_changed_by(root)


class TestNamedFor:
    """How a person may be shown: by name only as their listing choice allows."""

    def test_members_see_listed_people_and_themselves(self, member, applicant, staff):
        listed = MemberFactory(listed_in_directory=True)
        unlisted = MemberFactory()
        named = set(User.objects.named_for(member))
        assert listed in named and member in named
        assert unlisted not in named
        assert set(User.objects.named_for(applicant)) == {applicant}
        assert {listed, unlisted, member} <= set(User.objects.named_for(staff))

    def test_nobody_is_named_to_anonymous_visitors(self, member):
        from django.contrib.auth.models import AnonymousUser

        MemberFactory(listed_in_directory=True)
        assert not User.objects.named_for(AnonymousUser()).exists()

    def test_a_seat_knows_which_of_its_people_may_be_named(self, member):
        seat = WorkingGroupSeatFactory(
            delegate=MemberFactory(listed_in_directory=True), deputy=MemberFactory()
        )
        seat = WorkingGroupSeat.objects.with_names_for(member).get(pk=seat.pk)
        assert seat.delegate_named and not seat.deputy_named
