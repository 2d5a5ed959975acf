from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from asskomm.models import Topic
from events.models import Event, EventDocument
from library import catalogue
from library.forms import LibraryFilterForm
from library.models import Resource
from library.topics import topic_sections
from members.access import login_instead_of_404

PAGE_SIZE = 20


def library(request):
    """Resources and event documents the person may see, newest first."""
    choices = catalogue.choices(request.user)
    form = LibraryFilterForm(request.GET, choices=choices)
    rows = catalogue.entries(request.user, form.criteria())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    fachtag_documentation = (
        EventDocument.objects.visible_to(request.user)
        .filter(kind=EventDocument.Kind.DOCUMENTATION, event__kind=Event.Kind.FACHTAG)
        .select_related("event")
        .order_by("-event__starts_at")
    )
    return render(
        request,
        "library/library.html",
        {
            "filter_form": form,
            "page_obj": page,
            "entries": catalogue.load(page.object_list, choices.topics_by_pk),
            "fachtag_documentation": fachtag_documentation,
            "topics": choices.topics,
        },
    )


@login_instead_of_404
def resource(request, pk):
    found = get_object_or_404(
        Resource.objects.visible_to(request.user).select_related(
            "publisher_organisation", "publisher_municipality"
        ),
        pk=pk,
    )
    return render(
        request, "library/resource_detail.html", {"resource": found, "topics": found.topics.all()}
    )


@login_instead_of_404
def download(request, pk):
    found = get_object_or_404(Resource.objects.visible_to(request.user), pk=pk)
    if not found.file:
        raise Http404
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=found.download_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def topic(request, slug):
    """Everything about one topic the person may see."""
    found = get_object_or_404(Topic, slug=slug)
    return render(
        request,
        "library/topic.html",
        {"topic": found, "sections": topic_sections(found, request.user)},
    )
