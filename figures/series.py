"""The numbers behind the LPR's figures, one function per figure.

Each function counts with one aggregate query (the database groups and
counts; no query per row) and returns small rows of labels and numbers,
which the page shows as a chart and a table and the CSV download writes.
What each figure counts, and what it cannot, is said on the page
(``figures.catalogue``) in the same words as here:

- members per region: today's network members – the ASSKomm team not
  counted – by the region of their municipality (people of an organisation
  count as "organisations (statewide)"), added up at the end of each year
  since the first of them joined. A person joined when the team approved
  their membership request (the latest approval); members who never sent a
  request (accounts the team set up) count from the day their account was
  created. People who have left the network are no longer counted in the
  years they were members: the portal keeps no history of departures. The
  region is that of the person's current affiliation.
- event participation: registrations (not people: a person registered for
  three events counts three times) for events that took place or are
  planned (cancelled events left out), by the event's kind and year:
  confirmed ones, and those marked as attended.
- training demand: applications per place for each cohort of a programme
  the network runs whose application period has begun. Withdrawn
  applications count as received, as in the cohort report
  (``training.reports``). Rejected and withdrawn applications of completed
  cohorts are deleted after the retention period (``ASSKOMM_RETENTION``),
  so for older cohorts only the applications still stored are counted.
- recommendations implemented: security-analysis recommendations counted
  once, in the year their status history first reached "implemented", and
  how many of them are still implemented today.
"""

from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from members.models import MembershipRequest, Region, User
from projects.models import Recommendation, RecommendationStatusChange
from training.models import IMPORTED_CONSENT_VERSION, Cohort, Programme

ORGANISATIONS = "organisations"
WITHOUT_AFFILIATION = "none"
# The columns of the members figure: the three regions, then the people of
# organisations, then those with no affiliation at all.
MEMBER_GROUPS = [
    *Region.choices,
    (ORGANISATIONS, _("Organisations (statewide)")),
    (WITHOUT_AFFILIATION, _("Without affiliation")),
]


@dataclass(frozen=True)
class YearRange:
    """The years a figure covers; None leaves that end open."""

    first: int | None = None
    last: int | None = None

    def clip(self, first, last):
        """The years from ``first`` to ``last`` (the data's own range) that
        lie inside this range."""
        if self.first is not None:
            first = max(first, self.first)
        if self.last is not None:
            last = min(last, self.last)
        return range(first, last + 1)

    def applied_to(self, queryset, year_field):
        """``queryset`` restricted to rows whose ``year_field`` lies inside."""
        if self.first is not None:
            queryset = queryset.filter(**{f"{year_field}__gte": self.first})
        if self.last is not None:
            queryset = queryset.filter(**{f"{year_field}__lte": self.last})
        return queryset


ALL_YEARS = YearRange()


# Network members per region


@dataclass(frozen=True)
class MembersAtYearEnd:
    year: int
    counts: tuple  # one number per MEMBER_GROUPS entry, in its order

    @property
    def total(self):
        return sum(self.counts)


def counted_members():
    """Today's network members, the ASSKomm team (staff and superusers) not
    counted, annotated with ``joined`` (when they became members) and
    ``group`` (the column of MEMBER_GROUPS they count in)."""
    approved = MembershipRequest.objects.filter(
        user=OuterRef("pk"),
        status=MembershipRequest.Status.APPROVED,
        decided_at__isnull=False,
    ).order_by("-decided_at")
    return (
        User.objects.network_members()
        .filter(is_staff=False, is_superuser=False)
        .annotate(
            joined=Coalesce(Subquery(approved.values("decided_at")[:1]), F("date_joined")),
            group=Case(
                When(municipality__isnull=False, then=F("municipality__region")),
                When(organisation__isnull=False, then=Value(ORGANISATIONS)),
                default=Value(WITHOUT_AFFILIATION),
                output_field=CharField(),
            ),
        )
    )


def members_per_region(*, years=ALL_YEARS, today=None):
    """For each year from the first member's joining to this year, the
    members counted at its end (this year: today), per MEMBER_GROUPS."""
    today = today or timezone.localdate()
    joined = (
        counted_members()
        .annotate(year=ExtractYear("joined"))
        .filter(year__lte=today.year)
        .order_by()
        .values("year", "group")
        .annotate(count=Count("pk"))
        .values_list("year", "group", "count")
    )
    columns = [key for key, _label in MEMBER_GROUPS]
    new_in = {}
    for year, group, count in joined:
        per_group = new_in.setdefault(year, dict.fromkeys(columns, 0))
        per_group[group if group in per_group else WITHOUT_AFFILIATION] += count
    if not new_in:
        return []
    running = dict.fromkeys(columns, 0)
    rows = []
    shown = years.clip(min(new_in), today.year)
    for year in range(min(new_in), today.year + 1):
        for group, count in new_in.get(year, {}).items():
            running[group] += count
        if year in shown:
            rows.append(MembersAtYearEnd(year, tuple(running[group] for group in columns)))
    return rows


# Event participation per kind and year


@dataclass(frozen=True)
class Participation:
    year: int
    kind: str
    confirmed: int
    attended: int

    @property
    def kind_label(self):
        return Event.Kind(self.kind).label if self.kind in Event.Kind.values else self.kind


def event_participation(*, years=ALL_YEARS):
    """Per year of the event and kind of event (in the order of
    ``Event.Kind``), the confirmed registrations and those attended; only
    the pairs with at least one registration."""
    registrations = (
        Registration.objects.exclude(status=Registration.Status.CANCELLED)
        .exclude(event__status__in=[Event.Status.CANCELLED, Event.Status.DRAFT])
        .annotate(year=ExtractYear("event__starts_at"))
    )
    counted = (
        years.applied_to(registrations, "year")
        .order_by()
        .values("year", "event__kind")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            attended=Count("pk", filter=Q(attended=True)),
        )
        .values_list("year", "event__kind", "confirmed", "attended")
    )
    order = {kind: position for position, kind in enumerate(Event.Kind.values)}
    rows = [
        Participation(year, kind, confirmed, attended)
        for year, kind, confirmed, attended in counted
        if confirmed or attended
    ]
    return sorted(rows, key=lambda row: (row.year, order.get(row.kind, len(order)), row.kind))


# Training demand per cohort


@dataclass(frozen=True)
class CohortDemand:
    cohort: Cohort
    applications: int

    @property
    def places(self):
        return self.cohort.capacity

    @property
    def ratio(self):
        """Applications per place."""
        return self.applications / self.places

    @property
    def year(self):
        return self.cohort.starts_on.year


def training_demand(*, years=ALL_YEARS, now=None):
    """Each cohort of a programme the network runs whose application period
    has begun, oldest first, with the applications it received through the
    portal. A cohort known only from the alumni import is left out: the
    import records who graduated, not how many applied."""
    cohorts = Cohort.objects.filter(
        programme__kind=Programme.Kind.NETWORK,
        applications_open_at__lte=now or timezone.now(),
    )
    imported = Q(applications__consent_text_version=IMPORTED_CONSENT_VERSION)
    counted = (
        years.applied_to(cohorts, "starts_on__year")
        .annotate(
            application_count=Count("applications", filter=~imported),
            imported_count=Count("applications", filter=imported),
        )
        .exclude(application_count=0, imported_count__gt=0)
        .select_related("programme")
        .order_by("starts_on", "programme__name", "number")
    )
    return [CohortDemand(cohort, cohort.application_count) for cohort in counted]


# Recommendations implemented per year


@dataclass(frozen=True)
class ImplementedInYear:
    year: int
    implemented: int
    still_implemented: int


def recommendations_implemented(*, years=ALL_YEARS):
    """For each year from the first to the last in which a recommendation
    first reached "implemented": how many did, and how many of those are
    still implemented."""
    first_implemented = (
        RecommendationStatusChange.objects.filter(
            recommendation=OuterRef("pk"), to_status=Recommendation.Status.IMPLEMENTED
        )
        .order_by("changed_at")
        .values("changed_at")[:1]
    )
    recommendations = (
        Recommendation.objects.annotate(implemented_at=Subquery(first_implemented))
        .filter(implemented_at__isnull=False)
        .annotate(year=ExtractYear("implemented_at"))
    )
    counted = dict(
        (year, (implemented, still))
        for year, implemented, still in years.applied_to(recommendations, "year")
        .order_by()
        .values("year")
        .annotate(
            implemented=Count("pk"),
            still=Count("pk", filter=Q(status=Recommendation.Status.IMPLEMENTED)),
        )
        .values_list("year", "implemented", "still")
    )
    if not counted:
        return []
    return [
        ImplementedInYear(year, *counted.get(year, (0, 0)))
        for year in range(min(counted), max(counted) + 1)
    ]
