from django.apps import AppConfig
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
