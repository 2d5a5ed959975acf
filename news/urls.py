from django.urls import path

from asskomm.page_cache import public_page
from news import views
from news.feeds import PublicNewsFeed

app_name = "news"

urlpatterns = [
    path("news/", public_page(views.news_list, query=("page",)), name="list"),
    path("news/<int:pk>/", public_page(views.news_detail), name="detail"),
    path("news/feed.atom", public_page(PublicNewsFeed()), name="feed"),
    path("me/digest/", views.digest_settings, name="digest"),
    path("digest/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
