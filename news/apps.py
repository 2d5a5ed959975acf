from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from asskomm import panels
        from members.privacy import register_personal_data
        from news import panels as news_panels
        from news import personal_data

        register_personal_data(personal_data.SECTION)
        panels.home.register(news_panels.public_news)
        panels.dashboard.register(news_panels.current_news)
