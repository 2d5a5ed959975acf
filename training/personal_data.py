"""The training's part of a person's data: their applications with their
history and consent (see ``members.privacy``)."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.privacy import PersonalData, entry, retention_cutoff
from training.models import WITHDRAWABLE, Application, Cohort, Review, SelectionDeviation
from training.services import APPLICATION_FIELDS

# What the export shows of an application: its state, what the applicant
# entered (the form's fields), and their consent and completion.
EXPORTED_APPLICATION_FIELDS = [
    "cohort",
    "status",
    "submitted_at",
    *APPLICATION_FIELDS,
    "consent_text_version",
    "consent_given_at",
    "completed_on",
    "listed_in_alumni_directory",
]

# Staff write a reason where a reason is required; after a deletion it no
# longer says anything about the person.
ERASED_REASON = "–"


HISTORY_FIELDS = ["changed_at", "from_status", "to_status", "reason"]


def export(user):
    """Each application with its history, and the team's assessments of it:
    ratings and comments are data about the person too (GDPR, right of
    access); who on the team rated is not the applicant's data."""
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("cohort__programme", "municipality")
        .prefetch_related("status_changes", "reviews")
    )
    found = []
    for application in applications:
        found.append(
            entry(
                application,
                EXPORTED_APPLICATION_FIELDS,
                title=application.cohort,
                children=[
                    entry(
                        change, ["changed_at", "from_status", "to_status", "reason"], title=change
                    )
                    for change in application.status_changes.all()
                ],
                children_title=_("History"),
            )
        )
        reviews = application.reviews.all()
        if reviews:
            found.append(
                entry(
                    application,
                    ["status"],
                    title=_("Assessments of your application for %(cohort)s")
                    % {"cohort": application.cohort},
                    children=[
                        entry(review, ["rating", "comment", "created_at"], title=_("Assessment"))
                        for review in reviews
                    ],
                    children_title=_("Ratings by the ASSKomm team"),
                )
            )
    return found


def blockers(user):
    """Open applications must be withdrawn first: a held place would
    otherwise be lost to the waiting list without anyone knowing."""
    open_applications = (
        Application.objects.filter(applicant=user, status__in=WITHDRAWABLE)
        .exclude(cohort__status=Cohort.Status.COMPLETED)
        .select_related("cohort__programme")
    )
    reasons = []
    for application in open_applications:
        if application.cohort.has_started():
            reasons.append(
                _(
                    "You have a place in %(cohort)s, which is running. Please ask the ASSKomm "
                    "team to withdraw you first."
                )
                % {"cohort": application.cohort}
            )
        else:
            reasons.append(
                _(
                    "Your application for %(cohort)s is still open. Please withdraw it first "
                    "on %(url)s."
                )
                % {"cohort": application.cohort, "url": reverse("training:my_applications")}
            )
    return reasons


def erase(user, now):
    """Applications stay, with their status, kind of employer and
    municipality, so that cohort reports and completions stay right; what
    the person and their supervisor wrote or are goes."""
    applications = Application.objects.filter(applicant=user)
    applications.update(
        employer_name="",
        function="",
        motivation="",
        project_idea="",
        supervisor_name="",
        supervisor_email="",
        listed_in_alumni_directory=False,
    )
    Review.objects.filter(application__in=applications).update(comment="")
    SelectionDeviation.objects.filter(application__in=applications).update(reason=ERASED_REASON)
    for application in applications:
        application.status_changes.update(reason="")


def purge(now):
    """Rejected and withdrawn applications of completed cohorts, with their
    supervisor's data, once their last change is older than the period."""
    expired = (
        Application.objects.filter(
            status__in=[Application.Status.REJECTED, Application.Status.WITHDRAWN],
            cohort__status=Cohort.Status.COMPLETED,
        )
        .annotate(last_change=Max("status_changes__changed_at"))
        .filter(last_change__lt=retention_cutoff(now, "applications_closed_days"))
    )
    found = Application.objects.filter(pk__in=list(expired.values_list("pk", flat=True)))
    count = found.count()
    found.delete()
    return {_("rejected and withdrawn applications"): count}


SECTION = PersonalData(
    key="training",
    title=gettext_lazy("Training applications"),
    export=export,
    erase=erase,
    blockers=blockers,
    purge=purge,
    order=30,
)
