"""What news contribute to the home page and to /me/ (see asskomm.panels)."""

from asskomm.panels import Panel
from news.models import News
from news.services import subscription_of

HOME_NEWS_COUNT = 3
DASHBOARD_NEWS_COUNT = 5


def public_news(request):
    news = list(News.objects.public().current()[:HOME_NEWS_COUNT])
    if not news:
        return None

    return Panel("news/panels/home.html", {"news": news})


def current_news(request):

    return Panel(
        "news/panels/dashboard.html",
        {
            "news": list(News.objects.visible_to(request.user).current()[:DASHBOARD_NEWS_COUNT]),
            "digest_active": subscription_of(request.user).active,
        },
    )
