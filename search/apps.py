from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from asskomm import panels
        from search import index, registry
        from search import panels as search_panels

        registry.discover()
        index.connect_receivers()
        panels.dashboard.register(search_panels.new_since_last_visit)
