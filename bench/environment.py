"""Where the benchmark runs: its throwaway databases on the PostgreSQL
server of ``BENCH_DATABASE_URL``, and the production-like environment
every measured process gets (as ``.ci/production`` starts the portal:
debug off, a secret key, Redis as the cache, SMTP named, behind a TLS
proxy; persistent database connections)."""

import os
import platform
import secrets
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
TEMPLATE = "asskomm_bench_template"
PREFIX = "asskomm_bench_"
# A Redis database of its own, emptied between the steps.
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12")


def database_server():
    """The server part of BENCH_DATABASE_URL (a database name in it is ignored)."""
    parts = urlsplit(os.environ.get("BENCH_DATABASE_URL") or DEFAULT_SERVER)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def database_url(server, name):
    return f"{server}/{name}"


def database_name(scale):
    """``asskomm_bench_10x`` for 10, ``asskomm_bench_0_1x`` for 0.1."""
    return f"{PREFIX}{f'{scale:g}'.replace('.', '_')}x"


def recreate(server, name, template=None):
    """Drops the database ``name`` and creates it anew (from ``template``)."""
    if not name.startswith(PREFIX):
        raise ValueError(f"{name} is not one of the benchmark's databases")
    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if template:
            connection.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
        else:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def flush_cache():
    """Empties the benchmark's Redis database: a cache filled from another
    data set would answer for it."""
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()


def production(*, static_root):
    """The environment of every measured process."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "CACHE_URL": CACHE_URL,
            "EMAIL_URL": "smtp://127.0.0.1:1025",  # nothing listens: e-mails only queue
            "SITE_URL": "https://asskomm.example.org",
            "DJANGO_BEHIND_PROXY": "1",
            "DJANGO_CONN_MAX_AGE": "600",
            "DJANGO_LOG_LEVEL": "WARNING",
            "BENCH_STATIC_ROOT": str(static_root),
        }
    )
    return env


def machine():
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
