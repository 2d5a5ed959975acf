"""Who sees which event: every audience for every kind of person, and the
same rule through every page that shows events."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.urls import reverse

from events.models import Event, Registration
from tests.events.factories import EventDocumentFactory, EventFactory, RegistrationFactory
from tests.factories import UserFactory
from tests.training.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous",
    "applicant",
    "member",
    "invited_member",
    "working_group_member",
    "alumna",
    "staff",
    "coordinator",
]

# audience -> the people who see a published event of that audience
SEES = {
    "public": set(PEOPLE),
    "members": {"member", "invited_member", "working_group_member", "staff", "coordinator"},
    "working_group": {"working_group_member", "staff", "coordinator"},
    "alumni": {"alumna", "staff", "coordinator"},
    "invited": {"invited_member", "staff", "coordinator"},
}


@pytest.fixture
def alumna(db):
    """A graduate of a Beccaria cohort who is not a network member: the
    alumni audience is the graduates, members or not."""
    return ApplicationFactory(graduated=True).applicant


@pytest.fixture
def person(applicant, member, invited_member, working_group_member, alumna, staff, coordinator):
    return {
        "anonymous": AnonymousUser(),
        "applicant": applicant,
        "member": member,
        "invited_member": invited_member,
        "working_group_member": working_group_member,
        "alumna": alumna,
        "staff": staff,
        "coordinator": coordinator,
    }


def event_for(audience, invited_town):
    event = EventFactory(audience=audience, region=Event.Region.DRESDEN)
    if audience == "invited":
        event.invited_municipalities.add(invited_town)
    return event


@pytest.mark.parametrize("audience", list(SEES))
@pytest.mark.parametrize("who", PEOPLE)
def test_audience_decides_who_sees_an_event(person, invited_town, audience, who):
    event = event_for(audience, invited_town)
    visible = Event.objects.visible_to(person[who]).filter(pk=event.pk).exists()
    assert visible == (who in SEES[audience])


@pytest.mark.parametrize("who", PEOPLE)
def test_drafts_are_for_the_organisers_only(person, who):
    draft = EventFactory(status=Event.Status.DRAFT, audience="public", region="dresden")
    visible = Event.objects.visible_to(person[who]).filter(pk=draft.pk).exists()
    assert visible == (who in {"staff", "coordinator"})


def test_a_coordinator_sees_drafts_of_their_region_only(coordinator):
    own = EventFactory(status=Event.Status.DRAFT, region="dresden")
    other = EventFactory(status=Event.Status.DRAFT, region="leipzig")
    visible = set(Event.objects.visible_to(coordinator))
    assert own in visible
    assert other not in visible


def test_cancelled_events_stay_visible_to_their_audience(member):
    cancelled = EventFactory(status=Event.Status.CANCELLED)
    assert cancelled in Event.objects.visible_to(member)


def test_an_invitation_is_for_members_of_the_invited_municipality(invited_town, applicant):
    event = event_for("invited", invited_town)
    applicant.municipality = invited_town  # affiliated, but not a member
    applicant.save()
    assert event not in Event.objects.visible_to(applicant)


@pytest.mark.parametrize("audience", list(SEES))
@pytest.mark.parametrize("who", ["anonymous", "applicant", "member", "invited_member", "alumna"])
def test_every_page_of_an_event_follows_its_audience(
    client_for, person, invited_town, audience, who
):
    event = event_for(audience, invited_town)
    document = EventDocumentFactory(event=event)
    client = client_for(None if who == "anonymous" else person[who])
    sees = who in SEES[audience]
    # Anonymous visitors are asked to log in where signed-in people get a 404.
    expected = 200 if sees else 302 if who == "anonymous" else 404
    assert client.get(event.get_absolute_url()).status_code == expected
    assert client.get(reverse("events:ics", args=[event.slug])).status_code == expected
    assert client.get(document.get_absolute_url()).status_code == expected
    listed = event.title in client.get(reverse("events:list")).content.decode()
    assert listed == sees
    if who != "anonymous":
        response = client.post(reverse("events:register", args=[event.slug]))
        assert response.status_code == (302 if sees else 404)
        assert event.registrations.exists() == sees


def test_a_participant_becomes_alumna_only_on_completion(client_for):
    event = EventFactory(audience="alumni", title="Treffen der Beccarianer*innen")
    participation = ApplicationFactory(accepted=True)
    client = client_for(participation.applicant)
    assert client.get(event.get_absolute_url()).status_code == 404
    participation.completed_on = participation.cohort.starts_on
    participation.save()
    assert client.get(event.get_absolute_url()).status_code == 200


class TestManagedBy:
    """``managed_by`` always answers with a queryset of events."""

    def test_the_team_manages_every_event(self, staff):
        events = {EventFactory(region="dresden"), EventFactory(region="leipzig")}
        assert set(Event.objects.managed_by(staff)) == events

    def test_a_coordinator_manages_the_events_of_their_region(self, coordinator):
        dresden = EventFactory(region="dresden")
        EventFactory(region="leipzig")
        assert list(Event.objects.managed_by(coordinator)) == [dresden]

    @pytest.mark.parametrize("who", ["anonymous", "applicant", "member", "staff_without_region"])
    def test_everybody_else_manages_none(self, applicant, member, who):
        EventFactory(region="dresden")
        person = {
            "anonymous": AnonymousUser(),
            "applicant": applicant,
            "member": member,
            "staff_without_region": UserFactory(is_staff=True),
        }[who]
        managed = Event.objects.managed_by(person)
        assert isinstance(managed, QuerySet)
        assert not managed.exists()
        assert not Event.objects.filter(pk__in=managed).exists()


class TestInside:
    """Who gets the online link: organisers and confirmed participants."""

    def test_confirmed_participants_and_organisers_are_inside(self, member, staff, coordinator):
        event = EventFactory(region="dresden")
        elsewhere = EventFactory(region="leipzig")
        RegistrationFactory(event=event, user=member)
        assert set(Event.objects.inside(member)) == {event}
        assert set(Event.objects.inside(staff)) == {event, elsewhere}
        assert set(Event.objects.inside(coordinator)) == {event}
        assert event.is_inside(member) and not elsewhere.is_inside(coordinator)

    def test_waiting_cancelled_and_anonymous_are_outside(self, member, other_member):
        event = EventFactory()
        RegistrationFactory(event=event, user=member, status=Registration.Status.WAITLISTED)
        RegistrationFactory(
            event=event,
            user=other_member,
            status=Registration.Status.CANCELLED,
            cancelled_at=event.starts_at,
        )
        assert not event.is_inside(member)
        assert not event.is_inside(other_member)
        assert not event.is_inside(AnonymousUser())
