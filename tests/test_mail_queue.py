"""The e-mail queue: with the mail server down every action still succeeds,
its e-mails wait in the database, and the worker delivers each exactly once
when the server is back. Commands that stop half-way leave nobody marked as
told who was not.

The other tests send with Django's in-memory backend (pytest-django sets it);
these switch to the portal's real set-up, the queue in the database.
"""

import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from mailer.backend import DbBackend
from mailer.models import RESULT_FAILURE, Message, MessageLog

from asskomm import mail_queue
from events import services as event_services
from events.models import Registration
from members.models import MembershipRequest
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MemberFactory, MunicipalityFactory, UserFactory
from tests.helpers import requires_postgresql, run_concurrently
from tests.training.factories import ApplicationFactory, CohortFactory, application_data
from training.models import Application

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def closed_port():
    """A local port nobody listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server_down(settings):
    """The portal's e-mail set-up, with an SMTP server that refuses connections."""
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return settings


def server_back(settings):
    settings.MAILER_EMAIL_BACKEND = LOCMEM


def deliver():
    call_command("deliver_mail")


def queued_to():
    return sorted(address for message in Message.objects.all() for address in message.to_addresses)


def delivered_to():
    return sorted(address for message in mail.outbox for address in message.to)


# The actions of the issue, through their pages: each returns the response
# and the addresses its e-mails go to.


def register_for_an_event(client_for):
    member = MemberFactory()
    event = EventFactory()
    response = client_for(member).post(reverse("events:register", args=[event.slug]))
    return response, [member.email]


def cancel_a_registration(client_for):
    registration = RegistrationFactory()
    response = client_for(registration.user).post(
        reverse("events:cancel", args=[registration.event.slug])
    )
    return response, [registration.user.email]


def apply_for_training(client_for):
    applicant = UserFactory()
    response = client_for(applicant).post(
        reverse("training:apply", args=[CohortFactory().pk]), application_data()
    )
    return response, [applicant.email]


def sign_up(client_for):
    response = client_for(None).post(
        reverse("account_signup"),
        {
            "first_name": "Anna",
            "last_name": "Schmidt",
            "email": "anna.schmidt@example.org",
            "password1": "Kriminalpraevention-2026",
            "password2": "Kriminalpraevention-2026",
            "privacy_consent": "on",
        },
    )
    return response, ["anna.schmidt@example.org"]


def reset_the_password(client_for):
    person = UserFactory()
    response = client_for(None).post(reverse("account_reset_password"), {"email": person.email})
    return response, [person.email]


def request_membership(client_for):
    applicant = UserFactory()
    response = client_for(applicant).post(
        reverse("members:membership_request"),
        {"municipality": MunicipalityFactory().pk, "function": "Präventionsbeauftragte"},
    )
    assert MembershipRequest.objects.filter(user=applicant).exists()
    return response, [applicant.email]


ACTIONS = [
    register_for_an_event,
    cancel_a_registration,
    apply_for_training,
    sign_up,
    reset_the_password,
    request_membership,
]


@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__)
def test_with_the_server_down_the_action_succeeds_and_its_mail_arrives_once_later(
    action, server_down, client_for
):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        response, recipients = action(client_for)
        assert response.status_code == 302
        assert queued_to() == recipients

        deliver()  # the server refuses: the e-mail stays, deferred
        assert mail.outbox == []
        assert queued_to() == recipients
        assert MessageLog.objects.filter(result=RESULT_FAILURE).count() == len(recipients)

        server_back(server_down)
        clock.shift(mail_queue.retry_delay(0))
        deliver()
        deliver()
        assert delivered_to() == recipients
        assert not Message.objects.exists()


def test_an_action_that_rolls_back_leaves_no_mail(server_down, member):
    event = EventFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        event_services.register(event=event, user=member)
        assert queued_to() == [member.email]  # in the queue with the registration …
        raise RuntimeError("the request fails later")
    assert not Message.objects.exists()  # … and gone with it
    assert not Registration.objects.exists()


# The worker


def queue_one(to="anna@example.org"):
    mail.EmailMessage("Betreff", "Text", "asskomm@example.org", [to]).send()


class Refusing(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class Broken(BaseEmailBackend):
    """Delivers, except to one address, where something unexpected fails."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.to == ["kaputt@example.org"]:
                raise ValueError("unexpected")
            mail.outbox.append(message)
        return len(email_messages)


def test_failed_mail_waits_longer_after_each_attempt_and_then_counts_as_failed(settings):
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = f"{__name__}.Refusing"
    settings.MAILER_EMAIL_MAX_RETRIES = 2
    with time_machine.travel(timezone.now(), tick=False) as clock:
        queue_one()
        deliver()  # attempt 1
        assert mail_queue.waiting().count() == 1
        clock.shift(timedelta(minutes=4))
        assert mail_queue.retry_due_deferred() == 0
        clock.shift(timedelta(minutes=1))  # 5 minutes after attempt 1
        deliver()  # attempt 2
        clock.shift(timedelta(minutes=9))
        assert mail_queue.retry_due_deferred() == 0
        clock.shift(timedelta(minutes=1))  # 10 minutes after attempt 2
        deliver()  # attempt 3, the last
        assert MessageLog.objects.filter(result=RESULT_FAILURE).count() == 3
        clock.shift(timedelta(days=7))
        assert mail_queue.retry_due_deferred() == 0
        assert mail_queue.waiting().count() == 0
        (failed,) = mail_queue.failed()
        assert "ConnectionRefusedError" in mail_queue.last_error(failed)

        # Staff try again once the server is back.
        settings.MAILER_EMAIL_BACKEND = LOCMEM
        mail_queue.retry_now(messages=[failed])
        deliver()
        deliver()
    assert delivered_to() == ["anna@example.org"]
    assert not Message.objects.exists()


def test_the_wait_doubles_up_to_a_limit(settings):
    settings.MAIL_RETRY_DELAY = timedelta(minutes=5)
    settings.MAIL_RETRY_MAX_DELAY = timedelta(hours=6)
    waits = [mail_queue.retry_delay(retries) for retries in range(8)]
    assert waits[:4] == [timedelta(minutes=m) for m in (5, 10, 20, 40)]
    assert waits[-1] == timedelta(hours=6)


def test_one_broken_mail_does_not_hold_up_the_others(settings):
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = f"{__name__}.Broken"
    queue_one("kaputt@example.org")
    queue_one("anna@example.org")
    deliver()
    assert delivered_to() == ["anna@example.org"]
    assert queued_to() == ["kaputt@example.org"]
    assert "ValueError" in mail_queue.last_error(Message.objects.get())


# Commands that stop half-way


@pytest.fixture
def nth_mail_fails(monkeypatch):
    """``nth_mail_fails(n)``: queueing the n-th e-mail raises, as a full disk
    or a broken template would."""

    def arm(n):
        calls = {"count": 0}
        queue = DbBackend.send_messages

        def send_messages(self, email_messages):
            calls["count"] += 1
            if calls["count"] == n:
                raise OSError("No space left on device")
            return queue(self, email_messages)

        monkeypatch.setattr(DbBackend, "send_messages", send_messages)
        return lambda: monkeypatch.setattr(DbBackend, "send_messages", queue)

    return arm


def test_send_reminders_stopping_half_way_marks_only_those_told(settings, nth_mail_fails):
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    event = EventFactory(reminder_days=3)
    registrations = RegistrationFactory.create_batch(3, event=event)
    everyone = sorted(registration.user.email for registration in registrations)
    with time_machine.travel(event.starts_at - timedelta(days=1)):
        repair = nth_mail_fails(2)
        with pytest.raises(OSError):
            call_command("send_reminders")
        marked = Registration.objects.filter(event=event, reminder_sent_at__isnull=False)
        assert queued_to() == sorted(marked.values_list("user__email", flat=True))
        assert marked.count() == 1

        repair()
        call_command("send_reminders")
        call_command("send_reminders")
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    deliver()
    deliver()
    assert delivered_to() == everyone


def test_expire_offers_stopping_half_way_marks_only_those_told(settings, nth_mail_fails):
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    cohorts = [CohortFactory(confirmed=True, capacity=1, offer_reply_days=3) for _ in range(2)]
    lapsing = [ApplicationFactory(cohort=cohort, offered=True) for cohort in cohorts]
    waiting = [
        ApplicationFactory(cohort=cohort, status=Application.Status.WAITLISTED, waitlist_rank=1)
        for cohort in cohorts
    ]
    people = lapsing + waiting

    def told():
        """Everyone whose application changed since the test began."""
        return sorted(
            application.applicant.email
            for application in Application.objects.filter(pk__in=[a.pk for a in people])
            if application.status_changes.exists()
        )

    with time_machine.travel(timezone.now() + timedelta(days=4)):
        repair = nth_mail_fails(3)  # the first of the second cohort's two e-mails
        with pytest.raises(OSError):
            call_command("expire_offers")
        assert queued_to() == told()
        assert len(told()) == 2

        repair()
        call_command("expire_offers")
        call_command("expire_offers")
    assert queued_to() == told() == sorted(a.applicant.email for a in people)
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    deliver()
    deliver()
    assert delivered_to() == sorted(a.applicant.email for a in people)


# What staff see


@pytest.fixture
def failed_mail(settings):
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = f"{__name__}.Refusing"
    settings.MAILER_EMAIL_MAX_RETRIES = 0  # the first failure is the last
    queue_one("anna@example.org")
    deliver()
    return Message.objects.get()


def test_the_admin_start_page_counts_failed_and_waiting_mails(client_for, staff, failed_mail):
    queue_one("bernd@example.org")
    content = client_for(staff).get(reverse("admin:index")).content.decode()
    changelist = reverse("admin:mailer_message_changelist")
    assert f'<a href="{changelist}?state=failed">E-Mails, die nicht zugestellt werden konnten' in (
        content
    )
    assert f'<a href="{changelist}?state=waiting">E-Mails, die auf den Versand warten' in content
    assert "E-Mail-Versand" in content  # the app, and its models, in German
    assert "E-Mails in der Warteschlange" in content
    assert "Zustellversuche" in content


def test_staff_see_why_a_mail_failed_and_send_it_again(client_for, staff, failed_mail, settings):
    client = client_for(staff)
    changelist = reverse("admin:mailer_message_changelist")
    listed = client.get(changelist, {"state": "failed"})
    assert list(listed.context["cl"].queryset) == [failed_mail]
    assert not client.get(changelist, {"state": "waiting"}).context["cl"].queryset.exists()
    page = client.get(reverse("admin:mailer_message_change", args=[failed_mail.pk]))
    assert "ConnectionRefusedError" in page.content.decode()
    attempts = client.get(reverse("admin:mailer_messagelog_changelist"))
    assert "anna@example.org" in attempts.content.decode()

    client.post(changelist, {"action": "try_again", "_selected_action": [failed_mail.pk]})
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    deliver()
    assert delivered_to() == ["anna@example.org"]


def test_the_queue_is_for_the_team_only(client_for, member, failed_mail):
    changelist = reverse("admin:mailer_message_changelist")
    response = client_for(member).get(changelist)
    assert response.status_code == 302  # to the admin's login
    coordinator = UserFactory(is_staff=True)  # staff, but not in the team
    assert client_for(coordinator).get(changelist).status_code == 403
    index = client_for(coordinator).get(reverse("admin:index")).content.decode()
    assert "?state=failed" not in index


def test_production_settings_queue_mail_and_deliver_it_to_email_url():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.MAILER_EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT)"
    )
    environ = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        env={
            **environ,
            "DJANGO_SETTINGS_MODULE": "asskomm.settings",
            "DJANGO_DEBUG": "1",
            "EMAIL_URL": "smtp+tls://portal:geheim@mail.example.org:587",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "mailer.backend.DbBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "587",
    ]


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_workers_running_at_once_deliver_each_mail_once(settings):
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    addresses = sorted(f"person{n}@example.org" for n in range(20))
    for address in addresses:
        queue_one(address)
    _results, errors = run_concurrently(lambda _: mail_queue.deliver(), range(4))
    assert errors == []
    assert delivered_to() == addresses
    assert not Message.objects.exists()


def test_a_pass_ends_after_a_few_failures_so_a_dead_server_does_not_stall_it(server_down):
    for n in range(server_down.MAILER_EMAIL_MAX_DEFERRED + 2):
        queue_one(f"person{n}@example.org")
    deliver()
    attempted = MessageLog.objects.filter(result=RESULT_FAILURE).count()
    assert attempted == server_down.MAILER_EMAIL_MAX_DEFERRED
    assert Message.objects.count() == server_down.MAILER_EMAIL_MAX_DEFERRED + 2
