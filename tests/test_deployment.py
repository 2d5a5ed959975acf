"""The production set-up: settings that refuse to start, the shared cache,
timeouts, security headers, logging, passwords and sessions."""

import logging
import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from allauth.core.internal.ratelimit import get_ip
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import OperationalError, connection
from django.db.backends.postgresql.base import DatabaseWrapper
from django.test import Client, RequestFactory, override_settings
from django.urls import path, reverse
from django.utils import timezone

import asskomm.settings as project_settings
from asskomm import urls as portal_urls
from asskomm.deployment import postgresql_timeouts
from tests.factories import UserFactory
from tests.helpers import requires_postgresql

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Kriminalpraevention-2026"
TOO_MANY = "Zu viele fehlgeschlagene Anmeldeversuche"

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x" * 60 + "-not-a-real-key-but-long-and-random-enough",
    "DJANGO_ALLOWED_HOSTS": "asskomm.example.org",
    "SITE_URL": "https://asskomm.example.org",
    "EMAIL_URL": "smtp+tls://portal:secret@mail.example.org:587",
    "DJANGO_ADMINS": "it@example.org",
}


def manage(*arguments, **environ):
    """Runs manage.py in a fresh process with only the given settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("EMAIL_URL", "CACHE_URL")
    }
    env.update(environ)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


# Settings that refuse to start ------------------------------------------------


def test_the_documented_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("name", "value", "complaint"),
    [
        ("DJANGO_SECRET_KEY", "", "DJANGO_SECRET_KEY"),
        ("EMAIL_URL", "", "EMAIL_URL"),
        ("EMAIL_URL", "consolemail://", "EMAIL_URL"),
        ("CACHE_URL", "locmemcache://", "CACHE_URL"),
    ],
)
def test_production_refuses_to_start_without_what_it_needs(name, value, complaint):
    environ = {**PRODUCTION, name: value}
    if not value:
        del environ[name]
    result = manage("check", **environ)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_the_shared_cache_is_the_database_unless_redis_is_named():
    show = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    database = manage("shell", "-v", "0", "-c", show, **PRODUCTION)
    redis = manage(
        "shell", "-v", "0", "-c", show, **PRODUCTION, CACHE_URL="redis://127.0.0.1:6379/3"
    )
    assert database.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
    assert redis.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_migrate_creates_the_table_of_the_database_cache(settings):

    settings.CACHES = {"default": {**project_settings.CACHES["default"]}}
    assert settings.CACHES["default"]["LOCATION"] == "asskomm_cache"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE asskomm_cache")
    call_command("migrate", verbosity=0)
    assert "asskomm_cache" in connection.introspection.table_names()


def test_behind_a_proxy_allauth_takes_the_visitors_address_from_the_proxy():
    show = (
        "from django.conf import settings; "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.SECURE_PROXY_SSL_HEADER)"
    )
    result = manage("shell", "-v", "0", "-c", show, **PRODUCTION, DJANGO_BEHIND_PROXY="1")
    assert result.stdout.strip() == "1 ('HTTP_X_FORWARDED_PROTO', 'https')"


# /healthz ----------------------------------------------------------------------


def test_healthz_reports_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_answers_503_fast_when_redis_does_not_answer(client):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    with override_settings(CACHES={"default": redis}):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "down"}


def test_healthz_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = project_settings.SECURE_REDIRECT_EXEMPT
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


# A database that hangs --------------------------------------------------------


def test_connecting_to_a_database_that_never_answers_fails_within_the_timeout():

    with socket.socket() as silent:  # accepts connections, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        wrapper = DatabaseWrapper(
            {
                **project_settings.DATABASES["default"],
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "asskomm",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": port,
                "OPTIONS": postgresql_timeouts(connect=1, statement=10),
                "TIME_ZONE": None,
                "CONN_MAX_AGE": 0,
                "CONN_HEALTH_CHECKS": False,
                "AUTOCOMMIT": True,
            }
        )
        started = timezone.now()
        with pytest.raises(OperationalError):
            wrapper.ensure_connection()
    assert timezone.now() - started < timedelta(seconds=5)


@requires_postgresql
def test_a_statement_over_the_time_limit_is_cancelled():

    wrapper = DatabaseWrapper(
        {
            **connection.settings_dict,
            "OPTIONS": postgresql_timeouts(connect=5, statement=1),
        }
    )
    started = timezone.now()
    with pytest.raises(OperationalError), wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(5)")
    wrapper.close()
    assert timezone.now() - started < timedelta(seconds=4)


def database_gone(request):
    raise OperationalError("canceling statement due to statement timeout")


def refused(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("kaputt")


handler500 = portal_urls.handler500
urlpatterns = [
    path("database-gone/", database_gone),
    path("kaputt/", broken),
    path("refused/", refused),
    *portal_urls.urlpatterns,
]


@pytest.mark.urls("tests.test_deployment")
def test_a_database_that_does_not_answer_gets_the_styled_503(client):
    client.raise_request_exception = False
    response = client.get("/database-gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    content = response.content.decode()
    assert "Vorübergehend nicht erreichbar" in content
    assert "statement timeout" not in content


@pytest.mark.urls("tests.test_deployment")
def test_the_500_page_says_the_team_was_told_only_when_it_was(client, settings):
    client.raise_request_exception = False
    settings.ADMINS = []
    assert "wurde informiert" not in client.get("/kaputt/").content.decode()
    settings.ADMINS = [("ASSKomm", "it@example.org")]
    assert "wurde informiert" in client.get("/kaputt/").content.decode()


# Headers, CSRF, logging ---------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/events/", "/accounts/password/reset/"])
def test_pages_carry_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "form-action 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_form_without_its_security_token_gets_the_german_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Das Formular konnte nicht gesendet werden" in content
    assert 'class="skip-link"' in content


@pytest.mark.urls("tests.test_deployment")
def test_an_expected_403_is_logged_in_one_line_without_a_traceback(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/refused/")
    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


# Passwords and sessions -------------------------------------------------------


def test_new_passwords_are_hashed_with_argon2_and_old_hashes_upgraded(client, settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = UserFactory(email="anna@example.org")
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "salt1234salt")
    user.save()
    response = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2")


def test_a_session_ends_after_two_hours_without_a_request(client_for, member, settings):
    settings.SESSION_COOKIE_AGE = project_settings.SESSION_COOKIE_AGE
    dashboard = reverse("members:dashboard")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = client_for(member)
        for _ in range(3):  # active for five hours: still signed in
            traveller.shift(timedelta(minutes=100))
            assert client.get(dashboard).status_code == 200
        traveller.shift(timedelta(minutes=121))
        assert client.get(dashboard).status_code == 302


# Login limits -----------------------------------------------------------------


def log_in(client, email, password, address="127.0.0.1", **headers):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_the_account_is_refused_after_five_failures_even_with_the_right_password(client):
    UserFactory(email="anna@example.org", password=PASSWORD)
    for _ in range(5):
        response = log_in(client, "anna@example.org", "falsch")
        assert TOO_MANY not in response.content.decode()
    response = log_in(client, "anna@example.org", PASSWORD)
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()


def test_bogus_logins_through_one_proxy_do_not_lock_out_everybody(client):
    """Thirty wrong passwords a minute for other accounts, all from the
    proxy's address, and a member behind the same proxy still gets in."""
    UserFactory(email="anna@example.org", password=PASSWORD)
    for number in range(30):
        log_in(Client(), f"nobody{number}@example.org", "falsch", address="10.0.0.1")
    response = log_in(client, "anna@example.org", PASSWORD, address="10.0.0.1")
    assert response.status_code == 302


def test_behind_a_proxy_the_limit_counts_the_visitors_address(client, settings):

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().post(
        "/accounts/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert get_ip(request) == "203.0.113.7"


def test_a_session_in_use_is_saved_every_few_minutes_not_on_every_request(client_for, member):

    dashboard = reverse("members:dashboard")
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = client_for(member)
        client.get(dashboard)
        ends = Session.objects.get().expire_date
        traveller.shift(timedelta(minutes=1))
        client.get(dashboard)
        assert Session.objects.get().expire_date == ends
        traveller.shift(timedelta(minutes=5))
        client.get(dashboard)
        assert Session.objects.get().expire_date == ends + timedelta(minutes=6)
