"""Each figure's numbers equal what the tests created."""

from datetime import date

import pytest

from figures import series
from figures.series import YearRange
from tests.figures.conftest import TODAY, moment
from tests.training.factories import ApplicationFactory, CohortFactory
from training.models import IMPORTED_CONSENT_VERSION

pytestmark = pytest.mark.django_db


def as_tuples(rows):
    return [(row.year, row.counts) for row in rows]


def test_members_are_counted_per_region_at_the_end_of_each_year(members):
    rows = series.members_per_region(today=TODAY)
    # Chemnitz, Dresden, Leipzig, organisations, without affiliation
    assert as_tuples(rows) == [
        (2018, (1, 0, 0, 0, 0)),
        (2019, (1, 2, 0, 0, 0)),
        (2020, (1, 2, 1, 1, 1)),
        (2021, (1, 2, 1, 1, 1)),
    ]
    assert [row.total for row in rows] == [1, 3, 6, 6]


def test_a_year_range_shows_its_years_with_everyone_who_joined_before(members):
    rows = series.members_per_region(years=YearRange(2019, 2020), today=TODAY)
    assert as_tuples(rows) == [(2019, (1, 2, 0, 0, 0)), (2020, (1, 2, 1, 1, 1))]
    assert series.members_per_region(years=YearRange(first=2030), today=TODAY) == []


def test_no_members_no_rows(db):
    assert series.members_per_region(today=TODAY) == []


def test_event_participation_counts_registrations_per_kind_and_year(registrations):
    rows = series.event_participation()
    assert [(row.year, row.kind, row.confirmed, row.attended) for row in rows] == [
        (2019, "regional_meeting", 3, 3),
        (2019, "fachtag", 1, 0),
        (2020, "working_group", 2, 2),
    ]
    assert str(rows[0].kind_label) == "Regionales Vernetzungstreffen"


def test_event_participation_keeps_to_the_years_asked_for(registrations):
    rows = series.event_participation(years=YearRange(first=2020))
    assert [(row.year, row.kind) for row in rows] == [(2020, "working_group")]


def test_training_demand_divides_applications_by_places(applications):
    ninth, tenth = applications
    rows = series.training_demand()
    assert [(row.cohort, row.applications, row.places) for row in rows] == [
        (ninth, 20, 16),
        (tenth, 6, 12),
    ]
    assert [row.ratio for row in rows] == [1.25, 0.5]
    assert [row.cohort for row in series.training_demand(years=YearRange(last=2022))] == [ninth]


def test_recommendations_count_once_in_the_year_they_were_first_implemented(recommendations):
    rows = series.recommendations_implemented()
    assert [(row.year, row.implemented, row.still_implemented) for row in rows] == [
        (2022, 1, 1),
        (2023, 2, 1),
    ]
    only = series.recommendations_implemented(years=YearRange(2023, 2023))
    assert [(row.year, row.implemented) for row in only] == [(2023, 2)]


def test_years_between_implementations_show_as_zero(recommendations):
    from projects import services
    from projects.models import Recommendation
    from tests.factories import StaffFactory
    from tests.figures.conftest import moment
    from tests.projects.factories import RecommendationFactory

    services.change_recommendation_status(
        recommendation=RecommendationFactory(),
        status=Recommendation.Status.IMPLEMENTED,
        by=StaffFactory(),
        at=moment(2025),
    )
    rows = series.recommendations_implemented()
    assert [(row.year, row.implemented) for row in rows] == [
        (2022, 1),
        (2023, 2),
        (2024, 0),
        (2025, 1),
    ]


@pytest.mark.parametrize(
    "compute",
    [
        lambda: series.members_per_region(today=TODAY),
        series.event_participation,
        series.training_demand,
        series.recommendations_implemented,
    ],
)
def test_each_figure_costs_one_query_however_much_there_is(
    compute, members, registrations, applications, recommendations, django_assert_num_queries
):
    with django_assert_num_queries(1):
        compute()


def test_cohorts_known_only_from_the_alumni_import_show_no_demand(applications):
    """The import records who graduated, not how many applied."""
    ninth, tenth = applications
    historic = CohortFactory(
        programme=ninth.programme,
        number=1,
        starts_on=date(2014, 9, 5),
        applications_open_at=moment(2014, 1, 10),
        applications_close_at=moment(2014, 5, 1),
        status="completed",
    )
    ApplicationFactory.create_batch(
        3, cohort=historic, accepted=True, consent_text_version=IMPORTED_CONSENT_VERSION
    )
    ApplicationFactory(cohort=tenth, accepted=True, consent_text_version=IMPORTED_CONSENT_VERSION)
    rows = series.training_demand()
    assert [(row.cohort, row.applications) for row in rows] == [(ninth, 20), (tenth, 6)]
