from django.urls import path

from asskomm.page_cache import public_page
from events import views

# The filters of the lists whose pages are cached; the text search is rendered afresh.
LIST_QUERY = ("kind", "region", "date_from", "date_to", "page")

app_name = "events"

urlpatterns = [
    path("", public_page(views.EventListView.as_view(), query=LIST_QUERY), name="list"),
    path(
        "archive/",
        public_page(views.EventListView.as_view(archive=True), query=LIST_QUERY),
        name="archive",
    ),
    path("public.ics", public_page(views.public_feed), name="public_feed"),
    path("feed/renew/", views.renew_feed, name="renew_feed"),
    path("feed/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("guest/confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("guest/cancel/<str:token>/", views.guest_cancel, name="guest_cancel"),
    path("<slug:slug>/", public_page(views.event_detail), name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/guest/", views.guest_register, name="guest_register"),
    path("<slug:slug>/ics", public_page(views.event_ics), name="ics"),
    path("<slug:slug>/documents/<int:document_id>/", views.document, name="document"),
    path("<slug:slug>/feedback/", views.feedback, name="feedback"),
    path("<slug:slug>/feedback/results/", views.feedback_results, name="feedback_results"),
    path("<slug:slug>/certificate.pdf", views.certificate, name="certificate"),
]
