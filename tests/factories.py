"""Factories: each test states only what matters to it."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from members import roles
from members.models import MembershipRequest, Municipality, Organisation, User, WorkingGroupSeat
from tests.helpers import enrol_in_two_factor


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Teststadt {n}")
    # Syntactically valid keys of towns in the Landkreis Mittelsachsen. They
    # repeat after 999, which only matters within one test's transaction.
    ags = factory.Sequence(lambda n: f"14522{n % 999 + 1:03d}")
    kind = Municipality.Kind.STADT


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Verein {n} e. V.")
    short_name = factory.Sequence(lambda n: f"V{n}")
    kind = Organisation.Kind.WELFARE


PASSWORD = "geheim-123-Passwort"


class UserFactory(factory.django.DjangoModelFactory):
    """An applicant: an account with a verified e-mail address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Sequence(lambda n: f"Vorname{n}")
    last_name = factory.Sequence(lambda n: f"Nachname{n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def two_factor(self, create, extracted, **kwargs):
        """Staff get an authenticator app, which the admin requires;
        ``two_factor=False`` for staff without one."""
        if create and (self.is_staff if extracted is None else extracted):
            enrol_in_two_factor(self)


class MemberFactory(UserFactory):
    """A network member affiliated with a municipality."""

    municipality = factory.SubFactory(MunicipalityFactory)
    function = "Präventionsbeauftragte"

    @factory.post_generation
    def member(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=roles.MEMBER_GROUP))


class StaffFactory(UserFactory):
    """A member of the ASSKomm team: staff in the admin, not a superuser."""

    is_staff = True

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=roles.TEAM_GROUP))


class MembershipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipRequest

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    function = "Sachbearbeiterin Ordnungsamt"


class WorkingGroupSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupSeat

    organisation = factory.SubFactory(OrganisationFactory)
    delegate = factory.SubFactory(MemberFactory)
