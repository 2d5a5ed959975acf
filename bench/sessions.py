"""Logged-in sessions made directly in the session store, as a login
would leave them: the load generator sends their key as its cookie."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from asskomm.middleware import SessionIdleMiddleware

BACKEND = "django.contrib.auth.backends.ModelBackend"


def session_for(user):
    """The key of a new session in which ``user`` is logged in."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # Refreshed just now: the next requests need not save it again.
    session[SessionIdleMiddleware.KEY] = int(time.time())
    session.save()
    return session.session_key
