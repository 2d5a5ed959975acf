from django.urls import path

from asskomm.page_cache import personal_page
from members import views
from members.filters import DirectoryFilter, MunicipalityFilter

# The parameters of the lists' filters: a query string with others is rendered afresh.
DIRECTORY_QUERY = (*DirectoryFilter.base_filters, "page")
MUNICIPALITY_QUERY = (*MunicipalityFilter.base_filters, "page")

app_name = "members"

urlpatterns = [
    path("me/", personal_page(views.dashboard), name="dashboard"),
    path("me/profile/", views.profile, name="profile"),
    path("me/privacy/", views.privacy, name="privacy"),
    path("me/privacy/data/", views.my_data, name="my_data"),
    path("me/privacy/data.json", views.my_data_download, name="my_data_download"),
    path("me/privacy/delete/", views.delete_account, name="delete_account"),
    path("me/membership/", views.membership_request, name="membership_request"),
    path(
        "members/",
        personal_page(views.DirectoryView.as_view(), query=DIRECTORY_QUERY),
        name="directory",
    ),
    path("members/<int:pk>/", personal_page(views.person_detail), name="person_detail"),
    path(
        "municipalities/",
        personal_page(views.MunicipalityListView.as_view(), query=MUNICIPALITY_QUERY),
        name="municipality_list",
    ),
    path(
        "municipalities/<str:ags>/",
        personal_page(views.municipality_detail),
        name="municipality_detail",
    ),
]
