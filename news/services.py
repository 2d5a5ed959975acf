"""The weekly digest: what goes into it, who gets it, and when.

Every app may list ``DIGEST_SECTIONS`` in its ``digest.py``::

    DIGEST_SECTIONS = [
        {"label": _("…"), "items": lambda user, since: <queryset the person may see>},
    ]

``send_due_digests`` is safe to run as often as one likes (hourly from
cron): a person gets a digest when the last one is at least a week old, and
the e-mail is queued in the same transaction that records it as sent.
"""

from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules, module_has_submodule

from asskomm.emails import send_to_user
from members import facts
from news.models import DigestSubscription

DIGEST_INTERVAL = timedelta(days=7)
ITEMS_PER_SECTION = 20
UNSUBSCRIBE_SALT = "news.digest.unsubscribe"


@dataclass(frozen=True)
class Section:
    label: str
    items: list


def digest_sections():
    """The sections every installed app declares, in the order of INSTALLED_APPS."""
    autodiscover_modules("digest")
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "digest"):
            module = import_module(f"{config.name}.digest")
            found.extend(getattr(module, "DIGEST_SECTIONS", []))
    return found


def digest_for(user, since):
    """The non-empty sections of ``user``'s digest: what is new since ``since``."""
    sections = []
    for section in digest_sections():
        items = list(section["items"](user, since)[:ITEMS_PER_SECTION])
        if items:
            sections.append(Section(str(section["label"]), items))
    return sections


def subscription_of(user):
    """The person's subscription (the one loaded with the person, when the
    page did: see ``members.facts.load``), or an unsaved inactive one."""
    subscription = facts.loaded_row(user, "digest_subscription")
    if subscription is facts.NOT_LOADED:
        subscription = DigestSubscription.objects.filter(user=user).first()
    return subscription or DigestSubscription(user=user)


def set_subscription(user, active):
    subscription, _created = DigestSubscription.objects.get_or_create(user=user)
    subscription.active = active
    subscription.save(update_fields=["active", "changed_at"])
    return subscription


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_by_token(token):
    """Ends the subscription the token names; False when the token is not ours."""
    try:
        user_pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return False
    DigestSubscription.objects.filter(user_id=user_pk).update(active=False)
    return True


def due_subscriptions(now):
    return DigestSubscription.objects.filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - DIGEST_INTERVAL),
        active=True,
        user__is_active=True,
    ).exclude(user__email="")


def send_due_digests(now=None):
    """Sends every digest that is due; returns how many e-mails were queued.

    A digest with nothing in it is not sent, but counts as sent: the person
    is looked at again a week later, not every hour."""
    now = now or timezone.now()
    sent = 0
    for pk in due_subscriptions(now).values_list("pk", flat=True):
        with transaction.atomic():
            subscription = (
                due_subscriptions(now)
                .select_for_update(of=("self",))
                .select_related("user")
                .filter(pk=pk)
            ).first()
            if subscription is None:  # another run was faster, or the person opted out
                continue
            since = subscription.last_sent_at or now - DIGEST_INTERVAL
            sections = digest_for(subscription.user, since)
            if sections:
                send_digest_mail(subscription.user, sections)
                sent += 1
            subscription.last_sent_at = now
            subscription.save(update_fields=["last_sent_at"])
    return sent


def send_digest_mail(user, sections):
    from django.conf import settings

    unsubscribe_url = settings.SITE_URL + reverse(
        "news:unsubscribe", kwargs={"token": unsubscribe_token(user)}
    )
    return send_to_user(
        user=user,
        template="news/digest",
        context={"sections": sections, "unsubscribe_url": unsubscribe_url},
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
