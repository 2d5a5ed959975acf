from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AsskommConfig(AppConfig):
    """The project package as an app, for the commands that span all apps
    (``seed_demo``) and the templates tags the base layout uses."""

    name = "asskomm"
    verbose_name = "ASSKomm"


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (see ``asskomm.admin``)."""

    default = False  # AsskommConfig stays the config of "asskomm"
    default_site = "asskomm.admin.PortalAdminSite"
