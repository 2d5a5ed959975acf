from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.backends.signals import connection_created

from asskomm import collation


class AsskommConfig(AppConfig):
    """The project package as an app, for the commands that span all apps
    (``seed_demo``), the templates tags the base layout uses and the German
    collation on SQLite connections."""

    name = "asskomm"
    verbose_name = "ASSKomm"

    def ready(self):
        from asskomm import checks  # noqa: F401  (registers them)

        connection_created.connect(
            collation.register_on_sqlite, dispatch_uid="asskomm_german_collation"
        )


class AdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the portal's admin site (named in
    INSTALLED_APPS; not the default config of this package)."""

    default = False
    default_site = "asskomm.admin_site.AdminSite"
