from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("me/", views.dashboard, name="dashboard"),
    path("me/profile/", views.profile, name="profile"),
    path("me/privacy/", views.privacy, name="privacy"),
    path("me/privacy/data/", views.my_data, name="my_data"),
    path("me/privacy/data.json", views.my_data_download, name="my_data_download"),
    path("me/privacy/delete/", views.delete_account, name="delete_account"),
    path("me/membership/", views.membership_request, name="membership_request"),
    path("members/", views.DirectoryView.as_view(), name="directory"),
    path("members/<int:pk>/", views.person_detail, name="person_detail"),
    path("municipalities/", views.MunicipalityListView.as_view(), name="municipality_list"),
    path("municipalities/<str:ags>/", views.municipality_detail, name="municipality_detail"),
]
