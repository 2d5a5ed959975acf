"""The news' part of a person's data: their digest subscription (see
``members.privacy``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.privacy import PersonalData, entry
from news.models import DigestSubscription


def export(user):
    subscription = DigestSubscription.objects.filter(user=user).first()
    if subscription is None:
        return []
    return [entry(subscription, ["active", "last_sent_at"], title=_("Weekly digest"))]


def erase(user, now):
    DigestSubscription.objects.filter(user=user).delete()


SECTION = PersonalData(
    key="news",
    title=gettext_lazy("Weekly digest"),
    export=export,
    erase=erase,
    order=60,
)
