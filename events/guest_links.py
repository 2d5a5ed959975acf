"""The links in a guest's e-mails. A guest has no account, so a signed
link stands in for the login: one confirms the e-mail address (valid for
``GUEST_CONFIRMATION_PERIOD``), one cancels the registration (valid as
long as the registration is).

A token names the registration, its event and (by a hash, so that the
address does not end up in logs and browser histories) the guest's
address: it stops working when the guest's data is erased, and a token for
one purpose is no good for the other (each has its own salt).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import salted_hmac

from events.models import GUEST_CONFIRMATION_PERIOD, Event, Registration

CONFIRM = "events.guest.confirm"
CANCEL = "events.guest.cancel"

_URL_NAMES = {CONFIRM: "events:guest_confirm", CANCEL: "events:guest_cancel"}


class LinkExpired(Exception):
    """A genuine confirmation link, but too old; ``event`` is what it was
    for (None if the event is gone)."""

    def __init__(self, event):
        super().__init__("expired")
        self.event = event


def _address_hash(email):
    return salted_hmac("events.guest.address", email).hexdigest()[:16]


def token(registration, purpose):
    payload = {
        "r": registration.pk,
        "e": registration.event_id,
        "m": _address_hash(registration.guest_email),
    }
    return signing.dumps(payload, salt=purpose)


def path(registration, purpose):
    return reverse(_URL_NAMES[purpose], kwargs={"token": token(registration, purpose)})


def url(registration, purpose):
    """The full address, for an e-mail."""
    return settings.SITE_URL + path(registration, purpose)


def confirm_url(registration):
    return url(registration, CONFIRM)


def cancel_url(registration):
    return url(registration, CANCEL)


def registration_for(value, purpose):
    """The guest's registration ``value`` names, with its event; None for a
    token that is not ours or whose registration (or guest data) is gone.
    Raises ``LinkExpired`` for a confirmation link past its period."""
    max_age = GUEST_CONFIRMATION_PERIOD if purpose == CONFIRM else None
    try:
        payload = signing.loads(value, salt=purpose, max_age=max_age)
    except signing.SignatureExpired:
        payload = signing.loads(value, salt=purpose)
        raise LinkExpired(Event.objects.filter(pk=payload.get("e")).first()) from None
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    registration = (
        Registration.objects.guests()
        .exclude(guest_email="")
        .select_related("event")
        .filter(pk=payload.get("r"), event_id=payload.get("e"))
        .first()
    )
    if registration is None or _address_hash(registration.guest_email) != payload.get("m"):
        return None
    return registration
