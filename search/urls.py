from django.urls import path

from asskomm.page_cache import personal_page
from search import views

SEARCH_QUERY = ("q", "kind", "topic", "page")

app_name = "search"

urlpatterns = [
    path("", personal_page(views.results, query=SEARCH_QUERY), name="results"),
]
