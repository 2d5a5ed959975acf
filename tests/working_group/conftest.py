import pytest

from tests.factories import MemberFactory, WorkingGroupSeatFactory


@pytest.fixture
def seat(db):
    """A seat with a delegate and a deputy, neither listed in the directory."""
    return WorkingGroupSeatFactory(deputy=MemberFactory())


@pytest.fixture
def working_group_member(seat):
    """The seat's delegate."""
    return seat.delegate


@pytest.fixture
def other_working_group_member(db):
    """Sits in the working group on another seat."""
    return WorkingGroupSeatFactory().delegate
