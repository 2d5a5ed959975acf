from django.apps import AppConfig


class AsskommConfig(AppConfig):
    """The project package as an app, for the commands that span all apps
    (``seed_demo``) and the templates tags the base layout uses."""

    name = "asskomm"
    verbose_name = "ASSKomm"

    def ready(self):
        from asskomm import checks  # noqa: F401  (registers them)
