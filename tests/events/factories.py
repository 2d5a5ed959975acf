from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from events.models import Event, EventDocument, Registration
from tests.factories import MemberFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class EventFactory(factory.django.DjangoModelFactory):
    """A published event for all members, two weeks ahead, with room."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Vernetzungstreffen {n}")
    slug = factory.Sequence(lambda n: f"vernetzungstreffen-{n}")
    kind = Event.Kind.REGIONAL_MEETING
    region = Event.Region.DRESDEN
    audience = Event.Audience.MEMBERS
    status = Event.Status.PUBLISHED
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=4))
    venue_name = "Rathaus"
    capacity = 20


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(MemberFactory)
    status = Registration.Status.CONFIRMED


class EventDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventDocument

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Protokoll {n}")
    kind = EventDocument.Kind.MINUTES
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="protokoll.pdf"))


class GuestRegistrationFactory(factory.django.DjangoModelFactory):
    """A guest without an account with a confirmed place at a public event."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory, audience=Event.Audience.PUBLIC)
    user = None
    guest_name = factory.Sequence(lambda n: f"Gast {n}")
    guest_email = factory.Sequence(lambda n: f"gast{n}@example.net")
    guest_organisation = "Verein für Prävention e. V."
    status = Registration.Status.CONFIRMED
