from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from asskomm.csv_export import csv_response, xlsx_response
from events.models import Event
from members.access import login_instead_of_404, login_then_back_to, member_required
from projects import listing, overview, services
from projects.access import is_projects_staff, projects_staff_required
from projects.forms import MunicipalityFilterForm, ProjectFilterForm, ProjectForm, StatusForm
from projects.models import Project, ProjectAttachment, Recommendation, SecurityAnalysis

PAGE_SIZE = 20


@member_required
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = listing.good_practice_rows(request.user, **filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/project_list.html",
        {
            "filter": {"form": form},
            "form": form,
            "page_obj": page,
            "paginator": page.paginator,
            "items": listing.resolve(page.object_list, request.user),
            "may_add": Project(municipality_id=request.user.municipality_id).may_be_edited_by(
                request.user
            ),
        },
    )


@login_instead_of_404
def project_detail(request, pk):
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related("municipality"), pk=pk
    )
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "topics": project.topics.all(),
            "attachments": project.attachments.all(),
            "may_edit": project.may_be_edited_by(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@member_required
def project_create(request):
    project = Project(municipality_id=request.user.municipality_id)
    if not project.may_be_edited_by(request.user):
        raise Http404
    return _project_form(request, project)


@require_http_methods(["GET", "POST"])
@login_instead_of_404
def project_edit(request, pk):
    project = get_object_or_404(Project.objects.editable_by(request.user), pk=pk)
    return _project_form(request, project)


def _project_form(request, project):
    form = ProjectForm(
        request.POST or None,
        request.FILES or None,
        instance=project,
        choose_municipality=is_projects_staff(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = services.save_project(
                project=form.save(commit=False),
                topics=form.cleaned_data["topics"],
                by=request.user,
                attachment=form.cleaned_data.get("attachment"),
                attachment_title=form.cleaned_data.get("attachment_title", ""),
                remove_attachments=form.cleaned_data.get("remove_attachments", ()),
            )
        except services.ProjectsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The project has been saved."))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_instead_of_404
def attachment(request, pk, attachment_id):
    found = get_object_or_404(
        ProjectAttachment.objects.visible_to(request.user), pk=attachment_id, project_id=pk
    )
    return _download(found.file)


def _download(field_file):
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=field_file.name.rsplit("/", 1)[-1]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
def analysis_list(request):
    analyses = SecurityAnalysis.objects.visible_to(request.user).select_related("municipality")
    return render(
        request,
        "projects/analysis_list.html",
        {"analyses": analyses, "links_overview": is_projects_staff(request.user)},
    )


@login_instead_of_404
def analysis_detail(request, pk):
    analysis = get_object_or_404(
        SecurityAnalysis.objects.visible_to(request.user).select_related("municipality"), pk=pk
    )
    recommendations = (
        analysis.recommendations.select_related("topic")
        .prefetch_related("status_changes__changed_by")
        .order_by("pk")
    )
    changeable = set(
        Recommendation.objects.changeable_by(request.user)
        .filter(analysis=analysis)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "projects/analysis_detail.html",
        {
            "analysis": analysis,
            "recommendations": [
                (recommendation, StatusForm() if recommendation.pk in changeable else None)
                for recommendation in recommendations
            ],
            "progress": analysis.recommendations.progress(),
        },
    )


@login_instead_of_404
def analysis_report(request, pk):
    analysis = get_object_or_404(SecurityAnalysis.objects.visible_to(request.user), pk=pk)
    if not analysis.report:
        raise Http404
    return _download(analysis.report)


@require_POST
@login_then_back_to("projects:recommendation")
def recommendation_status(request, pk):
    recommendation = get_object_or_404(
        Recommendation.objects.visible_to(request.user).changeable_by(request.user), pk=pk
    )
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_recommendation_status(
                recommendation=recommendation,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except services.ProjectsError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The status has been changed."))
    else:
        messages.error(request, _("Choose one of the statuses."))
    return redirect(recommendation.place_on_page())


@login_instead_of_404
def analysis_of_recommendation(request, pk):
    recommendation = get_object_or_404(Recommendation.objects.visible_to(request.user), pk=pk)
    return redirect(recommendation.place_on_page())


@projects_staff_required
def recommendation_overview(request):
    form = MunicipalityFilterForm(request.GET or None)
    recommendations = Recommendation.objects.all()
    if form.is_valid() and form.cleaned_data["municipality"]:
        recommendations = recommendations.filter(
            analysis__municipality=form.cleaned_data["municipality"]
        )
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return _export(export, overview.for_export(recommendations))
    return render(
        request,
        "projects/recommendation_overview.html",
        {"form": form, "matrix": overview.status_matrix(recommendations)},
    )


def _export(kind, recommendations):
    if kind == "csv":
        return csv_response(
            filename="handlungsempfehlungen.csv",
            columns=overview.EXPORT_COLUMNS,
            objects=recommendations,
        )
    return xlsx_response(
        filename="handlungsempfehlungen.xlsx",
        sheet_title=_("Recommendations"),
        columns=overview.EXPORT_COLUMNS,
        objects=recommendations,
    )


@login_instead_of_404
def workshop(request, slug):
    event = get_object_or_404(
        Event.objects.visible_to(request.user).filter(audience=Event.Audience.INVITED), slug=slug
    )
    recommendations = Recommendation.objects.for_workshop(event, request.user)
    return render(
        request,
        "projects/workshop.html",
        {
            "event": event,
            "matrix": overview.status_matrix(recommendations),
            "recommendations": recommendations.select_related(
                "analysis__municipality", "topic"
            ).order_by("analysis__municipality__name", "pk"),
        },
    )
