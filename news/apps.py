from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from asskomm import panels
        from news import panels as news_panels

        panels.home.register(news_panels.public_news)
        panels.dashboard.register(news_panels.current_news)
