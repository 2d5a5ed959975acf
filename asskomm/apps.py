from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.core.management import call_command
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

from asskomm import collation


def create_cache_table(sender, using, **kwargs):
    """The database cache's table comes with `migrate`, so a fresh
    `make run`, a test database and a production deployment all have it.
    `createcachetable` creates it only when the cache is the database one
    and leaves an existing table alone. (The signal comes once per app with
    models, and it runs for every app: a quick look each time.)"""
    call_command("createcachetable", database=using, verbosity=0)


class AsskommConfig(AppConfig):
    """The project package as an app, for the commands that span all apps
    (``seed_demo``), the templates tags the base layout uses and the German
    collation on SQLite connections."""

    name = "asskomm"
    verbose_name = "ASSKomm"

    def ready(self):
        from asskomm import checks, page_cache  # noqa: F401  (checks registers them)
        from asskomm.middleware import SessionIdleMiddleware

        connection_created.connect(
            collation.register_on_sqlite, dispatch_uid="asskomm_german_collation"
        )
        user_logged_in.connect(
            SessionIdleMiddleware.stamp_at_login, dispatch_uid="asskomm_session_stamp"
        )
        post_migrate.connect(create_cache_table, dispatch_uid="asskomm_create_cache_table")
        # Any change to the records public pages show makes the cached pages stale.
        page_cache.connect_signals()


class AdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the portal's admin site (named in
    INSTALLED_APPS; not the default config of this package)."""

    default = False
    default_site = "asskomm.admin_site.AdminSite"
