from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("", views.library, name="list"),
    path("<int:pk>/", views.resource, name="resource"),
    path("<int:pk>/file/", views.download, name="download"),
]
