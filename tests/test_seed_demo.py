from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import authenticate
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone

from members.demo import DEMO_PASSWORD
from members.models import Municipality, User
from training.alumni import alumni
from training.models import Application, Cohort, Programme, ProjectTeam

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row the portal's apps hold, serialised."""
    models = [
        model
        for app_label in (
            "members",
            "events",
            "training",
            "library",
            "projects",
            "working_group",
            "account",
            "auth",
        )
        for model in apps.get_app_config(app_label).get_models()
    ]
    return {
        model._meta.label: serializers.serialize("json", model.objects.order_by("pk"))
        for model in models
    }


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first


def test_seed_demo_prints_the_demo_logins(capsys):
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert DEMO_PASSWORD in output
    for email in (
        "team@example.org",
        "mitglied@example.org",
        "ag@example.org",
        "s.lorenz@example.org",
    ):
        assert email in output
    assert "Beccaria alumnus" in output


def test_demo_accounts_have_their_roles():
    call_command("seed_demo")
    for email in (
        "team@example.org",
        "mitglied@example.org",
        "ag@example.org",
        "bewerberin@example.org",
    ):
        assert authenticate(email=email, password=DEMO_PASSWORD) is not None, email
        assert User.objects.get(email=email).emailaddress_set.get().verified
    team = User.objects.get(email="team@example.org")
    assert team.is_staff and team.is_superuser
    mitglied = User.objects.get(email="mitglied@example.org")
    assert mitglied.is_network_member
    assert mitglied.municipality.name == "Leipzig"
    assert mitglied.listed_in_directory
    ag = User.objects.get(email="ag@example.org")
    assert ag.is_network_member and ag.is_working_group_member
    bewerberin = User.objects.get(email="bewerberin@example.org")
    assert not bewerberin.is_network_member


def test_demo_municipalities_are_real_saxon_ones():
    call_command("seed_demo")
    kreise = Municipality.objects.filter(ags__endswith="000")
    assert kreise.count() == 13
    towns = Municipality.objects.exclude(ags__endswith="000")
    assert towns.count() >= 20
    assert set(towns.values_list("kreis_key", flat=True)) >= {
        "14521",
        "14522",
        "14523",
        "14524",
        "14625",
        "14626",
        "14627",
        "14628",
        "14729",
        "14730",
    }
    for municipality in Municipality.objects.all():
        municipality.full_clean()  # valid key, kind consistent with it
    assert Municipality.objects.get(ags="14626110").name == "Görlitz"
    assert Municipality.objects.filter(is_model_municipality=True).count() == 8


def test_seeding_again_months_later_changes_nothing():
    call_command("seed_demo")
    first = snapshot()
    with time_machine.travel(timezone.now() + timedelta(days=200)):
        call_command("seed_demo")
    assert snapshot() == first


def test_demo_training_has_every_stage_of_the_beccaria_programme():
    call_command("seed_demo")
    beccaria = Programme.objects.get(slug="beccaria")
    assert beccaria.modules.count() == 4
    assert beccaria.certificate_title == "Fachkraft für Kriminalprävention"
    *imported, completed, running, upcoming = beccaria.cohorts.order_by("starts_on")
    for cohort in (*imported, completed, running, upcoming):
        assert cohort.number == cohort.starts_on.year - 2013  # the 9th started in 2022
    assert [cohort.starts_on.year for cohort in imported] == [2014, 2015, 2016]
    assert all(cohort.applications.graduated().count() == 2 for cohort in imported)
    for cohort in (completed, running, upcoming):
        assert cohort.starts_on.month == 9
        assert cohort.sessions.count() == 8
        cohort.full_clean()

    assert completed.status == Cohort.Status.COMPLETED
    alumni_emails = set(alumni().values_list("email", flat=True))
    assert {"ag@example.org", "c.fischer@example.org"} <= alumni_emails
    assert "mitglied@example.org" not in alumni_emails
    assert ProjectTeam.objects.filter(cohort=completed).implemented().count() >= 2

    assert running.status == Cohort.Status.RUNNING
    assert running.has_started()
    assert running.applications.participants().count() == running.capacity

    assert upcoming.accepts_applications()
    assert upcoming.applications_close_at > timezone.now()
    waiting = upcoming.applications.filter(status=Application.Status.SUBMITTED)
    assert waiting.count() == 30
    assert len(set(waiting.values_list("employer_kind", flat=True))) == 5
    assert waiting.filter(applicant__email="bewerberin@example.org").exists()


def test_demo_programme_of_events():
    from events.models import Event, Registration

    call_command("seed_demo")
    regional = Event.objects.filter(kind=Event.Kind.REGIONAL_MEETING)
    assert set(regional.values_list("region", flat=True)) == {"chemnitz", "dresden", "leipzig"}
    fachtag_2021 = Event.objects.get(starts_at__date="2021-09-23")
    assert fachtag_2021.documents.exists()
    assert Event.objects.filter(kind=Event.Kind.FACHTAG).count() == 2
    sessions = Event.objects.filter(kind=Event.Kind.WORKING_GROUP)
    assert sessions.filter(documents__kind="minutes").count() >= 2
    workshop = Event.objects.get(audience=Event.Audience.INVITED)
    assert (
        workshop.invited_municipalities.filter(security_analysis_year__isnull=False).count()
        == (workshop.invited_municipalities.count())
        > 0
    )
    full = Event.objects.get(capacity=3)
    assert full.seats_left == 0
    assert full.registrations.filter(status=Registration.Status.WAITLISTED).exists()
    mitglied = User.objects.get(email="mitglied@example.org")
    assert mitglied.event_registrations.count() >= 2
    coordinator = User.objects.get(email="koordination@example.org")
    assert coordinator.is_staff and coordinator.coordinated_regions.get().region == "dresden"


def test_the_degree_links_its_own_page_and_leaves_admission_to_the_university(client):
    """Seeding also corrects a database seeded before: the degree linked the
    university's home page and named the LPR and Institut B3 as running it."""
    call_command("seed_demo")
    Programme.objects.filter(slug="praeventionsmanagement").update(
        external_url="https://www.tu-chemnitz.de",
        provider="TU Chemnitz mit dem Landespräventionsrat Sachsen und dem Institut B3",
    )
    call_command("seed_demo")
    degree = Programme.objects.get(slug="praeventionsmanagement")
    assert degree.external_url.startswith("https://www.tu-chemnitz.de/")
    assert degree.external_url.rstrip("/") != "https://www.tu-chemnitz.de"
    assert degree.provider == "Technische Universität Chemnitz"

    content = client.get(degree.get_absolute_url()).content.decode()
    assert f'href="{degree.external_url}"' in content
    assert "Bewerbung und Zulassung liegen bei: Technische Universität Chemnitz." in content
    assert "Institut B3 arbeiten dabei mit der TU Chemnitz zusammen" in content
    assert content.count("Zulassung") == 1


def test_demo_staff_log_in_with_the_published_authenticator_key(client, capsys):
    from io import StringIO

    from django.urls import reverse

    from members.demo import DEMO_TOTP_SECRET

    call_command("seed_demo")
    assert DEMO_TOTP_SECRET in capsys.readouterr().out
    for email in ("team@example.org", "koordination@example.org"):
        client.logout()
        client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
        code = StringIO()
        call_command("demo_totp_code", stdout=code)
        response = client.post(reverse("mfa_authenticate"), {"code": code.getvalue().strip()})
        assert response.status_code == 302, email
        assert client.get(reverse("admin:index")).status_code == 200, email
