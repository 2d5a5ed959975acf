from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    """The accessibility statement (Erklärung zur Barrierefreiheit), its
    feedback mechanism – reports of barriers, which the team answers – and
    the page in Leichte Sprache."""

    name = "accessibility"
    verbose_name = _("Accessibility")

    def ready(self):
        from accessibility import personal_data
        from members.privacy import register_personal_data

        register_personal_data(personal_data.SECTION)
