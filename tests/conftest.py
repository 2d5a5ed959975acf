import os

import pytest
from django.core.cache import caches
from django.db import connection

from tests.factories import MemberFactory, StaffFactory, UserFactory


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture(scope="session", autouse=True)
def expected_database(django_db_setup, django_db_blocker):
    """CI states the database it means to test; a run that quietly fell
    back to SQLite would prove nothing about PostgreSQL."""
    expected = os.environ.get("ASSKOMM_EXPECT_DATABASE")
    if expected and connection.vendor != expected:
        pytest.exit(
            f"ASSKOMM_EXPECT_DATABASE={expected}, but the tests run on {connection.vendor}. "
            "Is DATABASE_URL set?",
            returncode=3,
        )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded files go to a fresh directory for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """allauth's rate limits count in the cache, public pages are kept in
    another (asskomm/page_cache.py); each test starts afresh. A test runs in
    one process, so memory caches serve it (and need no database);
    tests/test_workers.py proves the shared cache across processes."""
    memory = "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {
        "default": {"BACKEND": memory},
        "pages": {"BACKEND": memory, "LOCATION": "pages"},
        "free_text_pages": {"BACKEND": memory, "LOCATION": "free-text-pages"},
    }
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()


@pytest.fixture
def applicant(db):
    return UserFactory()


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def other_member(db):
    return MemberFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def coordinator(db):
    """Staff who coordinates the region Dresden."""
    from events.models import RegionalCoordination
    from events.roles import coordinator_group

    person = UserFactory(is_staff=True)
    person.groups.add(coordinator_group())
    RegionalCoordination.objects.create(user=person, region="dresden")
    return person


@pytest.fixture
def client_for(client):
    """``client_for(user)`` logs ``user`` in (or nobody, for None)."""

    def log_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return log_in
