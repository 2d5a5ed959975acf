from django.contrib import admin
from django.urls import include, path

from asskomm import views
from library import views as library_views

handler500 = "asskomm.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("imprint/", views.legal_page, {"page": "imprint"}, name="imprint"),
    path("privacy/", views.legal_page, {"page": "privacy"}, name="privacy"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("training.urls")),
    path("", include("members.urls")),
    path("events/", include("events.urls")),
    path("library/", include("library.urls")),
    path("topics/<slug:slug>/", library_views.topic, name="topic"),
    path("projects/", include("projects.urls")),
    path("search/", include("search.urls")),
    path("exchange/", include("exchange.urls")),
    path("figures/", include("figures.urls")),
    path("working-group/", include("working_group.urls")),
    path("", include("news.urls")),
]
