from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("alumni/", views.AlumniDirectoryView.as_view(), name="alumni"),
    path("alumni/listing/", views.alumni_listing, name="alumni_listing"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/calendar.ics", views.cohort_calendar, name="cohort_calendar"),
    path("cohorts/<int:pk>/apply/", views.apply, name="apply"),
    path("cohorts/<int:pk>/selection/", views.selection, name="selection"),
    path("cohorts/<int:pk>/selection/confirm/", views.confirm_selection, name="confirm_selection"),
    path("cohorts/<int:pk>/report/", views.report, name="report"),
    path("cohorts/<int:pk>/report.csv", views.report_csv, name="report_csv"),
    path("cohorts/<int:pk>/completion/", views.completion, name="completion"),
    path("applications/<int:pk>/edit/", views.edit_application, name="edit_application"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:pk>/decision/", views.change_decision, name="change_decision"),
    path(
        "applications/<int:pk>/deviation/remove/", views.remove_deviation, name="remove_deviation"
    ),
    path("applications/<int:pk>/offer/", views.offer, name="offer"),
    path("applications/<int:pk>/offer/accept/", views.accept_offer, name="accept_offer"),
    path("applications/<int:pk>/offer/decline/", views.decline_offer, name="decline_offer"),
    path("applications/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("<slug:slug>/", views.programme_detail, name="programme_detail"),
]
