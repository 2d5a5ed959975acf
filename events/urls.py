from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("archive/", views.EventListView.as_view(archive=True), name="archive"),
    path("public.ics", views.public_feed, name="public_feed"),
    path("feed/renew/", views.renew_feed, name="renew_feed"),
    path("feed/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("guest/confirm/<str:token>/", views.guest_confirm, name="guest_confirm"),
    path("guest/cancel/<str:token>/", views.guest_cancel, name="guest_cancel"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/guest/", views.guest_register, name="guest_register"),
    path("<slug:slug>/ics", views.event_ics, name="ics"),
    path("<slug:slug>/documents/<int:document_id>/", views.document, name="document"),
    path("<slug:slug>/feedback/", views.feedback, name="feedback"),
    path("<slug:slug>/feedback/results/", views.feedback_results, name="feedback_results"),
    path("<slug:slug>/certificate.pdf", views.certificate, name="certificate"),
]
