"""The production settings that make the portal fast: persistent database
connections, the cached template loader, compressed static files with
long-lived names, and a page cache of its own (asskomm/page_cache.py)."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

import asskomm.settings as project_settings
from tests.test_deployment import PRODUCTION, manage

pytestmark = pytest.mark.django_db

SHOW = (
    "import json; from django.conf import settings; from django.template import engines; "
    "print(json.dumps({"
    "'conn_max_age': settings.DATABASES['default']['CONN_MAX_AGE'], "
    "'health_checks': settings.DATABASES['default']['CONN_HEALTH_CHECKS'], "
    "'loaders': [loader[0] for loader in engines['django'].engine.loaders], "
    "'static': settings.STORAGES['staticfiles']['BACKEND'], "
    "'pages': settings.CACHES['pages'], "
    "'seconds': settings.ASSKOMM_PAGE_CACHE_SECONDS, "
    "'personal_seconds': settings.ASSKOMM_PERSONAL_PAGE_CACHE_SECONDS, "
    "'sessions': settings.SESSION_ENGINE}))"
)
POSTGRES = "postgres://portal@db.example.org:5432/asskomm"


def production_settings(**environ):
    result = manage("shell", "-v", "0", "-c", SHOW, **{**PRODUCTION, **environ})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_keeps_connections_caches_templates_and_compresses_static_files():
    found = production_settings(DATABASE_URL=POSTGRES)
    assert found["conn_max_age"] == 60
    assert found["health_checks"] is True
    assert found["loaders"] == ["django.template.loaders.cached.Loader"]
    assert found["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert found["seconds"] == 300
    assert found["personal_seconds"] == 60
    assert found["sessions"] == "django.contrib.sessions.backends.db"
    assert found["pages"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert found["pages"]["LOCATION"] == "asskomm_page_cache"  # apart from the login limits


def test_development_opens_a_connection_per_request():
    found = production_settings(DATABASE_URL=POSTGRES, DJANGO_DEBUG="1")
    assert found["conn_max_age"] == 0


def test_pages_live_in_the_redis_of_cache_url_unless_page_cache_url_names_another():
    found = production_settings(CACHE_URL="redis://127.0.0.1:6379/3")
    assert found["pages"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["pages"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    # Sessions are read from Redis, too (and kept in the database).
    assert found["sessions"] == "django.contrib.sessions.backends.cached_db"
    found = production_settings(
        CACHE_URL="redis://127.0.0.1:6379/3", PAGE_CACHE_URL="redis://127.0.0.1:6380/0"
    )
    assert found["pages"]["LOCATION"] == "redis://127.0.0.1:6380/0"


def test_production_refuses_a_page_cache_each_worker_keeps_for_itself():
    refused = manage("check", **PRODUCTION, PAGE_CACHE_URL="locmemcache://")
    assert refused.returncode != 0
    assert "PAGE_CACHE_URL" in refused.stderr
    switched_off = manage(
        "check", **PRODUCTION, PAGE_CACHE_URL="locmemcache://", ASSKOMM_PAGE_CACHE_SECONDS="0"
    )
    assert switched_off.returncode == 0, switched_off.stderr


def test_migrate_creates_the_table_of_the_page_cache(settings):
    settings.CACHES = {**settings.CACHES, "pages": {**project_settings.CACHES["pages"]}}
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE asskomm_page_cache")
    call_command("migrate", verbosity=0)
    assert "asskomm_page_cache" in connection.introspection.table_names()
