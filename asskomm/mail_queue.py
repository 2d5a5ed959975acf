"""The e-mail queue: django-mailer keeps every e-mail in the database, this
module adds what it lacks – a back-off between attempts, and an end.

Every e-mail the portal sends goes through ``EMAIL_BACKEND =
"mailer.backend.DbBackend"``, which writes it as a row in the transaction of
the action that causes it: when the action commits the e-mail is kept, when
it rolls back nothing is sent. ``manage.py deliver_mail`` hands the queue to
the real server (``MAILER_EMAIL_BACKEND``, from ``EMAIL_URL``).

A delivery that fails leaves the e-mail *deferred* with a failure in the log
(``defer_on_failure``). Each run of ``deliver_mail`` puts a deferred e-mail
back in the queue once its wait is over (``retry_delay``: it doubles with
every attempt); after ``MAILER_EMAIL_MAX_RETRIES`` retries it stays deferred
and counts as failed, for staff to see in the admin.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from mailer.engine import ensure_message_id, send_all
from mailer.models import (
    PRIORITY_DEFERRED,
    PRIORITY_MEDIUM,
    RESULT_FAILURE,
    Message,
    MessageLog,
    get_message_id,
)

from asskomm.panels import AttentionItem

logger = logging.getLogger(__name__)


def max_retries():
    return settings.MAILER_EMAIL_MAX_RETRIES


def retry_delay(retries):
    """How long a deferred e-mail waits after its ``retries + 1``-th failed
    attempt: ``MAIL_RETRY_DELAY``, doubled each time, at most
    ``MAIL_RETRY_MAX_DELAY``."""
    first = settings.MAIL_RETRY_DELAY
    return min(first * 2**retries, settings.MAIL_RETRY_MAX_DELAY)


def defer_on_failure(connection, message, exc):
    """``MAILER_ERROR_HANDLER``: whatever went wrong, the e-mail stays in the
    queue, deferred, and the failure is logged under its Message-ID (given
    here if it has none), so the back-off can find its last attempt.

    django-mailer's own handler defers only network and SMTP errors and
    re-raises anything else, which would stop the run for every e-mail
    behind a broken one."""
    email = message.email
    if email is not None:
        ensure_message_id(email)
        message.email = email
    message.defer()
    MessageLog.objects.log(message, RESULT_FAILURE, log_message=f"{type(exc).__name__}: {exc}")
    logger.warning("E-mail %s deferred: %s", message.pk, exc)
    return None, "deferred"  # a new connection for the next e-mail


def retry_due_deferred(*, now=None):
    """Puts deferred e-mails whose wait is over back in the queue; those
    that used up their retries stay deferred. Returns how many."""
    now = now or timezone.now()
    waiting = list(Message.objects.deferred().filter(retry_count__lt=max_retries()))
    message_ids = {message.pk: _message_id(message) for message in waiting}
    last_failures = dict(
        MessageLog.objects.filter(
            result=RESULT_FAILURE, message_id__in=[i for i in message_ids.values() if i]
        )
        .values_list("message_id")
        .annotate(last=Max("when_attempted"))
    )
    due = []
    for message in waiting:
        last = last_failures.get(message_ids[message.pk])
        if last is None or now >= last + retry_delay(message.retry_count):
            due.append(message.pk)
    return (
        Message.objects.deferred()
        .filter(pk__in=due)
        .update(priority=PRIORITY_MEDIUM, retry_count=F("retry_count") + 1)
    )


def deliver(*, now=None):
    """One run of the worker: deferred e-mails whose wait is over back into
    the queue, then one pass through the queue."""
    retried = retry_due_deferred(now=now)
    send_all()
    return retried


@transaction.atomic
def retry_now(*, messages):
    """Staff try again at once: the next run of the worker sends the chosen
    e-mails, with a fresh series of attempts."""
    return Message.objects.filter(pk__in=[message.pk for message in messages]).update(
        priority=PRIORITY_MEDIUM, retry_count=0
    )


def failed():
    """E-mails that used up their retries: they wait for staff."""
    return Message.objects.deferred().filter(retry_count__gte=max_retries())


def waiting():
    """E-mails the worker will still try to deliver."""
    return Message.objects.exclude(priority=PRIORITY_DEFERRED, retry_count__gte=max_retries())


def is_failed(message):
    return message.priority == PRIORITY_DEFERRED and message.retry_count >= max_retries()


def last_error(message):
    """The log line of the e-mail's last failed attempt, or ""."""
    message_id = _message_id(message)
    if not message_id:
        return ""
    log = (
        MessageLog.objects.filter(result=RESULT_FAILURE, message_id=message_id)
        .order_by("-when_attempted")
        .first()
    )
    return log.log_message if log else ""


def attention_items(request):
    """For the admin's start page: e-mails waiting, failing and failed."""
    if not request.user.has_perm("mailer.view_message"):
        return None
    changelist = reverse("admin:mailer_message_changelist")
    counts = [
        (_("E-mails waiting to be sent"), Message.objects.non_deferred(), "waiting"),
        (
            _("E-mails that failed and will be tried again"),
            waiting().filter(priority=PRIORITY_DEFERRED),
            "retrying",
        ),
        (_("E-mails that could not be sent"), failed(), "failed"),
    ]
    return [
        AttentionItem(label, count, f"{changelist}?state={state}")
        for label, queryset, state in counts
        if (count := queryset.count())
    ]


def _message_id(message):
    email = message.email
    return get_message_id(email) if email is not None else None
