"""Data for the query-budget tests: a network big enough that a query per
row (an N+1) would show, and the people the pages are for.

``build_network(scale)`` makes ``scale`` × (an event of each kind, region
and audience, coming and past, with registrations, waiting lists,
documents and invited municipalities), so that a test can compare the
queries of a page at one size and at a larger one.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from asskomm.models import Topic
from events.models import Event, EventDocument, RegionalCoordination, Registration
from events.roles import coordinator_group
from tests.events.factories import EventDocumentFactory, EventFactory, RegistrationFactory
from tests.factories import (
    MemberFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
    WorkingGroupSeatFactory,
)
from tests.training.factories import ApplicationFactory, CohortFactory

KINDS = list(Event.Kind.values)
REGIONS = list(Event.Region.values)
AUDIENCES = [
    Event.Audience.PUBLIC,
    Event.Audience.MEMBERS,
    Event.Audience.WORKING_GROUP,
    Event.Audience.ALUMNI,
    Event.Audience.INVITED,
]


@dataclass
class Network:
    member: object
    working_group_member: object
    alumnus: object
    staff: object
    coordinator: object
    applicant: object
    town: object
    events: list = field(default_factory=list)
    past_events: list = field(default_factory=list)

    def titles(self, audience, past=False):
        events = self.past_events if past else self.events
        return [event.title for event in events if event.audience == audience]


def people():
    town = MunicipalityFactory(name="Wurzen")
    member = MemberFactory(municipality=town, first_name="Mira")
    working_group_member = WorkingGroupSeatFactory(delegate=MemberFactory()).delegate
    alumnus = MemberFactory()
    ApplicationFactory(applicant=alumnus, cohort=CohortFactory(running=True), graduated=True)
    coordinator = UserFactory(is_staff=True)
    coordinator.groups.add(coordinator_group())
    RegionalCoordination.objects.create(user=coordinator, region="dresden")
    return Network(
        member=member,
        working_group_member=working_group_member,
        alumnus=alumnus,
        staff=StaffFactory(),
        coordinator=coordinator,
        applicant=UserFactory(),
        town=town,
    )


def add_events(network, scale=1):
    """``scale`` rounds of coming and past events: every kind, region and
    audience, organisers and topics, confirmed places, full events with a
    waiting list (the member on it), documents of each visibility, and the
    member's town among the invited municipalities."""
    now = timezone.now()
    others = MemberFactory.create_batch(3)
    topics = [
        Topic.objects.get_or_create(slug=f"budget-thema-{n}", defaults={"name": f"Thema {n}"})[0]
        for n in range(3)
    ]
    for _round in range(scale):
        for number in range(len(AUDIENCES) * 5):
            kind = KINDS[number % len(KINDS)]
            region = REGIONS[number % len(REGIONS)]
            audience = AUDIENCES[number % len(AUDIENCES)]
            for past in (False, True):
                starts_at = now + timedelta(days=-30 - number if past else 10 + number)
                event = EventFactory(
                    title=f"{'Rückblick' if past else 'Termin'} {kind} {region} {audience} "
                    f"{Event.objects.count()}",
                    kind=kind,
                    region=region,
                    audience=audience,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=4),
                    organiser=OrganisationFactory(),
                    capacity=2 if number % 2 else 10,
                )
                event.topics.set(topics[: 1 + number % 3])
                if audience == Event.Audience.INVITED:
                    event.invited_municipalities.set(
                        [network.town, *MunicipalityFactory.create_batch(2)]
                    )
                for other in others[:2]:
                    RegistrationFactory(event=event, user=other, attended=past)
                if event.capacity == 2:
                    # Full: the member waits behind another person.
                    RegistrationFactory(
                        event=event, user=others[2], status=Registration.Status.WAITLISTED
                    )
                    RegistrationFactory(
                        event=event,
                        user=network.member,
                        status=Registration.Status.WAITLISTED,
                        attended=False,
                    )
                else:
                    RegistrationFactory(
                        event=event, user=network.member, attended=past, on_attendee_list=True
                    )
                for visibility in EventDocument.Visibility.values:
                    EventDocumentFactory(event=event, visibility=visibility)
                (network.past_events if past else network.events).append(event)
    # Drafts of the coordinator's region: only staff see them.
    EventFactory.create_batch(2 * scale, status=Event.Status.DRAFT, region="dresden")
    return network


def query_count(client, url):
    """How many queries a GET of ``url`` makes (after one GET to warm up),
    the page rendered, not taken from the page cache."""
    with override_settings(ASSKOMM_PAGE_CACHE_SECONDS=0):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)
