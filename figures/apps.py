from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "figures"
    verbose_name = _("Figures")

    def ready(self):
        from asskomm import panels
        from figures import panels as figure_panels

        panels.dashboard.register(figure_panels.dashboard_link)
        panels.admin_links.register(figure_panels.admin_link)
