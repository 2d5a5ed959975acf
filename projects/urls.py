from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("analyses/", views.analysis_list, name="analysis_list"),
    path("analyses/<int:pk>/", views.analysis_detail, name="analysis"),
    path("analyses/<int:pk>/report/", views.analysis_report, name="analysis_report"),
    path(
        "recommendations/<int:pk>/",
        views.analysis_of_recommendation,
        name="recommendation",
    ),
    path(
        "recommendations/<int:pk>/status/",
        views.recommendation_status,
        name="recommendation_status",
    ),
    path(
        "recommendations/overview/",
        views.recommendation_overview,
        name="recommendation_overview",
    ),
    path("workshops/<slug:slug>/", views.workshop, name="workshop"),
]
