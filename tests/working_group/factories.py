from datetime import timedelta

import factory
from django.utils import timezone

from events.models import Event
from tests.events.factories import EventFactory
from tests.factories import WorkingGroupSeatFactory
from working_group.models import ActionItem, Decision, Minutes


class SessionFactory(EventFactory):
    """A session of the working group, a month ago."""

    title = factory.Sequence(lambda n: f"Sitzung der AG ASSKomm {n}")
    slug = factory.Sequence(lambda n: f"ag-sitzung-{n}")
    kind = Event.Kind.WORKING_GROUP
    region = Event.Region.STATEWIDE
    audience = Event.Audience.WORKING_GROUP
    capacity = None
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))


class MinutesFactory(factory.django.DjangoModelFactory):
    """A draft (without history; ``services.save_minutes`` writes that)."""

    class Meta:
        model = Minutes

    session = factory.SubFactory(SessionFactory)
    text = "TOP 1 – Bericht des Teams."


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Beschluss {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    """An open item of a seat, due in two weeks."""

    class Meta:
        model = ActionItem

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Aufgabe {n}")
    owner_seat = factory.SubFactory(WorkingGroupSeatFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
