from django.urls import path

from asskomm.page_cache import public_page
from search import views

SEARCH_QUERY = ("kind", "topic", "page")

app_name = "search"

urlpatterns = [
    path("", public_page(views.results, query=SEARCH_QUERY, free_text=("q",)), name="results"),
]
