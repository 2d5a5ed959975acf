import pytest

from tests.factories import MemberFactory, MunicipalityFactory, WorkingGroupSeatFactory


@pytest.fixture
def working_group_member(db):
    return WorkingGroupSeatFactory().delegate


@pytest.fixture
def invited_town(db):
    return MunicipalityFactory(name="Zittau")


@pytest.fixture
def invited_member(invited_town):
    return MemberFactory(municipality=invited_town)
