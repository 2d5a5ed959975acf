"""Reporting for the LPR: who applied for a cohort, by kind of employer,
and how many got a place.

- acceptance rate: accepted applications (graduates included) per
  application received, in per cent; withdrawn ones count as received;
- demand ratio: applications received per place.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asskomm.csv_export import Column, decimal, moment
from training.models import Application

Status = Application.Status


@dataclass(frozen=True)
class ReportRow:
    label: str
    capacity: int
    submitted: int = 0
    accepted: int = 0
    waitlisted: int = 0
    offered: int = 0
    rejected: int = 0
    withdrawn: int = 0

    @classmethod
    def from_counts(cls, label, counts, capacity):
        return cls(label, capacity, **{status: counts[status] for status in Status.values})

    @property
    def applications(self):
        return sum(getattr(self, status) for status in Status.values)

    @property
    def acceptance_rate(self):
        if not self.applications:
            return None
        return 100 * self.accepted / self.applications

    @property
    def demand_ratio(self):
        return self.applications / self.capacity


@dataclass(frozen=True)
class CohortReport:
    cohort: object
    rows: list
    total: ReportRow
    completed: int


def cohort_report(cohort):
    counts = {kind: Counter() for kind in Application.EmployerKind.values}
    found = (
        Application.objects.filter(cohort=cohort)
        .order_by()
        .values("employer_kind", "status")
        .annotate(count=Count("pk"))
    )
    for entry in found:
        counts.setdefault(entry["employer_kind"], Counter())[entry["status"]] += entry["count"]
    rows = [
        ReportRow.from_counts(Application.EmployerKind(kind).label, counts[kind], cohort.capacity)
        for kind in Application.EmployerKind.values
    ]
    total = ReportRow.from_counts(
        _("All applications"), sum(counts.values(), Counter()), cohort.capacity
    )
    completed = Application.objects.filter(cohort=cohort).graduated().count()
    return CohortReport(cohort=cohort, rows=rows, total=total, completed=completed)


def report_columns(cohort):
    """The report's CSV: one row per kind of employer, then the total."""
    return [
        Column(gettext_lazy("Cohort"), lambda row: str(cohort)),
        Column(gettext_lazy("Kind of employer"), lambda row: row.label),
        Column(gettext_lazy("Applications"), lambda row: row.applications),
        Column(gettext_lazy("Accepted"), lambda row: row.accepted),
        Column(gettext_lazy("Offered"), lambda row: row.offered),
        Column(gettext_lazy("Waiting list"), lambda row: row.waitlisted),
        Column(gettext_lazy("Not accepted"), lambda row: row.rejected),
        Column(gettext_lazy("Withdrawn"), lambda row: row.withdrawn),
        Column(gettext_lazy("Undecided"), lambda row: row.submitted),
        Column(gettext_lazy("Acceptance rate (%)"), lambda row: decimal(row.acceptance_rate)),
        Column(
            gettext_lazy("Applications per place"),
            lambda row: decimal(row.demand_ratio, places=2),
        ),
    ]


# The admin's export of selected applications; the queryset comes with
# ``with_waitlist_position()`` and ``with_rating()``.
APPLICATION_COLUMNS = [
    Column(gettext_lazy("Name"), lambda application: application.applicant.get_full_name()),
    Column(gettext_lazy("E-mail address"), lambda application: application.applicant.email),
    Column(gettext_lazy("Cohort"), lambda application: str(application.cohort)),
    Column(
        gettext_lazy("Kind of employer"),
        lambda application: application.get_employer_kind_display(),
    ),
    Column(gettext_lazy("Employer"), lambda application: application.employer_name),
    Column(
        gettext_lazy("Municipality"),
        lambda application: application.municipality.name if application.municipality else "",
    ),
    Column(gettext_lazy("Function"), lambda application: application.function),
    Column(gettext_lazy("Status"), lambda application: application.get_status_display()),
    Column(
        gettext_lazy("Position on the waiting list"),
        lambda application: application.waitlist_position or "",
    ),
    Column(gettext_lazy("Submitted"), lambda application: moment(application.submitted_at)),
    Column(gettext_lazy("Average rating"), lambda application: decimal(application.average_rating)),
    Column(gettext_lazy("Ratings"), lambda application: application.review_count),
]
