import pytest

from tests.factories import MemberFactory
from tests.projects.factories import SecurityAnalysisFactory


@pytest.fixture
def analysis(member):
    """An analysis of ``member``'s municipality, not shared."""
    return SecurityAnalysisFactory(municipality=member.municipality)


@pytest.fixture
def colleague(member):
    """Another member of the same municipality."""
    return MemberFactory(municipality=member.municipality)
