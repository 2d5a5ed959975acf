import pytest
from django.core.management import call_command

from members.models import User
from projects.models import Project, Recommendation, RecommendationStatusChange, SecurityAnalysis

pytestmark = pytest.mark.django_db


def test_demo_has_projects_and_two_analyses_in_mixed_states():
    call_command("seed_demo")
    assert Project.objects.count() == 10
    assert SecurityAnalysis.objects.count() == 2
    statuses = set(Recommendation.objects.values_list("status", flat=True))
    assert statuses == set(Recommendation.Status.values)
    assert RecommendationStatusChange.objects.exists()


def test_demo_member_sees_own_analysis_and_the_shared_one_of_another():
    call_command("seed_demo")
    riesa = User.objects.get(email="b.wolf@example.org")
    leipzig = User.objects.get(email="mitglied@example.org")
    assert SecurityAnalysis.objects.visible_to(riesa).count() == 2
    assert SecurityAnalysis.objects.visible_to(leipzig).count() == 1


def test_demo_twice_adds_no_history():
    call_command("seed_demo")
    count = RecommendationStatusChange.objects.count()
    call_command("seed_demo")
    assert RecommendationStatusChange.objects.count() == count
