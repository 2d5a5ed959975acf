from collections import Counter
from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from asskomm.csv_export import csv_response
from asskomm.ical import calendar_response
from members.access import login_then_back_to
from training import alumni, alumni_import, bulk, services
from training.access import is_training_staff, training_staff_required
from training.calendar import cohort_schedule
from training.certificates import certificate_filename, render_certificate
from training.filters import AlumniFilter
from training.forms import AlumniClaimForm, AlumniListingForm, ApplicationForm, DecisionForm
from training.models import (
    Application,
    Cohort,
    CohortSession,
    Programme,
    ProjectTeam,
    StatusChange,
    status_chip,
)
from training.reports import cohort_report, report_columns
from training.services import TrainingError

PAGE_SIZE = 25
Status = Application.Status


# Public pages


def programme_list(request):
    programmes = Programme.objects.visible_to(request.user).prefetch_related(
        Prefetch(
            "cohorts",
            queryset=Cohort.objects.accepting_applications().order_by("starts_on"),
            to_attr="open_cohorts",
        )
    )
    return render(request, "training/programme_list.html", {"programmes": programmes})


def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), slug=slug)
    cohorts = list(
        programme.cohorts.upcoming()
        .order_by("starts_on")
        .select_related("programme")
        .prefetch_related(
            Prefetch("sessions", queryset=CohortSession.objects.select_related("module"))
        )
    )
    own = {
        application.cohort_id: application
        for application in Application.objects.of(request.user).filter(cohort__in=cohorts)
    }
    return render(
        request,
        "training/programme_detail.html",
        {
            "programme": programme,
            "modules": programme.modules.all(),
            "cohorts": [(cohort, own.get(cohort.pk)) for cohort in cohorts],
        },
    )


# Applying


@login_required
def apply(request, pk):
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    existing = Application.objects.of(request.user).filter(cohort=cohort).first()
    if existing is not None:
        messages.info(request, _("You have already applied for this cohort."))
        if existing.may_be_edited():
            return redirect("training:edit_application", pk=existing.pk)
        return redirect("training:my_applications")
    if not cohort.accepts_applications():
        return render(request, "training/applications_closed.html", {"cohort": cohort})
    form = ApplicationForm(
        request.POST or None,
        instance=Application(cohort=cohort, applicant=request.user),
        initial={"function": request.user.function, "municipality": request.user.municipality},
    )
    save = partial(services.apply, cohort=cohort, applicant=request.user)
    success = _("Thank you: your application has arrived. We have sent you a confirmation.")
    return _application_form(request, form, save, success, {"cohort": cohort})


@login_required
def edit_application(request, pk):
    application = get_object_or_404(
        Application.objects.of(request.user).select_related("cohort__programme"), pk=pk
    )
    if not application.may_be_edited():
        messages.error(
            request,
            _(
                "This application can no longer be changed: the deadline has passed, or it "
                "has been decided."
            ),
        )
        return redirect("training:my_applications")
    form = ApplicationForm(request.POST or None, instance=application)
    save = partial(services.update_application, application=application, by=request.user)
    context = {"cohort": application.cohort, "application": application}
    return _application_form(request, form, save, _("Your changes have been saved."), context)


def _application_form(request, form, save, success_message, context):
    """The application form; a valid POST goes through ``save`` (a service)
    and on to the person's applications."""
    if request.method == "POST" and form.is_valid():
        try:
            save(**form.service_arguments())
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success_message)
            return redirect("training:my_applications")
    return render(request, "training/application_form.html", {"form": form, **context})


@login_required
def withdraw(request, pk):
    application = get_object_or_404(
        Application.objects.of(request.user).select_related("cohort__programme"), pk=pk
    )
    if request.method == "POST":
        return _act(
            request,
            partial(services.withdraw, application=application, by=request.user),
            _("Your application has been withdrawn. We have sent you a confirmation."),
        )
    return render(request, "training/withdraw.html", {"application": application})


@login_required
def my_applications(request):
    applications = (
        Application.objects.of(request.user)
        .select_related("cohort__programme")
        .with_waitlist_position()
        .prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.order_by("changed_at", "pk"))
        )
    )
    return render(request, "training/my_applications.html", {"applications": applications})


@login_required
def offer(request, pk):
    application = get_object_or_404(
        Application.objects.of(request.user).select_related("cohort__programme"), pk=pk
    )
    return render(request, "training/offer.html", {"application": application})


@require_POST
@login_then_back_to("training:offer")
def accept_offer(request, pk):
    return _answer_offer(
        request,
        pk,
        services.accept_offer,
        _("Welcome to the cohort! Your place is confirmed; the dates are on the cohort's page."),
    )


@require_POST
@login_then_back_to("training:offer")
def decline_offer(request, pk):
    return _answer_offer(
        request,
        pk,
        services.decline_offer,
        _("You have declined the place; it goes to the next person on the waiting list."),
    )


def _answer_offer(request, pk, answer, success_message):
    application = get_object_or_404(Application.objects.of(request.user), pk=pk)
    return _act(request, partial(answer, application=application, by=request.user), success_message)


def _act(request, action, success_message, then="training:my_applications", **then_kwargs):
    """Runs a service for a POST, says how it went, and redirects."""
    try:
        action()
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success_message)
    return redirect(then, **then_kwargs)


# Participants


@login_required
def cohort_detail(request, pk):
    cohort = get_object_or_404(
        Cohort.objects.visible_to(request.user).select_related("programme"), pk=pk
    )
    teams = (
        ProjectTeam.objects.visible_to(request.user)
        .filter(cohort=cohort)
        .select_related("municipality")
        .with_members_for(request.user)
    )
    participants = (
        cohort.applications.participants()
        .select_related("applicant")
        .order_by("applicant__last_name", "applicant__first_name")
    )
    return render(
        request,
        "training/cohort_detail.html",
        {
            "cohort": cohort,
            "sessions": cohort.sessions.select_related("module"),
            "teams": teams,
            "participants": participants,
            "own_application": Application.objects.of(request.user).filter(cohort=cohort).first(),
            "is_staff_view": is_training_staff(request.user),
        },
    )


@login_required
def cohort_calendar(request, pk):
    cohort = get_object_or_404(
        Cohort.objects.visible_to(request.user).select_related("programme"), pk=pk
    )
    filename = slugify(f"{cohort.programme.slug}-{cohort.number}")
    return calendar_response(cohort_schedule(cohort), f"{filename}.ics")


@login_required
def certificate(request, pk):
    application = get_object_or_404(
        Application.objects.visible_to(request.user)
        .graduated()
        .select_related("cohort__programme", "applicant"),
        pk=pk,
    )
    response = HttpResponse(render_certificate(application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(application)}"'
    return response


# Alumni


class AlumniDirectoryView(LoginRequiredMixin, FilterView):
    filterset_class = AlumniFilter
    template_name = "training/alumni_directory.html"
    paginate_by = PAGE_SIZE

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not alumni.request_may_use_directory(request):
            return render(request, "training/alumni_only.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return alumni.directory(
            viewer=self.request.user, allowed=alumni.request_may_use_directory(self.request)
        ).prefetch_related("project_teams__topics")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        own = Application.objects.of(self.request.user).graduated()
        if own:
            listed = any(application.listed_in_alumni_directory for application in own)
            context["listing_form"] = AlumniListingForm(initial={"listed": listed})
        return context


@require_POST
@login_required
def alumni_listing(request):
    form = AlumniListingForm(request.POST)
    form.is_valid()  # a checkbox: always valid
    listed = form.cleaned_data["listed"]
    if listed:
        message = _("You are now listed in the alumni directory.")
    else:
        message = _("You are no longer listed in the alumni directory.")
    action = partial(services.set_alumni_listing, user=request.user, listed=listed)
    return _act(request, action, message, "training:alumni")


def alumni_claim(request, token):
    """An imported alumna or alumnus, invited by e-mail, claims their entry:
    sets a password and decides whether to be listed in the directory."""
    person = alumni_import.claimant(token)
    if person is None:
        return render(request, "training/alumni_claim_invalid.html", status=404)
    form = AlumniClaimForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        alumni_import.claim_entry(
            user=person,
            password=form.cleaned_data["new_password1"],
            listed=form.cleaned_data["listed"],
        )
        if request.user.is_authenticated:
            logout(request)  # someone else's session on a shared computer
        messages.success(
            request,
            _("Your account is ready: please log in with your e-mail address and your password."),
        )
        return redirect("account_login")
    graduations = Application.objects.of(person).graduated().select_related("cohort__programme")
    return render(
        request,
        "training/alumni_claim.html",
        {"form": form, "person": person, "graduations": graduations},
    )


# Staff: selection, report, completion


@dataclass
class SelectionRow:
    application: Application
    decision: str
    position: int | None
    deviation: object

    @property
    def chip(self):
        return status_chip(self.decision, waitlist_position=self.position)


@training_staff_required
def selection(request, pk):
    """The rule's proposal (or, once confirmed, the decisions) for a cohort.
    Each row links to its own page for deciding differently: a form in
    every row made the page of a full cohort slow to render and cramped
    to use."""
    cohort = _staff_cohort(request, pk)
    rows = [SelectionRow(*row) for row in _decisions(cohort)]
    all_applications = cohort.applications.order_by()
    by_kind = Counter(all_applications.values_list("employer_kind", flat=True))
    proposed_by_kind = Counter(
        row.application.employer_kind for row in rows if row.decision == Status.ACCEPTED
    )
    return render(
        request,
        "training/selection.html",
        {
            "cohort": cohort,
            "rows": rows,
            "kinds": [
                (kind.label, by_kind[kind.value], proposed_by_kind[kind.value])
                for kind in Application.EmployerKind
            ],
            "total": sum(by_kind.values()),
            "accepted_total": sum(proposed_by_kind.values()),
            "unreviewed": all_applications.unreviewed().count(),
            "may_confirm": not cohort.selection_is_confirmed
            and not cohort.accepts_applications()
            and rows,
        },
    )


def _decisions(cohort):
    """(application, decision, waiting-list position, deviation) in order:
    the rule's proposal, or after confirmation the current decisions."""
    if cohort.selection_is_confirmed:
        return _current_decisions(cohort)
    return services.propose_selection(cohort=cohort).rows


def _current_decisions(cohort):
    """After confirmation: every application with its current status."""
    applications = (
        cohort.applications.with_rating()
        .with_waitlist_position()
        .in_decision_order()
        .select_related("applicant", "municipality")
    )
    return [(a, a.status, a.waitlist_position, None) for a in applications]


@require_POST
@training_staff_required
def confirm_selection(request, pk):
    cohort = _staff_cohort(request, pk)
    try:
        proposal = services.confirm_selection(cohort=cohort, by=request.user)
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "The selection is confirmed: %(accepted)d accepted, %(waitlisted)d on the "
                "waiting list, %(rejected)d not accepted. Every applicant is told by e-mail."
            )
            % {
                "accepted": len(proposal.accepted),
                "waitlisted": len(proposal.waitlisted),
                "rejected": len(proposal.rejected),
            },
        )
    return redirect("training:selection", pk=cohort.pk)


@training_staff_required
def change_decision(request, pk):
    """One application decided differently from the rule, with a reason;
    a refused decision comes back with everything entered."""
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related("cohort__programme"), pk=pk
    )
    if application.status == Status.WITHDRAWN:
        raise Http404("A withdrawn application is not decided.")
    row = _selection_row(application)
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        prefix=f"a{application.pk}",
        initial={
            "decision": row.deviation.decision if row.deviation else row.decision,
            "waitlist_position": row.deviation.waitlist_position if row.deviation else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_decision(application=application, by=request.user, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The decision for %(person)s has been recorded with its reason.")
                % {"person": application.applicant},
            )
            url = reverse("training:selection", kwargs={"pk": application.cohort_id})
            return redirect(f"{url}#application-{application.pk}")
    return render(
        request,
        "training/decision.html",
        {"cohort": application.cohort, "row": row, "application": row.application, "form": form},
    )


def _selection_row(application):
    """The application's row of its cohort's selection: what the rule (or
    the confirmed selection) decides for it now."""
    for found in _decisions(application.cohort):
        if found[0].pk == application.pk:
            return SelectionRow(*found)
    raise Http404("The application is not part of its cohort's selection.")


@require_POST
@training_staff_required
def remove_deviation(request, pk):
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related("cohort"), pk=pk
    )
    return _act(
        request,
        partial(services.remove_deviation, application=application, by=request.user),
        _("The rule decides again for %(person)s.") % {"person": application.applicant},
        "training:selection",
        pk=application.cohort_id,
    )


@training_staff_required
def report(request, pk):
    cohort = _staff_cohort(request, pk)
    return render(request, "training/report.html", {"report": cohort_report(cohort)})


@training_staff_required
def report_csv(request, pk):
    found = cohort_report(_staff_cohort(request, pk))
    return csv_response(
        filename=f"bewerbungen-{found.cohort.programme.slug}-{found.cohort.number}.csv",
        columns=report_columns(found.cohort),
        objects=[*found.rows, found.total],
    )


@training_staff_required
def completion(request, pk):
    cohort = _staff_cohort(request, pk)
    participants = (
        cohort.applications.participants()
        .with_attendance()
        .select_related("applicant", "cohort__programme")
        .order_by("applicant__last_name", "applicant__first_name")
    )
    if request.method == "POST":
        ticked = [value for value in request.POST.getlist("confirm") if value.isdigit()]
        _confirm_completions(request, participants.filter(pk__in=ticked))
        return redirect("training:completion", pk=cohort.pk)
    return render(
        request,
        "training/completion.html",
        {
            "cohort": cohort,
            "session_count": cohort.sessions.count(),
            "rows": [(p, services.completion_shortfalls(p)) for p in participants],
        },
    )


def _confirm_completions(request, participants):
    if not participants:
        messages.warning(request, _("Tick the participants whose completion you confirm."))
        return
    bulk.confirm_completions(request, participants)


def _staff_cohort(request, pk):
    return get_object_or_404(
        Cohort.objects.visible_to(request.user).select_related("programme"), pk=pk
    )
