from django.contrib import admin
from django.urls import include, path

from asskomm import views
from asskomm.page_cache import public_page
from library import views as library_views

handler500 = "asskomm.views.server_error"

urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("imprint/", public_page(views.legal_page), {"page": "imprint"}, name="imprint"),
    path("privacy/", public_page(views.legal_page), {"page": "privacy"}, name="privacy"),
    path("contact/", public_page(views.contact), name="contact"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("training.urls")),
    path("", include("members.urls")),
    path("events/", include("events.urls")),
    path("library/", include("library.urls")),
    path("topics/<slug:slug>/", public_page(library_views.topic), name="topic"),
    path("projects/", include("projects.urls")),
    path("search/", include("search.urls")),
    path("exchange/", include("exchange.urls")),
    path("figures/", include("figures.urls")),
    path("working-group/", include("working_group.urls")),
    path("", include("news.urls")),
    path("", include("accessibility.urls")),
]
