"""The cap of places under concurrent requests, on PostgreSQL."""

import pytest
from django.db import connection

from tests.factories import UserFactory
from tests.helpers import requires_postgresql, run_concurrently
from tests.training.factories import ApplicationFactory, CohortFactory
from training import services
from training.models import Application

Status = Application.Status


def outcome(service, **arguments):
    """ "accepted", or "refused" when the rules say no; anything else raises."""
    try:
        service(**arguments)
    except services.TrainingError:
        return "refused"
    return "accepted"


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_acceptances_fill_exactly_sixteen_places():
    cohort = CohortFactory(confirmed=True, capacity=16)
    staff = UserFactory(is_staff=True)
    waiting = [
        ApplicationFactory(cohort=cohort, status=Status.WAITLISTED, waitlist_rank=rank)
        for rank in range(1, 31)
    ]

    def accept(application):
        return outcome(
            services.change_decision,
            application=application,
            decision="accepted",
            reason="Nachrücken",
            by=staff,
        )

    results, errors = run_concurrently(accept, waiting)

    assert errors == []
    assert results.count("accepted") == 16
    assert results.count("refused") == 14
    assert Application.objects.filter(cohort=cohort, status=Status.ACCEPTED).count() == 16
    assert connection.vendor == "postgresql"


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_offer_acceptances_never_exceed_the_capacity():
    cohort = CohortFactory(confirmed=True, capacity=16)
    ApplicationFactory.create_batch(10, cohort=cohort, status=Status.ACCEPTED)
    offered = ApplicationFactory.create_batch(
        12,
        cohort=cohort,
        offered=True,
    )  # more offers than free places, e.g. after staff lowered the capacity

    def accept(application):
        return outcome(services.accept_offer, application=application, by=application.applicant)

    results, errors = run_concurrently(accept, offered)

    assert errors == []
    assert results.count("accepted") == 6
    assert Application.objects.filter(cohort=cohort, status=Status.ACCEPTED).count() == 16
