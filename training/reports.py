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
