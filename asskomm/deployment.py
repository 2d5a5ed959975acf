"""Pieces of the production set-up that the settings and the logging
configuration use: they import nothing from the apps."""

import logging

# Caches each process keeps for itself: with several gunicorn workers every
# worker would count failed logins on its own.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


def postgresql_timeouts(*, connect: int, statement: int, options: str = "") -> dict:
    """libpq options that bound connecting (seconds) and every statement
    (seconds, given to the server as ``statement_timeout``); 0 means no
    limit. ``options`` already in DATABASE_URL are kept.

    They also switch off PostgreSQL's JIT compilation: the portal's queries
    are short, and the planner's cost estimate of a search with a condition
    per kind of record is high enough to compile it for seconds, many times
    longer than the query runs."""
    server_options = f"{options} -c statement_timeout={statement * 1000} -c jit=off".strip()
    return {"connect_timeout": connect, "options": server_options}


class NoTracebackFor403(logging.Filter):
    """A 403 (a page refused, a CSRF check failed) is the portal working as
    meant: it stays a one-line warning instead of a traceback in the log."""

    def filter(self, record):
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
