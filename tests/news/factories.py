import factory
from django.utils import timezone

from news.models import DigestSubscription, News
from tests.factories import MemberFactory


class NewsFactory(factory.django.DjangoModelFactory):
    """A current news item for members."""

    class Meta:
        model = News

    title = factory.Sequence(lambda n: f"Neuigkeit {n}")
    text = "Ein kurzer Text."
    audience = News.Audience.MEMBERS
    publish_from = factory.LazyFunction(timezone.now)


class DigestSubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestSubscription

    user = factory.SubFactory(MemberFactory)
    active = True
