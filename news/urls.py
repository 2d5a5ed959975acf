from django.urls import path

from news import views
from news.feeds import PublicNewsFeed

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/<int:pk>/", views.news_detail, name="detail"),
    path("news/feed.atom", PublicNewsFeed(), name="feed"),
    path("me/digest/", views.digest_settings, name="digest"),
    path("digest/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
