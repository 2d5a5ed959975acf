"""The four figures of the page: for each, its numbers (``figures.series``),
the columns of its table – which the CSV download writes too – and its
chart, drawn from the same rows."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asskomm.csv_export import Column, day, decimal
from events.models import Event
from figures import charts, series


@dataclass(frozen=True)
class Figure:
    slug: str
    title: Any
    explanation: Any
    filename: str
    compute: Callable  # (years) -> rows
    columns: list
    chart: Callable  # (figure, rows) -> SVG

    def table(self, rows):
        """The table's cells, row by row, as the page shows them and the
        CSV writes them."""
        return [[column.value(row) for column in self.columns] for row in rows]

    def draw(self, rows):
        """The chart of these rows, as SVG markup."""
        return self.chart(self, rows)

    @property
    def chart_id(self):
        return f"figure-{self.slug}"


def _span(years):
    years = list(years)
    if not years:
        return ""
    if years[0] == years[-1]:
        return str(years[0])
    return f"{years[0]}–{years[-1]}"


# Network members per region


def _members_chart(figure, rows):
    years = [row.year for row in rows]
    lines = [
        charts.Series(str(label), tuple(row.counts[index] for row in rows), colour=index)
        for index, (_key, label) in enumerate(series.MEMBER_GROUPS)
        if any(row.counts[index] for row in rows)
    ]
    return charts.line_chart(
        chart_id=figure.chart_id,
        title=str(figure.title),
        description=_(
            "Line chart: network members per region at the end of each year, %(years)s. "
            "The table below gives the numbers."
        )
        % {"years": _span(years)},
        categories=[str(year) for year in years],
        series=lines,
    )


def _member_column(index, label):
    return Column(label, lambda row: row.counts[index])


MEMBERS = Figure(
    slug="members-per-region",
    title=gettext_lazy("Network members per region"),
    explanation=gettext_lazy(
        "Today's network members, the ASSKomm team not counted, at the end of each year (the "
        "current year: today), by the region of their municipality; people of an organisation "
        "count as “organisations (statewide)”. A person counts from the day the team approved "
        "their membership request; members without a request (accounts the team set up) from "
        "the day their account was created. The portal keeps no history of departures: people "
        "who have left the network are not counted in earlier years either, and everyone "
        "counts in the region of their current affiliation."
    ),
    filename="kennzahlen-mitglieder-nach-region.csv",
    compute=lambda years: series.members_per_region(years=years),
    columns=[
        Column(gettext_lazy("Year"), lambda row: row.year),
        *(_member_column(index, label) for index, (_key, label) in enumerate(series.MEMBER_GROUPS)),
        Column(gettext_lazy("Total"), lambda row: row.total),
    ],
    chart=_members_chart,
)


# Event participation per kind and year


def _participation_chart(figure, rows):
    years = list(range(rows[0].year, rows[-1].year + 1))
    confirmed = {(row.year, row.kind): row.confirmed for row in rows}
    kinds = [
        (position, kind)
        for position, kind in enumerate(Event.Kind)
        if any(row.kind == kind for row in rows)
    ]
    return charts.bar_chart(
        chart_id=figure.chart_id,
        title=str(figure.title),
        description=_(
            "Stacked bar chart: confirmed registrations per year, %(years)s, divided by the "
            "kind of event. The table below gives the numbers, and the attendance."
        )
        % {"years": _span(years)},
        categories=[str(year) for year in years],
        series=[
            charts.Series(
                str(kind.label),
                tuple(confirmed.get((year, kind), 0) for year in years),
                colour=position,
            )
            for position, kind in kinds
        ],
        stacked=True,
    )


PARTICIPATION = Figure(
    slug="event-participation",
    title=gettext_lazy("Event participation per kind and year"),
    explanation=gettext_lazy(
        "Registrations for the events of each year (cancelled events and registrations left "
        "out): the confirmed ones, and those the organisers marked as attended. Registrations "
        "are counted, not people: someone at three events counts three times."
    ),
    filename="kennzahlen-veranstaltungsteilnahme.csv",
    compute=lambda years: series.event_participation(years=years),
    columns=[
        Column(gettext_lazy("Year"), lambda row: row.year),
        Column(gettext_lazy("Kind of event"), lambda row: str(row.kind_label)),
        Column(gettext_lazy("Confirmed registrations"), lambda row: row.confirmed),
        Column(gettext_lazy("Attended"), lambda row: row.attended),
    ],
    chart=_participation_chart,
)


# Demand for the Beccaria programme


def _cohort_label(row):
    return _("%(year)s\nno. %(number)s") % {"year": row.year, "number": row.cohort.number}


def _demand_chart(figure, rows):
    return charts.bar_chart(
        chart_id=figure.chart_id,
        title=str(figure.title),
        description=_(
            "Bar chart: applications per place for each cohort, by the year it starts, "
            "%(years)s; a dashed line marks one application per place. The table below gives "
            "the applications and the places."
        )
        % {"years": _span(row.year for row in rows)},
        categories=[_cohort_label(row) for row in rows],
        series=[
            charts.Series(_("Applications per place"), tuple(round(row.ratio, 2) for row in rows))
        ],
        reference=charts.Reference(1, _("one application per place")),
    )


DEMAND = Figure(
    slug="training-demand",
    title=gettext_lazy("Beccaria programme: applications per place"),
    explanation=gettext_lazy(
        "Each cohort of the programmes the network runs whose application period has begun: "
        "the applications received, withdrawn ones included (as in the cohort report), "
        "divided by its places. Rejected and withdrawn applications of completed cohorts are "
        "deleted after the retention period, so for older cohorts only the applications still "
        "stored are counted. Cohorts known only from the import of earlier alumni are left "
        "out: the import records who graduated, not how many applied."
    ),
    filename="kennzahlen-beccaria-nachfrage.csv",
    compute=lambda years: series.training_demand(years=years),
    columns=[
        Column(gettext_lazy("Programme"), lambda row: row.cohort.programme.name),
        Column(gettext_lazy("Cohort"), lambda row: row.cohort.number),
        Column(gettext_lazy("Starts on"), lambda row: day(row.cohort.starts_on)),
        Column(gettext_lazy("Applications"), lambda row: row.applications),
        Column(gettext_lazy("Places"), lambda row: row.places),
        Column(gettext_lazy("Applications per place"), lambda row: decimal(row.ratio, places=2)),
    ],
    chart=_demand_chart,
)


# Recommendations implemented per year


def _implemented_chart(figure, rows):
    years = [row.year for row in rows]
    return charts.bar_chart(
        chart_id=figure.chart_id,
        title=str(figure.title),
        description=_(
            "Bar chart: recommendations of the security analyses implemented per year, "
            "%(years)s. The table below gives the numbers."
        )
        % {"years": _span(years)},
        categories=[str(year) for year in years],
        series=[
            charts.Series(_("Recommendations implemented"), tuple(row.implemented for row in rows))
        ],
    )


IMPLEMENTED = Figure(
    slug="recommendations-implemented",
    title=gettext_lazy("Recommendations implemented per year"),
    explanation=gettext_lazy(
        "Recommendations of the security analyses, each counted once, in the year its status "
        "history first reached “implemented”; and how many of them are still implemented "
        "today."
    ),
    filename="kennzahlen-umgesetzte-empfehlungen.csv",
    compute=lambda years: series.recommendations_implemented(years=years),
    columns=[
        Column(gettext_lazy("Year"), lambda row: row.year),
        Column(gettext_lazy("Recommendations implemented"), lambda row: row.implemented),
        Column(gettext_lazy("Of these still implemented"), lambda row: row.still_implemented),
    ],
    chart=_implemented_chart,
)


FIGURES = [MEMBERS, PARTICIPATION, DEMAND, IMPLEMENTED]
BY_SLUG = {figure.slug: figure for figure in FIGURES}
