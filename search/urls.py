from django.urls import path

from asskomm.page_cache import public_page
from search import views

# Every parameter of the search is the visitor's to choose (its words, and a
# kind or topic the form shows but does not bound), so every search page goes
# to the workers' bounded cache, never the shared one; only the empty page is
# shared.
SEARCH_QUERY = ("q", "kind", "topic", "page")

app_name = "search"

urlpatterns = [
    path("", public_page(views.results, free_text=SEARCH_QUERY), name="results"),
]
