from django.shortcuts import render

from search.forms import SearchForm
from search.query import search
from search.text import clean_query, is_searchable


def results(request):
    data = request.GET.copy()
    data["q"] = clean_query(data.get("q", ""))
    form = SearchForm(data)
    form.is_valid()  # a wrong kind or topic is shown at its field; the rest still counts
    query = form.cleaned_data.get("q", "")
    kind = form.cleaned_data.get("kind") or None
    topic = form.cleaned_data.get("topic")
    found = None
    if is_searchable(query):
        found = search(
            user=request.user, query=query, kind=kind, topic=topic, page=request.GET.get("page")
        )
    return render(
        request,
        "search/results.html",
        {"form": form, "query": query, "kind": kind, "topic": topic, "results": found},
    )
