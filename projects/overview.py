"""Recommendations counted by topic and status: the staff overview across
municipalities and the workshop's overview of its invited municipalities."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asskomm.csv_export import Column, day
from projects.models import Recommendation


@dataclass
class MatrixRow:
    topic: str
    counts: list
    total: int


def status_matrix(recommendations):
    """One row per topic (recommendations without one last), one count per
    status in the order of ``Recommendation.Status``, and a total row."""
    statuses = Recommendation.Status.values
    counted = (
        recommendations.order_by()
        .values("topic__name", "status")
        .annotate(count=Count("pk"))
        .values_list("topic__name", "status", "count")
        .order_by("topic__name")  # the German collation of topic names
    )
    by_topic = {}
    for topic, status, count in counted:
        by_topic.setdefault(topic, dict.fromkeys(statuses, 0))[status] += count
    names = [name for name in by_topic if name is not None]
    if None in by_topic:
        names.append(None)
    rows = [
        MatrixRow(
            topic=name if name is not None else _("Without topic"),
            counts=[by_topic[name][status] for status in statuses],
            total=sum(by_topic[name].values()),
        )
        for name in names
    ]
    totals = MatrixRow(
        topic=_("All topics"),
        counts=[sum(row.counts[index] for row in rows) for index in range(len(statuses))],
        total=sum(row.total for row in rows),
    )
    return {"statuses": Recommendation.Status.labels, "rows": rows, "totals": totals}


def last_change(recommendation):
    changes = recommendation.status_changes.all()
    return day(changes[len(changes) - 1].changed_at) if changes else ""


EXPORT_COLUMNS = [
    Column(gettext_lazy("Municipality"), lambda r: r.analysis.municipality.name),
    Column(gettext_lazy("Year of the analysis"), lambda r: r.analysis.year),
    Column(gettext_lazy("Recommendation"), lambda r: r.title),
    Column(gettext_lazy("Topic"), lambda r: r.topic.name if r.topic else ""),
    Column(gettext_lazy("Priority"), lambda r: r.get_priority_display()),
    Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
    Column(gettext_lazy("Last status change"), last_change),
]


def for_export(recommendations):
    return (
        recommendations.select_related("analysis__municipality", "topic")
        .prefetch_related("status_changes")
        .order_by("analysis__municipality__name", "analysis__year", "pk")
    )
