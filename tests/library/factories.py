from datetime import date

import factory
from django.core.files.base import ContentFile

from library.models import Resource
from tests.events.factories import PDF_BYTES


class ResourceFactory(factory.django.DjangoModelFactory):
    """A guide for all members, as a PDF."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Leitfaden {n}")
    summary = "Ein kurzer Leitfaden für die kommunale Praxis."
    kind = Resource.Kind.GUIDE
    audience = Resource.Audience.MEMBERS
    published_on = date(2024, 5, 1)
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="leitfaden.pdf"))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def invited(self, create, extracted, **kwargs):
        if create and extracted:
            self.invited_municipalities.set(extracted)
