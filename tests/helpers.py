"""Helpers shared by the test modules."""

import threading

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection, connections
from django.urls import reverse

requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: concurrent transactions with row locks",
)


def run_concurrently(function, arguments):
    """Calls ``function(argument)`` for every argument at once, each in its
    own thread with its own database connection, all released together.
    Returns (results, errors) in the order of ``arguments``."""
    start = threading.Barrier(len(arguments))
    results = [None] * len(arguments)
    errors = [None] * len(arguments)

    def work(index, argument):
        try:
            start.wait()
            results[index] = function(argument)
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=work, args=(index, argument))
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, [error for error in errors if error is not None]


def enrol_in_two_factor(user, secret=None):
    """Gives ``user`` an active authenticator app (TOTP), as staff need one
    before the admin opens. Returns the secret, for ``totp_code()``."""
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret):
    """The code an authenticator app with ``secret`` shows right now."""
    from members.demo import current_totp_code

    return current_totp_code(secret)


def sign_up(client, **fields):
    """Signs up through the form, as Anna Schmidt unless ``fields`` say otherwise."""
    data = {
        "first_name": "Anna",
        "last_name": "Schmidt",
        "email": "anna.schmidt@example.org",
        "password1": "Kriminalpraevention-2026",
        "password2": "Kriminalpraevention-2026",
        "privacy_consent": "on",
        **fields,
    }
    return client.post(reverse("account_signup"), data)
