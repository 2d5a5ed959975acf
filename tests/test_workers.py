"""Login limits hold across worker processes: two gunicorn servers share
the test database and its cache table, as the workers of a production
deployment share the database (or Redis) cache."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Kriminalpraevention-2026"
TOO_MANY = "Zu viele fehlgeschlagene Anmeldeversuche"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: worker processes share the test database "
        "(SQLite's test database lives in the memory of the test process)",
    ),
    pytest.mark.django_db(transaction=True),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(settings_dict):
    user = urllib.parse.quote(settings_dict["USER"] or "")
    password = settings_dict["PASSWORD"]
    credentials = f"{user}:{urllib.parse.quote(password)}" if password else user
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def two_workers(tmp_path):
    """Two gunicorn servers of one worker each, on their own ports."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM asskomm_cache")
    env = {key: value for key, value in os.environ.items() if key != "CACHE_URL"}
    env.update(DJANGO_DEBUG="1", DATABASE_URL=database_url(connection.settings_dict))
    servers = []
    for number in range(2):
        port = free_port()
        log = (tmp_path / f"worker{number}.log").open("w")
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "asskomm.wsgi", "--workers", "1"]
            + ["--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        servers.append((process, f"http://127.0.0.1:{port}", log))
    try:
        for _process, base, _log in servers:
            wait_until_up(base)
        yield [base for _process, base, _log in servers]
    finally:
        for process, _base, log in servers:
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
            process.wait(timeout=20)
            log.close()


def wait_until_up(base):
    """gunicorn listens at once and answers when its worker has loaded the
    portal, which on a busy machine takes a while."""
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=15) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # refused, timed out, or a 503 while it starts
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


class Browser:
    """Keeps cookies like a browser; does not follow redirects."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self.NoRedirects
        )

    def open(self, url, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(url, body, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def log_in(self, base, email, password):
        _status, page = self.open(f"{base}/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.open(
            f"{base}/accounts/login/",
            {"csrfmiddlewaretoken": token, "login": email, "password": password},
        )


def account(email):
    hasher = Argon2PasswordHasher()
    user = UserFactory(email=email, verified=False)
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_the_sixth_failed_login_is_refused_whichever_worker_answers(two_workers):
    first, second = two_workers
    account("anna@example.org")
    account("bert@example.org")
    for attempt in range(5):  # first, second, first, second, first
        status, page = Browser().log_in(two_workers[attempt % 2], "anna@example.org", "falsch")
        assert status == 200
        assert TOO_MANY not in page, f"attempt {attempt + 1} was refused"

    for base in (second, first):  # even with the right password
        status, page = Browser().log_in(base, "anna@example.org", PASSWORD)
        assert status == 200
        assert TOO_MANY in page

    # The account decides, not the address all these attempts came from.
    status, _page = Browser().log_in(second, "bert@example.org", PASSWORD)
    assert status == 302
