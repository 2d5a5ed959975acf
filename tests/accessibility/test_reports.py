"""Reporting a barrier: stored, confirmed, announced to the team; bad input
is refused in German and kept; robots and floods are turned away."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accessibility import services
from accessibility.models import BarrierReport
from members.services import purge_expired

pytestmark = pytest.mark.django_db

URL = reverse("accessibility:report")
GOOD = {
    "page": "/events/",
    "description": "Der Filter lässt sich mit der Tastatur nicht öffnen.",
    "name": "Jana Beispiel",
    "email": "jana@example.org",
}


@pytest.fixture(autouse=True)
def team_address(settings):
    settings.TEAM_EMAIL = "team@asskomm.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_report_is_stored_confirmed_and_sent_to_the_team(client):
    response = client.post(URL, GOOD, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accessibility:statement")
    assert "jana@example.org" in response.content.decode()
    report = BarrierReport.objects.get()
    assert report.page == "/events/"
    assert report.status == BarrierReport.Status.OPEN
    assert report.language == "de"
    to_reporter, to_team = mail.outbox
    assert to_reporter.to == ["jana@example.org"]
    assert "Tastatur" in to_reporter.body
    assert to_team.to == ["team@asskomm.example"]
    assert to_team.reply_to == ["jana@example.org"]
    assert f"/admin/accessibility/barrierreport/{report.pk}/change/" in to_team.body


def test_an_anonymous_report_needs_no_name_nor_address(client):
    response = client.post(URL, {**GOOD, "name": "", "email": ""}, follow=True)
    assert response.status_code == 200
    assert BarrierReport.objects.get().email == ""
    [to_team] = mail.outbox
    assert to_team.to == ["team@asskomm.example"]
    assert "anonym" in to_team.body


def test_without_a_team_address_the_report_goes_to_the_contact_address(client, settings):
    settings.TEAM_EMAIL = ""
    settings.ASSKOMM_CONTACT = {**settings.ASSKOMM_CONTACT, "email": "kontakt@lpr.example"}
    client.post(URL, {**GOOD, "email": ""})
    assert [message.to for message in mail.outbox] == [["kontakt@lpr.example"]]


def test_the_page_of_the_report_can_come_with_the_link(client):
    response = client.get(URL, {"page": "/library/"})
    assert 'value="/library/"' in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"page": ""}, "Bitte nennen Sie die Seite, auf der Sie die Barriere bemerkt haben."),
        ({"description": "   "}, "Bitte beschreiben Sie die Barriere."),
        ({"email": "jana@"}, "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({"description": "x" * 5001}, "Bitte kürzen Sie die Beschreibung auf 5000 Zeichen."),
    ],
)
def test_bad_input_is_refused_in_german_and_kept(client, data, message):
    response = client.post(URL, {**GOOD, **data})
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text
    assert "Jana Beispiel" in text  # what the person typed is still there
    assert not BarrierReport.objects.exists()
    assert not mail.outbox


def test_a_robot_filling_the_trap_gets_thanks_but_nothing_is_kept(client):
    response = client.post(URL, {**GOOD, "website": "https://spam.example"}, follow=True)
    assert response.status_code == 200
    assert not BarrierReport.objects.exists()
    assert not mail.outbox


def test_a_flood_from_one_address_is_stopped_with_the_input_kept(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "report_barrier": "2/h/ip"}
    for _ in range(2):
        client.post(URL, GOOD)
    response = client.post(URL, {**GOOD, "description": "Noch eine Meldung"})
    assert response.status_code == 429
    text = response.content.decode()
    assert "in kurzer Zeit mehrere Meldungen" in text
    assert "Noch eine Meldung" in text
    assert BarrierReport.objects.count() == 2


def test_answered_reports_expire_and_open_ones_stay():
    now = timezone.now()
    old = services.report_barrier(page="/a/", description="alt", now=now - timedelta(days=500))
    services.set_status(
        report=old, status=BarrierReport.Status.ANSWERED, now=now - timedelta(days=400)
    )
    old.save()
    long_ago = now - timedelta(days=500)
    waiting = services.report_barrier(page="/b/", description="offen", now=long_ago)
    recent = services.report_barrier(page="/c/", description="neu")
    services.set_status(report=recent, status=BarrierReport.Status.ANSWERED)
    recent.save()
    counts = purge_expired(now=now)
    assert counts["beantwortete Meldungen von Barrieren"] == 1
    assert set(BarrierReport.objects.values_list("pk", flat=True)) == {waiting.pk, recent.pk}


def test_opening_an_answered_report_again_clears_its_date():
    report = services.report_barrier(page="/a/", description="x")
    services.set_status(report=report, status=BarrierReport.Status.ANSWERED)
    assert report.answered_at is not None
    services.set_status(report=report, status=BarrierReport.Status.OPEN)
    assert report.answered_at is None
