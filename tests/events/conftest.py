import pytest

from events.models import RegionalCoordination
from events.roles import coordinator_group
from tests.factories import MemberFactory, MunicipalityFactory, UserFactory, WorkingGroupSeatFactory


@pytest.fixture
def working_group_member(db):
    return WorkingGroupSeatFactory().delegate


@pytest.fixture
def invited_town(db):
    return MunicipalityFactory(name="Zittau")


@pytest.fixture
def invited_member(invited_town):
    return MemberFactory(municipality=invited_town)


@pytest.fixture
def coordinator(db):
    """Staff who coordinates the region Dresden."""
    person = UserFactory(is_staff=True)
    person.groups.add(coordinator_group())
    RegionalCoordination.objects.create(user=person, region="dresden")
    return person
