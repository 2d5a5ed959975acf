"""The proposed selection: municipal administration first, then police,
then the others; rated before unrated, higher rating first; then submission
time. Staff's deviations, with a reason, on top."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from tests.training.factories import ApplicationFactory, CohortFactory, ReviewFactory
from training.models import Application, SelectionDeviation
from training.selection import propose
from training.services import change_decision, propose_selection

Kind = Application.EmployerKind
BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2027, 1, 4, 9, tzinfo=BERLIN)


def candidate(pk, kind, *, hour=0, rating=None):
    return SimpleNamespace(
        pk=pk,
        employer_kind=kind,
        average_rating=rating,
        submitted_at=START + timedelta(hours=hour),
    )


def deviation(decision, position=None):
    return SimpleNamespace(decision=decision, waitlist_position=position, reason="Grund")


def pks(applications):
    return [application.pk for application in applications]


def test_municipal_administration_comes_first_then_police_then_the_others():
    applications = [
        candidate(1, Kind.OTHER, hour=0),
        candidate(2, Kind.INDEPENDENT, hour=1),
        candidate(3, Kind.FEDERAL_POLICE, hour=2),
        candidate(4, Kind.STATE_POLICE, hour=3),
        candidate(5, Kind.MUNICIPAL, hour=4),
    ]
    proposal = propose(applications, capacity=5)
    assert pks(proposal.accepted) == [5, 3, 4, 1, 2]


def test_within_a_group_the_earlier_submission_comes_first():
    applications = [candidate(1, Kind.MUNICIPAL, hour=5), candidate(2, Kind.MUNICIPAL, hour=1)]
    assert pks(propose(applications, capacity=2).accepted) == [2, 1]


def test_within_a_group_rated_come_before_unrated_and_higher_ratings_first():
    applications = [
        candidate(1, Kind.MUNICIPAL, hour=0),  # unrated, earliest
        candidate(2, Kind.MUNICIPAL, hour=1, rating=2.0),
        candidate(3, Kind.MUNICIPAL, hour=2, rating=4.5),
        candidate(4, Kind.MUNICIPAL, hour=3, rating=4.5),
    ]
    assert pks(propose(applications, capacity=4).accepted) == [3, 4, 2, 1]


def test_ratings_do_not_cross_the_priority_groups():
    applications = [
        candidate(1, Kind.STATE_POLICE, rating=5.0),
        candidate(2, Kind.MUNICIPAL, rating=1.0),
        candidate(3, Kind.MUNICIPAL),
    ]
    assert pks(propose(applications, capacity=3).accepted) == [2, 3, 1]


def test_the_first_capacity_are_accepted_and_the_rest_waitlisted_in_order():
    applications = [candidate(pk, Kind.MUNICIPAL, hour=pk) for pk in range(1, 31)]
    proposal = propose(applications, capacity=16)
    assert pks(proposal.accepted) == list(range(1, 17))
    assert pks(proposal.waitlisted) == list(range(17, 31))
    assert proposal.rejected == []
    positions = [row[2] for row in proposal.rows if row[1] == Application.Status.WAITLISTED]
    assert positions == list(range(1, 15))


def test_an_accepted_deviation_takes_a_place_before_the_rule_fills_the_rest():
    applications = [candidate(pk, Kind.MUNICIPAL, hour=pk) for pk in range(1, 5)]
    applications.append(candidate(9, Kind.OTHER, hour=0))
    proposal = propose(
        applications, capacity=3, deviations={9: deviation(SelectionDeviation.Decision.ACCEPT)}
    )
    assert set(pks(proposal.accepted)) == {1, 2, 9}
    assert pks(proposal.waitlisted) == [3, 4]


def test_a_rejected_deviation_leaves_the_list_and_frees_its_place():
    applications = [candidate(pk, Kind.MUNICIPAL, hour=pk) for pk in range(1, 5)]
    proposal = propose(
        applications, capacity=2, deviations={1: deviation(SelectionDeviation.Decision.REJECT)}
    )
    assert pks(proposal.accepted) == [2, 3]
    assert pks(proposal.waitlisted) == [4]
    assert pks(proposal.rejected) == [1]


def test_a_waitlist_deviation_keeps_someone_out_and_can_name_the_position():
    applications = [candidate(pk, Kind.MUNICIPAL, hour=pk) for pk in range(1, 7)]
    proposal = propose(
        applications,
        capacity=2,
        deviations={
            1: deviation(SelectionDeviation.Decision.WAITLIST),
            6: deviation(SelectionDeviation.Decision.WAITLIST, position=1),
        },
    )
    assert pks(proposal.accepted) == [2, 3]
    assert pks(proposal.waitlisted) == [6, 1, 4, 5]


def test_never_more_accepted_than_places_even_with_too_many_accept_deviations():
    applications = [candidate(pk, Kind.MUNICIPAL, hour=pk) for pk in range(1, 5)]
    accept = deviation(SelectionDeviation.Decision.ACCEPT)
    proposal = propose(applications, capacity=2, deviations=dict.fromkeys(range(1, 5), accept))
    assert pks(proposal.accepted) == [1, 2]
    assert pks(proposal.waitlisted) == [3, 4]


def test_the_proposal_is_the_same_whatever_the_input_order():
    applications = [
        candidate(pk, kind, hour=pk % 3, rating=rating)
        for pk, (kind, rating) in enumerate(
            [(Kind.MUNICIPAL, None), (Kind.STATE_POLICE, 3.0), (Kind.OTHER, 5.0)] * 4, start=1
        )
    ]
    first = propose(applications, capacity=5)
    second = propose(list(reversed(applications)), capacity=5)
    assert pks(first.accepted) == pks(second.accepted)
    assert pks(first.waitlisted) == pks(second.waitlisted)


@pytest.mark.django_db
def test_propose_selection_reads_ratings_and_deviations_of_waiting_applications(staff):
    cohort = CohortFactory(closed=True, capacity=2)
    late = ApplicationFactory(cohort=cohort)
    early = ApplicationFactory(cohort=cohort, submitted_at=late.submitted_at - timedelta(days=1))
    rated = ApplicationFactory(cohort=cohort, submitted_at=late.submitted_at + timedelta(days=1))
    police = ApplicationFactory(cohort=cohort, police=True)
    ApplicationFactory(cohort=cohort, status=Application.Status.WITHDRAWN)
    ReviewFactory(application=rated, rating=4)
    ReviewFactory(application=rated, rating=5)
    change_decision(application=police, decision="accepted", reason="Quote Polizei", by=staff)

    proposal = propose_selection(cohort=cohort)

    assert proposal.accepted == [rated, police]
    assert proposal.waitlisted == [early, late]
    accepted_rated = proposal.accepted[0]
    assert accepted_rated.average_rating == 4.5
    assert proposal.deviations[police.pk].reason == "Quote Polizei"
