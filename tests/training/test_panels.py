"""What training shows on the pages of other apps."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MemberFactory
from tests.training.factories import (
    ApplicationFactory,
    CohortFactory,
    ProjectTeamFactory,
    ReviewFactory,
)
from training.models import Application, ProjectTeam

pytestmark = pytest.mark.django_db

Status = Application.Status


def test_the_home_page_invites_to_apply_while_applications_are_open(client):
    cohort = CohortFactory(number=14)
    CohortFactory(closed=True, number=13)
    content = client.get("/").content.decode()
    assert "Jetzt für eine Fortbildung bewerben" in content
    assert reverse("training:apply", args=[cohort.pk]) in content
    assert "14. Durchgang" in content
    assert "13. Durchgang" not in content


def test_the_home_page_says_nothing_about_training_when_nothing_is_open(client):
    CohortFactory(closed=True)
    assert "Jetzt für eine Fortbildung bewerben" not in client.get("/").content.decode()


def test_the_dashboard_shows_status_position_and_an_open_offer(client_for, applicant):
    waiting = ApplicationFactory(
        applicant=applicant, cohort__confirmed=True, status=Status.WAITLISTED, waitlist_rank=1
    )
    cohort = CohortFactory(confirmed=True)
    offered = ApplicationFactory(applicant=applicant, cohort=cohort, offered=True)
    content = client_for(applicant).get(reverse("members:dashboard")).content.decode()
    assert "Warteliste Platz 1" in content
    assert reverse("training:offer", args=[offered.pk]) in content
    assert reverse("training:my_applications") in content
    assert waiting.cohort.short_name in content


def test_the_dashboard_links_participants_to_their_cohort(client_for):
    participation = ApplicationFactory(cohort__running=True, status=Status.ACCEPTED)
    content = client_for(participation.applicant).get(reverse("members:dashboard")).content
    assert participation.cohort.get_absolute_url() in content.decode()


def test_members_see_implemented_projects_on_the_municipality_page(client_for, member):
    town = member.municipality
    cohort = CohortFactory(running=True)
    team = ApplicationFactory.create_batch(
        2, cohort=cohort, status=Status.ACCEPTED, applicant__listed_in_directory=True
    )
    ProjectTeamFactory(
        cohort=cohort,
        municipality=town,
        title="Präventionsrat Riesa",
        status=ProjectTeam.Status.IMPLEMENTED,
        members=team,
    )
    ProjectTeamFactory(cohort=cohort, municipality=town, title="Nur eine Idee", members=team)
    content = client_for(member).get(town.get_absolute_url()).content.decode()
    assert "Umgesetzte Projekte aus dem Beccaria-Programm" in content
    assert "Präventionsrat Riesa" in content
    assert team[0].applicant.last_name in content
    assert "Nur eine Idee" not in content


def test_the_admin_start_page_shows_unreviewed_applications_and_expiring_offers(client_for, staff):
    ApplicationFactory.create_batch(2)
    ReviewFactory()  # a reviewed one does not count
    cohort = CohortFactory(confirmed=True)
    ApplicationFactory(
        cohort=cohort,
        status=Status.OFFERED,
        offer_expires_at=timezone.now() + timedelta(hours=20),
    )
    ApplicationFactory(
        cohort=cohort, status=Status.OFFERED, offer_expires_at=timezone.now() + timedelta(days=6)
    )
    content = client_for(staff).get(reverse("admin:index")).content.decode()
    assert "Noch nicht bewertete Bewerbungen" in content
    assert "?status__exact=submitted&amp;reviewed=no" in content
    assert "Angebotene Plätze mit bald ablaufender Antwortfrist" in content
    response = client_for(staff).get(
        reverse("admin:training_application_changelist"), {"offer": "expiring"}
    )
    assert response.context["cl"].result_count == 1
    unreviewed = client_for(staff).get(
        reverse("admin:training_application_changelist"),
        {"status__exact": "submitted", "reviewed": "no"},
    )
    assert unreviewed.context["cl"].result_count == 2


class TestProjectTeamNames:
    """Project teams name their members only as their listing choice allows."""

    @pytest.fixture
    def team(self, member):
        cohort = CohortFactory(running=True)
        members = [
            ApplicationFactory(
                cohort=cohort,
                status=Status.ACCEPTED,
                applicant__last_name="Gelistet",
                applicant__listed_in_directory=True,
            ),
            ApplicationFactory(
                cohort=cohort, status=Status.ACCEPTED, applicant__last_name="Verborgen"
            ),
        ]
        return ProjectTeamFactory(
            cohort=cohort,
            municipality=member.municipality,
            status=ProjectTeam.Status.IMPLEMENTED,
            members=members,
        )

    def test_members_see_listed_names_and_a_count_of_the_others(self, client_for, member, team):
        content = client_for(member).get(team.municipality.get_absolute_url()).content.decode()
        assert team.title in content
        assert "Gelistet" in content
        assert "Verborgen" not in content
        assert "1 Person ohne Namensnennung" in content

    def test_staff_see_every_name(self, client_for, staff, team):
        content = client_for(staff).get(team.municipality.get_absolute_url()).content.decode()
        assert "Gelistet" in content and "Verborgen" in content

    def test_alumni_see_those_listed_in_the_alumni_directory(self, member, team):
        graduate = ApplicationFactory(
            graduated=True, listed_in_alumni_directory=True, applicant__last_name="Alumna"
        )
        team.members.add(graduate)
        alumnus = ApplicationFactory(graduated=True, applicant=member).applicant
        named = Application.objects.named_for(alumnus)
        assert graduate in named
        assert graduate not in Application.objects.named_for(MemberFactory())

    def test_fellow_participants_of_the_cohort_see_each_other(self, team):
        first, second = team.members.all()
        assert second in Application.objects.named_for(first.applicant)
