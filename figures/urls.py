from django.urls import path

from figures import views

app_name = "figures"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:figure>.csv", views.figure_csv, name="csv"),
]
