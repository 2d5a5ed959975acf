"""What training contributes to pages of other apps (see asskomm.panels)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from asskomm.panels import AttentionItem, Panel
from members import facts
from training.models import Application, Cohort, ProjectTeam

# Offers whose deadline is this close are shown on the admin's start page.
OFFER_WARNING = timedelta(days=2)


def open_for_applications(request):
    """Home page: cohorts that accept applications now."""
    cohorts = list(
        Cohort.objects.accepting_applications()
        .select_related("programme")
        .order_by("applications_close_at")
    )
    if not cohorts:
        return None
    return Panel("training/panels/home.html", {"cohorts": cohorts})


def my_applications(request):
    """Dashboard: the person's applications, offers and cohorts."""
    applications = []
    # Most people never applied: their facts say so without a query.
    if facts.of(request.user, "has_applications"):
        applications = list(
            Application.objects.of(request.user)
            .select_related("cohort__programme")
            .with_waitlist_position()
        )
    open_cohorts = []
    if not applications:
        open_cohorts = list(Cohort.objects.accepting_applications().select_related("programme"))
        if not open_cohorts:
            return None
    return Panel(
        "training/panels/dashboard.html",
        {"applications": applications, "open_cohorts": open_cohorts},
    )


def implemented_projects(request, municipality):
    """A municipality's page: the projects Beccaria participants implemented
    for it."""
    projects = list(
        ProjectTeam.objects.visible_to(request.user)
        .implemented()
        .filter(municipality=municipality)
        .select_related("cohort__programme")
        .with_members_for(request.user)
    )
    if not projects:
        return None
    return Panel("training/panels/municipality.html", {"projects": projects})


def waiting_for_staff(request):
    """The admin's start page: applications nobody has rated, and offers
    whose deadline is close."""
    items = []
    changelist = reverse("admin:training_application_changelist")
    if request.user.has_perm("training.add_review"):
        count = Application.objects.unreviewed().count()
        if count:
            items.append(
                AttentionItem(
                    _("Applications not yet reviewed"),
                    count,
                    f"{changelist}?status__exact=submitted&reviewed=no",
                )
            )
    if request.user.has_perm("training.change_application"):
        count = Application.objects.filter(
            status=Application.Status.OFFERED,
            offer_expires_at__lte=timezone.now() + OFFER_WARNING,
        ).count()
        if count:
            items.append(
                AttentionItem(
                    _("Offered places whose reply deadline is close"),
                    count,
                    f"{changelist}?offer=expiring",
                )
            )
    return items or None
