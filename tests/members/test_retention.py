"""Retention: ``manage.py purge_expired`` deletes what the periods in
``ASSKOMM_RETENTION`` let expire, and nothing else."""

from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from events.models import Registration
from members.models import User
from members.services import purge_expired
from tests.events.factories import RegistrationFactory
from tests.factories import UserFactory
from tests.training.factories import ApplicationFactory, CohortFactory
from training.models import Application, Cohort

pytestmark = pytest.mark.django_db

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def periods(settings):
    settings.ASSKOMM_RETENTION = {
        "applications_closed_days": 365,
        "registrations_cancelled_days": 90,
        "unverified_signups_days": 30,
        "guest_data_days": 30,
        "barrier_reports_days": 365,
    }


def closed_application(status, **fields):
    application = ApplicationFactory(
        cohort=CohortFactory(running=True, status=Cohort.Status.COMPLETED),
        status=status,
        supervisor_email="chefin@riesa.example",
        **fields,
    )
    application.status_changes.create(to_status=status, changed_at=timezone.now())
    return application


def cancelled_registration():
    return RegistrationFactory(status=Registration.Status.CANCELLED, cancelled_at=timezone.now())


def unverified_sign_up(**fields):
    """Signed up, but never confirmed the address."""
    person = UserFactory(verified=False, **fields)
    EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)
    return person


def session_expiring(at):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=at)
    return store.session_key


def test_each_kind_expires_after_its_own_period(periods):
    with time_machine.travel(START, tick=False):
        rejected = closed_application(Application.Status.REJECTED)
        withdrawn = closed_application(Application.Status.WITHDRAWN)
        graduate = closed_application(Application.Status.ACCEPTED)
        cancelled = cancelled_registration()
        confirmed = RegistrationFactory()
        unverified = unverified_sign_up()
        verified = UserFactory()
        session_expiring(START + timedelta(days=30))

    with time_machine.travel(START + timedelta(days=29), tick=False):
        counts = purge_expired()
        assert set(counts.values()) == {0}
        assert User.objects.filter(pk=unverified.pk).exists()

    with time_machine.travel(START + timedelta(days=31), tick=False):
        counts = purge_expired()
        assert counts == {
            "unbestätigte Registrierungen": 1,
            "abgelaufene Sitzungen": 1,
            "stornierte Anmeldungen": 0,
            "unbestätigte Gast-Anmeldungen": 0,
            "Daten von Gästen vergangener Veranstaltungen": 0,
            "abgelehnte und zurückgezogene Bewerbungen": 0,
            "beantwortete Meldungen von Barrieren": 0,
        }
        assert not User.objects.filter(pk=unverified.pk).exists()
        assert User.objects.filter(pk=verified.pk).exists()

    with time_machine.travel(START + timedelta(days=91), tick=False):
        assert purge_expired()["stornierte Anmeldungen"] == 1
        assert not Registration.objects.filter(pk=cancelled.pk).exists()
        assert Registration.objects.filter(pk=confirmed.pk).exists()
        assert Application.objects.filter(pk__in=[rejected.pk, withdrawn.pk]).count() == 2

    with time_machine.travel(START + timedelta(days=366), tick=False):
        assert purge_expired()["abgelehnte und zurückgezogene Bewerbungen"] == 2
        assert list(Application.objects.all()) == [graduate]
        assert not Application.objects.filter(supervisor_email="chefin@riesa.example").exclude(
            pk=graduate.pk
        )


def test_a_second_run_deletes_nothing_more(periods):
    with time_machine.travel(START, tick=False):
        closed_application(Application.Status.REJECTED)
        cancelled_registration()
        unverified_sign_up()
    with time_machine.travel(START + timedelta(days=400), tick=False):
        first = purge_expired()
        second = purge_expired()
    assert sum(first.values()) == 3
    assert set(second.values()) == {0}


def test_applications_of_cohorts_still_under_way_are_kept(periods):
    with time_machine.travel(START, tick=False):
        application = ApplicationFactory(
            cohort=CohortFactory(running=True), status=Application.Status.REJECTED
        )
        application.status_changes.create(to_status=Application.Status.REJECTED)
    with time_machine.travel(START + timedelta(days=400), tick=False):
        purge_expired()
    assert Application.objects.filter(pk=application.pk).exists()


def test_people_who_ever_logged_in_or_staff_are_not_unverified_sign_ups(periods):
    with time_machine.travel(START, tick=False):
        logged_in = unverified_sign_up(last_login=START)
        staff = unverified_sign_up(is_staff=True)
    with time_machine.travel(START + timedelta(days=400), tick=False):
        purge_expired()
    assert User.objects.filter(pk__in=[logged_in.pk, staff.pk]).count() == 2


def test_accounts_staff_created_in_the_admin_are_not_unverified_sign_ups(periods):
    with time_machine.travel(START, tick=False):
        created_by_staff = UserFactory(verified=False)  # no e-mail address row at all
    with time_machine.travel(START + timedelta(days=400), tick=False):
        purge_expired()
    assert User.objects.filter(pk=created_by_staff.pk).exists()


def test_the_periods_come_from_the_settings(settings):
    settings.ASSKOMM_RETENTION = {
        "applications_closed_days": 365,
        "registrations_cancelled_days": 7,
        "unverified_signups_days": 30,
        "guest_data_days": 30,
        "barrier_reports_days": 365,
    }
    with time_machine.travel(START, tick=False):
        cancelled_registration()
    with time_machine.travel(START + timedelta(days=8), tick=False):
        assert purge_expired()["stornierte Anmeldungen"] == 1


def test_the_command_prints_what_it_deleted(periods, capsys):
    with time_machine.travel(START, tick=False):
        cancelled_registration()
    with time_machine.travel(START + timedelta(days=100), tick=False):
        call_command("purge_expired")
    output = capsys.readouterr().out
    assert "stornierte Anmeldungen: 1" in output
    assert "abgelaufene Sitzungen: 0" in output


def test_the_documented_defaults_are_the_settings():
    assert settings.ASSKOMM_RETENTION == {
        "applications_closed_days": 365,
        "registrations_cancelled_days": 90,
        "unverified_signups_days": 30,
        "guest_data_days": 30,
        "barrier_reports_days": 365,
    }
