from django.urls import path

from asskomm.page_cache import public_page
from library import views

# The filters whose pages are cached; the text search is rendered afresh.
LIST_QUERY = ("kind", "topic", "publisher", "year", "audience", "page")

app_name = "library"

urlpatterns = [
    path("", public_page(views.library, query=LIST_QUERY), name="list"),
    path("<int:pk>/", public_page(views.resource), name="resource"),
    path("<int:pk>/file/", views.download, name="download"),
]
