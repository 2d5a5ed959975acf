from datetime import timedelta

import pytest
from django.utils import timezone

from projects import services
from projects.models import Project, Recommendation, RecommendationStatusChange, SecurityAnalysis
from tests.factories import MemberFactory, OrganisationFactory
from tests.projects.factories import (
    ProjectFactory,
    RecommendationFactory,
    SecurityAnalysisFactory,
)

pytestmark = pytest.mark.django_db
Status = Recommendation.Status


def test_status_change_writes_a_dated_history_entry_with_note_and_author(member, analysis):
    recommendation = RecommendationFactory(analysis=analysis)
    services.change_recommendation_status(
        recommendation=recommendation, status=Status.IN_PROGRESS, note="Begonnen", by=member
    )
    services.change_recommendation_status(
        recommendation=recommendation, status=Status.IMPLEMENTED, note="Fertig", by=member
    )
    recommendation.refresh_from_db()
    assert recommendation.status == Status.IMPLEMENTED
    history = list(recommendation.status_changes.values_list("from_status", "to_status", "note"))
    assert history == [
        (Status.OPEN, Status.IN_PROGRESS, "Begonnen"),
        (Status.IN_PROGRESS, Status.IMPLEMENTED, "Fertig"),
    ]
    assert all(change.changed_by == member for change in recommendation.status_changes.all())
    assert recommendation.status_changes.last().changed_at <= timezone.now()


def test_member_of_another_municipality_may_not_change_the_status(other_member, analysis):
    recommendation = RecommendationFactory(analysis=analysis)
    with pytest.raises(services.ProjectsError):
        services.change_recommendation_status(
            recommendation=recommendation, status=Status.IMPLEMENTED, by=other_member
        )
    recommendation.refresh_from_db()
    assert recommendation.status == Status.OPEN
    assert not RecommendationStatusChange.objects.exists()


def test_shared_analysis_is_still_changed_only_by_its_municipality(other_member, analysis):
    analysis.shared_with_members = True
    analysis.save()
    recommendation = RecommendationFactory(analysis=analysis)
    with pytest.raises(services.ProjectsError):
        services.change_recommendation_status(
            recommendation=recommendation, status=Status.IMPLEMENTED, by=other_member
        )


def test_staff_may_change_any_recommendation(staff, analysis):
    recommendation = RecommendationFactory(analysis=analysis)
    services.change_recommendation_status(
        recommendation=recommendation, status=Status.DROPPED, by=staff
    )
    recommendation.refresh_from_db()
    assert recommendation.status == Status.DROPPED


def test_applicant_with_a_municipality_may_not_change_the_status(applicant, analysis):
    applicant.municipality = analysis.municipality
    applicant.save()
    recommendation = RecommendationFactory(analysis=analysis)
    with pytest.raises(services.ProjectsError):
        services.change_recommendation_status(
            recommendation=recommendation, status=Status.IMPLEMENTED, by=applicant
        )


def test_the_same_status_again_is_refused(member, analysis):
    recommendation = RecommendationFactory(analysis=analysis)
    with pytest.raises(services.ProjectsError, match="bereits"):
        services.change_recommendation_status(
            recommendation=recommendation, status=Status.OPEN, by=member
        )


def test_progress_counts_implemented_of_all_but_dropped(analysis):
    for status in [Status.IMPLEMENTED] * 7 + [Status.OPEN] * 3 + [Status.IN_PROGRESS] * 2:
        RecommendationFactory(analysis=analysis, status=status)
    RecommendationFactory(analysis=analysis, status=Status.DROPPED)
    assert Recommendation.objects.progress() == {"implemented": 7, "total": 12}


def test_analyses_visible_to_own_municipality_staff_and_when_shared(
    member, colleague, other_member, applicant, staff, analysis
):
    shared = SecurityAnalysisFactory(shared_with_members=True)
    assert set(SecurityAnalysis.objects.visible_to(member)) == {analysis, shared}
    assert set(SecurityAnalysis.objects.visible_to(colleague)) == {analysis, shared}
    assert set(SecurityAnalysis.objects.visible_to(other_member)) == {shared}
    assert set(SecurityAnalysis.objects.visible_to(staff)) == {analysis, shared}
    assert not SecurityAnalysis.objects.visible_to(applicant).exists()


def test_members_may_edit_only_their_municipality_s_projects(member, other_member, staff):
    own = ProjectFactory(municipality=member.municipality)
    foreign = ProjectFactory(municipality=other_member.municipality)
    assert list(Project.objects.editable_by(member)) == [own]
    assert own.may_be_edited_by(member) and not foreign.may_be_edited_by(member)
    assert set(Project.objects.editable_by(staff)) == {own, foreign}


def test_save_project_refuses_a_project_of_another_municipality(member, other_member):
    project = Project(title="Fremd", municipality=other_member.municipality, goal="Ziel")
    with pytest.raises(services.ProjectsError):
        services.save_project(project=project, topics=[], by=member)
    assert not Project.objects.exists()


def test_save_project_records_who_entered_it(member):
    project = Project(title="Neu", municipality=member.municipality, goal="Ziel")
    services.save_project(project=project, topics=[], by=member)
    assert Project.objects.get().created_by == member


def test_member_without_a_municipality_may_not_enter_projects(db):
    person = MemberFactory(municipality=None, organisation=OrganisationFactory())
    assert not Project(municipality=None).may_be_edited_by(person)


def test_history_can_be_dated_for_demo_data(member, analysis):
    recommendation = RecommendationFactory(analysis=analysis)
    earlier = timezone.now() - timedelta(days=60)
    change = services.change_recommendation_status(
        recommendation=recommendation, status=Status.IN_PROGRESS, by=member, at=earlier
    )
    assert change.changed_at == earlier
