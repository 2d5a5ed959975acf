"""The training pages ask a constant, small number of queries (issue 13)."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory, UserFactory
from tests.query_budget import BUDGET, queries_of, repeated_facts
from tests.training.factories import (
    ApplicationFactory,
    CohortFactory,
    CohortSessionFactory,
    ProgrammeFactory,
    ReviewFactory,
)
from training.models import Application, StatusChange

pytestmark = pytest.mark.django_db
Status = Application.Status
EMPLOYERS = [{}, {"police": True}, {"independent": True}]


def within_budget(queries):
    """The page's queries, each fact about the visitor counted once."""
    return len(queries) - repeated_facts(queries) <= BUDGET


class TestProgrammePage:
    def test_many_cohorts_with_their_weekends_keep_the_budget(self, client_for, member):
        programme = ProgrammeFactory()
        cohorts = []

        def add_cohorts(count):
            for _ in range(count):
                cohort = CohortFactory(programme=programme)
                CohortSessionFactory.create_batch(3, cohort=cohort)
                ApplicationFactory(cohort=cohort, applicant=member)
                cohorts.append(cohort)

        add_cohorts(1)
        client = client_for(member)
        _response, few = queries_of(client, programme.get_absolute_url())
        add_cohorts(15)
        response, many = queries_of(client, programme.get_absolute_url())

        assert len(many) == len(few)
        assert within_budget(many)
        shown = response.context["cohorts"]
        assert [cohort.pk for cohort, _own in shown] == [cohort.pk for cohort in cohorts]
        assert all(own is not None and own.applicant == member for _cohort, own in shown)
        assert all(len(cohort.sessions.all()) == 3 for cohort, _own in shown)


class TestMyApplications:
    @pytest.mark.parametrize("who", ["applicant", "member"])
    def test_many_applications_with_their_history_keep_the_budget(
        self, request, client_for, who, django_assert_max_num_queries
    ):
        person = request.getfixturevalue(who)
        applications = []

        def apply(count):
            for number in range(count):
                application = ApplicationFactory(
                    applicant=person,
                    cohort=CohortFactory(closed=True),
                    status=Status.WAITLISTED if number % 2 else Status.SUBMITTED,
                    waitlist_rank=number + 1 if number % 2 else None,
                    **EMPLOYERS[number % 3],
                )
                StatusChange.objects.create(
                    application=application,
                    from_status=Status.SUBMITTED,
                    to_status=application.status,
                )
                ApplicationFactory.create_batch(2, cohort=application.cohort)
                applications.append(application)

        apply(1)
        client = client_for(person)
        _response, few = queries_of(client, reverse("training:my_applications"))
        apply(15)
        with django_assert_max_num_queries(min(len(few), BUDGET)):
            response = client.get(reverse("training:my_applications"))
        assert {application.pk for application in response.context["applications"]} == {
            application.pk for application in applications
        }
        content = response.content.decode()
        for application in applications:
            assert str(application.cohort) in content


class TestSelection:
    def test_forty_rated_applications_keep_the_budget(
        self, client_for, staff, django_assert_max_num_queries
    ):
        cohort = CohortFactory(closed=True)
        reviewers = StaffFactory.create_batch(3)

        def add(count):
            for number in range(count):
                application = ApplicationFactory(cohort=cohort, **EMPLOYERS[number % 3])
                for reviewer in reviewers[: number % 3 + 1]:
                    ReviewFactory(application=application, reviewer=reviewer, rating=number % 5 + 1)

        add(3)
        client = client_for(staff)
        url = reverse("training:selection", args=[cohort.pk])
        _response, few = queries_of(client, url)
        add(37)
        with django_assert_max_num_queries(min(len(few), BUDGET)):
            response = client.get(url)
        rows = response.context["rows"]
        assert len(rows) == 40
        accepted = [row for row in rows if row.decision == Status.ACCEPTED]
        assert len(accepted) == cohort.capacity
        content = response.content.decode()
        for row in rows[:16]:
            assert str(row.application.applicant) in content


class TestApplicationAdmin:
    def test_the_changelist_keeps_the_budget_with_many_rated_applications(
        self, client_for, staff, django_assert_max_num_queries
    ):
        reviewer = StaffFactory()
        applications = []

        def add(count):
            for _ in range(count):
                cohort = CohortFactory(closed=True)
                for kind in EMPLOYERS:
                    application = ApplicationFactory(cohort=cohort, **kind)
                    ReviewFactory(application=application, reviewer=reviewer, rating=4)
                    applications.append(application)

        add(1)
        client = client_for(staff)
        url = reverse("admin:training_application_changelist")
        _response, few = queries_of(client, url)
        add(15)
        with django_assert_max_num_queries(min(len(few), BUDGET)):
            response = client.get(url)
        changelist = response.context["cl"]
        assert changelist.result_count == 48
        assert {application.pk for application in changelist.result_list} == {
            application.pk for application in applications
        }
        content = response.content.decode()
        assert content.count("(1 Bewertung)") == 48

        with django_assert_max_num_queries(BUDGET):
            filtered = client.get(
                url,
                {"cohort": applications[0].cohort_id, "status__exact": "submitted"},
            )
        assert filtered.context["cl"].result_count == 3

    def test_search_keeps_the_budget(self, client_for, staff, django_assert_max_num_queries):
        for number in range(20):
            ApplicationFactory(applicant=UserFactory(last_name=f"Sucher{number}"))
        client = client_for(staff)
        with django_assert_max_num_queries(BUDGET):
            response = client.get(
                reverse("admin:training_application_changelist"), {"q": "Sucher1"}
            )
        assert response.context["cl"].result_count == 11  # Sucher1, Sucher10 … Sucher19
