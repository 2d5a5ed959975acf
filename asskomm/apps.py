from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AsskommConfig(AppConfig):
    """The project package as an app, for the commands that span all apps
    (``seed_demo``) and the templates tags the base layout uses."""

    name = "asskomm"
    verbose_name = "ASSKomm"


class AdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin`` with the portal's admin site (named in
    INSTALLED_APPS; not the default config of this package)."""

    default = False
    default_site = "asskomm.admin_site.AdminSite"
