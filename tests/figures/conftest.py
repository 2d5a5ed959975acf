from datetime import date, datetime, time

import pytest
from django.utils import timezone

from events.models import Event, Registration
from members.models import MembershipRequest, Municipality
from projects import services as projects_services
from projects.models import Recommendation
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import (
    MemberFactory,
    MembershipRequestFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
)
from tests.projects.factories import RecommendationFactory
from tests.training.factories import (
    ApplicationFactory,
    CohortFactory,
    ExternalProgrammeFactory,
    ProgrammeFactory,
)
from training.models import Application

TODAY = date(2021, 6, 1)


def moment(year, month=6, day=15):
    return timezone.make_aware(datetime.combine(date(year, month, day), time(12)))


@pytest.fixture
def towns(db):
    """A town in each region."""
    return {
        # (not in the Kreis whose keys MunicipalityFactory hands out)
        "chemnitz": MunicipalityFactory(
            name="Chemnitz", ags="14511000", kind=Municipality.Kind.KREISFREIE_STADT
        ),
        "dresden": MunicipalityFactory(name="Pirna", ags="14628270"),
        "leipzig": MunicipalityFactory(name="Leipzig", ags="14713000"),
    }


def approved_member(*, when, **fields):
    member = MemberFactory(**fields)
    MembershipRequestFactory(
        user=member,
        municipality=member.municipality,
        organisation=member.organisation,
        status=MembershipRequest.Status.APPROVED,
        decided_at=when,
    )
    return member


@pytest.fixture
def members(towns):
    """Network members who joined 2018–2020 (and people who do not count).

    Counted (Chemnitz, Dresden, Leipzig, organisations, without):
    end of 2018: 1, 0, 0, 0, 0 – end of 2019: 1, 2, 0, 0, 0 –
    end of 2020 and later: 1, 2, 1, 1, 1.
    """
    MemberFactory(municipality=towns["chemnitz"], date_joined=moment(2018))
    approved_member(municipality=towns["dresden"], when=moment(2019, 3))
    # approved twice (left and came back): counts from the latest approval
    twice = approved_member(municipality=towns["dresden"], when=moment(2017))
    MembershipRequestFactory(
        user=twice,
        municipality=towns["dresden"],
        status=MembershipRequest.Status.APPROVED,
        decided_at=moment(2019, 12, 31),
    )
    approved_member(municipality=towns["leipzig"], when=moment(2020, 1, 2))
    approved_member(municipality=None, organisation=OrganisationFactory(), when=moment(2020))
    MemberFactory(municipality=None, date_joined=moment(2020, 12, 31))
    # not counted: a declined applicant, an inactive member, the team, a
    # member who joins after TODAY
    MembershipRequestFactory(
        user=UserFactory(date_joined=moment(2016)),
        status=MembershipRequest.Status.DECLINED,
        decided_at=moment(2016),
    )
    MemberFactory(municipality=towns["leipzig"], is_active=False, date_joined=moment(2018))
    StaffFactory(date_joined=moment(2018))
    MemberFactory(municipality=towns["leipzig"], date_joined=moment(2022))


@pytest.fixture
def registrations(db):
    """Registrations of 2019 and 2020.

    2019 regional meetings: 3 confirmed, 2 of them and 1 waitlisted attended;
    2019 Fachtag: 1 confirmed; 2020 working group: 2 confirmed, both attended.
    """
    meetings = [
        EventFactory(kind=Event.Kind.REGIONAL_MEETING, starts_at=moment(2019, month))
        for month in (3, 9)
    ]
    RegistrationFactory(event=meetings[0], attended=True)
    RegistrationFactory(event=meetings[0], attended=True)
    RegistrationFactory(event=meetings[1])
    RegistrationFactory(event=meetings[1], status=Registration.Status.WAITLISTED, attended=True)
    RegistrationFactory(
        event=meetings[1], status=Registration.Status.CANCELLED, cancelled_at=moment(2019)
    )
    RegistrationFactory(event=EventFactory(kind=Event.Kind.FACHTAG, starts_at=moment(2019, 9)))
    session = EventFactory(kind=Event.Kind.WORKING_GROUP, starts_at=moment(2020, 4))
    RegistrationFactory.create_batch(2, event=session, attended=True)
    # not counted: a cancelled event, and a draft
    RegistrationFactory(
        event=EventFactory(status=Event.Status.CANCELLED, starts_at=moment(2020, 5))
    )
    RegistrationFactory(event=EventFactory(status=Event.Status.DRAFT, starts_at=moment(2020, 5)))


@pytest.fixture
def applications(db):
    """Cohort 9 (2022): 20 applications, withdrawn and rejected included,
    for 16 places; cohort 10 (2023): 6 for 12 places."""
    beccaria = ProgrammeFactory()
    ninth = CohortFactory(
        programme=beccaria,
        number=9,
        starts_on=date(2022, 9, 2),
        applications_open_at=moment(2022, 1, 10),
        applications_close_at=moment(2022, 5, 1),
        status="completed",
    )
    ApplicationFactory.create_batch(16, cohort=ninth, accepted=True)
    ApplicationFactory.create_batch(2, cohort=ninth, status=Application.Status.WITHDRAWN)
    ApplicationFactory.create_batch(2, cohort=ninth, status=Application.Status.REJECTED)
    tenth = CohortFactory(
        programme=beccaria,
        number=10,
        capacity=12,
        starts_on=date(2023, 9, 1),
        applications_open_at=moment(2023, 1, 10),
        applications_close_at=moment(2023, 5, 1),
        status="completed",
    )
    ApplicationFactory.create_batch(6, cohort=tenth)
    # not counted: a cohort whose applications have not opened, and an
    # external programme's cohort
    CohortFactory(
        programme=beccaria,
        number=11,
        starts_on=date(2099, 9, 4),
        applications_open_at=moment(2099, 1, 10),
        applications_close_at=moment(2099, 5, 1),
        status="planned",
    )
    external = CohortFactory(programme=ExternalProgrammeFactory(), starts_on=date(2022, 10, 1))
    ApplicationFactory(cohort=external)
    return ninth, tenth


@pytest.fixture
def recommendations(db):
    """Recommendations first implemented: 1 in 2022 (still), 2 in 2023 (one
    of them dropped since); one re-implemented in 2024 counts in 2023."""
    by = StaffFactory()
    Status = Recommendation.Status

    def history(*steps):
        recommendation = RecommendationFactory()
        for status, at in steps:
            projects_services.change_recommendation_status(
                recommendation=recommendation, status=status, by=by, at=at
            )
        return recommendation

    history((Status.IMPLEMENTED, moment(2022, 3)))
    history(
        (Status.IN_PROGRESS, moment(2022, 5)),
        (Status.IMPLEMENTED, moment(2023, 2)),
        (Status.DROPPED, moment(2024, 2)),
    )
    history(
        (Status.IMPLEMENTED, moment(2023, 12, 31)),
        (Status.IN_PROGRESS, moment(2024, 1, 15)),
        (Status.IMPLEMENTED, moment(2024, 6)),
    )
    history((Status.IN_PROGRESS, moment(2021)))
    RecommendationFactory()
