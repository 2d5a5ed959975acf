from django.urls import path

from asskomm.page_cache import personal_page, public_page
from training import views

app_name = "training"

# Included at the site's root: the programmes live under training/, a
# person's own applications beside the rest of their area under me/.

urlpatterns = [
    path("me/applications/", personal_page(views.my_applications), name="my_applications"),
    path("training/", public_page(views.programme_list), name="programme_list"),
    path("training/alumni/", views.AlumniDirectoryView.as_view(), name="alumni"),
    path("training/alumni/listing/", views.alumni_listing, name="alumni_listing"),
    path("training/alumni/claim/<str:token>/", views.alumni_claim, name="alumni_claim"),
    path("training/cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("training/cohorts/<int:pk>/calendar.ics", views.cohort_calendar, name="cohort_calendar"),
    path("training/cohorts/<int:pk>/apply/", views.apply, name="apply"),
    path("training/cohorts/<int:pk>/selection/", personal_page(views.selection), name="selection"),
    path(
        "training/cohorts/<int:pk>/selection/confirm/",
        views.confirm_selection,
        name="confirm_selection",
    ),
    path("training/cohorts/<int:pk>/report/", views.report, name="report"),
    path("training/cohorts/<int:pk>/report.csv", views.report_csv, name="report_csv"),
    path("training/cohorts/<int:pk>/completion/", views.completion, name="completion"),
    path("training/applications/<int:pk>/edit/", views.edit_application, name="edit_application"),
    path("training/applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("training/applications/<int:pk>/decision/", views.change_decision, name="change_decision"),
    path(
        "training/applications/<int:pk>/deviation/remove/",
        views.remove_deviation,
        name="remove_deviation",
    ),
    path("training/applications/<int:pk>/offer/", views.offer, name="offer"),
    path("training/applications/<int:pk>/offer/accept/", views.accept_offer, name="accept_offer"),
    path(
        "training/applications/<int:pk>/offer/decline/", views.decline_offer, name="decline_offer"
    ),
    path("training/applications/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("training/<slug:slug>/", public_page(views.programme_detail), name="programme_detail"),
]
