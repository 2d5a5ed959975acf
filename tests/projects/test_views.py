import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import Region
from projects.models import Project, ProjectAttachment, Recommendation
from tests.events.factories import PDF_BYTES
from tests.factories import MunicipalityFactory
from tests.projects.factories import (
    ProjectAttachmentFactory,
    ProjectFactory,
    RecommendationFactory,
    SecurityAnalysisFactory,
    TopicFactory,
)
from tests.training.factories import ApplicationFactory, ProjectTeamFactory
from training.models import ProjectTeam

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
LIST = reverse("projects:list")


def _titles(response):
    return [item.title for item in response.context["items"]]


# The list of good-practice projects


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 302), ("applicant", 403), ("member", 200), ("other_member", 200), ("staff", 200)],
)
def test_project_list_is_for_members_and_staff(request, client_for, who, expected):
    user = request.getfixturevalue(who) if who else None
    assert client_for(user).get(LIST).status_code == expected


def test_list_shows_entered_projects_and_implemented_beccaria_projects(client_for, member):
    ProjectFactory(title="Licht im Park")
    ProjectTeamFactory(title="Sicherer Schulweg", status=ProjectTeam.Status.IMPLEMENTED)
    ProjectTeamFactory(title="Noch eine Idee", status=ProjectTeam.Status.IDEA)
    response = client_for(member).get(LIST)
    assert _titles(response) == ["Licht im Park", "Sicherer Schulweg"]
    assert "Beccaria" in response.content.decode()


def test_beccaria_team_members_are_named_only_as_they_allow(client_for, member):
    listed = ApplicationFactory(applicant__listed_in_directory=True, status="accepted")
    hidden = ApplicationFactory(applicant__listed_in_directory=False, status="accepted")
    ProjectTeamFactory(
        title="Schulweg",
        status=ProjectTeam.Status.IMPLEMENTED,
        cohort=listed.cohort,
        members=[listed, hidden],
    )
    hidden.cohort = listed.cohort
    hidden.save()
    page = client_for(member).get(LIST).content.decode()
    assert listed.applicant.last_name in page
    assert hidden.applicant.last_name not in page


def test_list_filters_by_topic_region_municipality_and_status(client_for, member):
    topic = TopicFactory(slug="jugend", name="Jugend")
    leipzig = MunicipalityFactory(name="Leipzig", ags="14713000")
    youth = ProjectFactory(title="Jugendtreff", municipality=leipzig)
    youth.topics.add(topic)
    ProjectFactory(title="Ende", status=Project.Status.ENDED)
    ProjectTeamFactory(title="Team", status=ProjectTeam.Status.IMPLEMENTED)
    client = client_for(member)
    assert _titles(client.get(LIST, {"topic": "jugend"})) == ["Jugendtreff"]
    assert _titles(client.get(LIST, {"region": Region.LEIPZIG})) == ["Jugendtreff"]
    assert _titles(client.get(LIST, {"municipality": "14713000"})) == ["Jugendtreff"]
    assert _titles(client.get(LIST, {"status": "ended"})) == ["Ende"]
    assert _titles(client.get(LIST, {"status": "implemented"})) == ["Team"]


def test_list_has_an_empty_state(client_for, member):
    response = client_for(member).get(LIST, {"status": "ended"})
    assert "Kein Projekt entspricht diesen Filtern." in response.content.decode()


def test_list_costs_the_same_queries_for_many_rows(
    client_for, member, django_assert_max_num_queries
):
    topic = TopicFactory()
    for _number in range(25):
        ProjectFactory().topics.add(topic)
    for _number in range(10):
        team = ProjectTeamFactory(status=ProjectTeam.Status.IMPLEMENTED)
        team.members.add(ApplicationFactory(cohort=team.cohort, status="accepted"))
    client = client_for(member)
    client.get(LIST)  # sessions and caches warm
    with django_assert_max_num_queries(16):
        response = client.get(LIST)
    assert len(response.context["items"]) == 20
    assert response.context["paginator"].count == 35
    assert len(client.get(LIST, {"page": 2}).context["items"]) == 15


# One project, its form and attachments


@pytest.mark.parametrize(
    ("who", "expected"),
    [("applicant", 404), ("member", 200), ("other_member", 200), ("staff", 200)],
)
def test_project_page_is_for_members(request, client_for, who, expected):
    project = ProjectFactory()
    user = request.getfixturevalue(who)
    assert client_for(user).get(project.get_absolute_url()).status_code == expected


def test_anonymous_visitor_of_a_project_logs_in_first(client):
    response = client.get(ProjectFactory().get_absolute_url())
    assert response.status_code == 302 and "login" in response.url


def _form_data(**overrides):
    return {
        "title": "Sicherer Schulweg",
        "goal": "Kinder kommen sicher zur Schule.",
        "status": Project.Status.IDEA,
        **overrides,
    }


def test_member_enters_a_project_of_their_municipality(client_for, member, other_member):
    topic = TopicFactory()
    response = client_for(member).post(
        reverse("projects:create"),
        _form_data(municipality=other_member.municipality.pk, topics=[topic.pk]),
    )
    project = Project.objects.get()
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.municipality == member.municipality
    assert list(project.topics.all()) == [topic]


def test_project_form_keeps_input_and_says_what_is_missing(client_for, member):
    response = client_for(member).post(reverse("projects:create"), _form_data(goal=""))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert "Sicherer Schulweg" in page
    assert not Project.objects.exists()


def test_member_without_municipality_and_applicant_may_not_enter_projects(client_for, applicant):
    assert client_for(applicant).get(reverse("projects:create")).status_code == 403


@pytest.mark.parametrize(
    ("who", "expected"),
    [("applicant", 404), ("colleague", 200), ("other_member", 404), ("staff", 200)],
)
def test_edit_page_only_for_the_municipality_and_staff(request, client_for, member, who, expected):
    project = ProjectFactory(municipality=member.municipality)
    user = request.getfixturevalue(who)
    url = reverse("projects:edit", args=[project.pk])
    assert client_for(user).get(url).status_code == expected


def test_member_edits_and_attaches_a_file(client_for, member):
    project = ProjectFactory(municipality=member.municipality)
    upload = SimpleUploadedFile("konzept.pdf", PDF_BYTES, content_type="application/pdf")
    client = client_for(member)
    response = client.post(
        reverse("projects:edit", args=[project.pk]),
        _form_data(title="Neuer Titel", attachment=upload, attachment_title="Konzept"),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Neuer Titel"
    attachment = project.attachments.get()
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_upload_that_is_not_what_its_name_says_is_refused(client_for, member):
    project = ProjectFactory(municipality=member.municipality)
    upload = SimpleUploadedFile("konzept.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client_for(member).post(
        reverse("projects:edit", args=[project.pk]), _form_data(attachment=upload)
    )
    assert response.status_code == 200
    assert not project.attachments.exists()


@pytest.mark.parametrize(("who", "expected"), [("applicant", 404), ("other_member", 200)])
def test_attachment_download_follows_the_project(request, client_for, who, expected):
    attachment = ProjectAttachmentFactory()
    user = request.getfixturevalue(who)
    assert client_for(user).get(attachment.get_absolute_url()).status_code == expected


# Security analyses and the status of their recommendations


@pytest.mark.parametrize(
    ("who", "expected"),
    [("applicant", 404), ("colleague", 200), ("other_member", 404), ("staff", 200)],
)
def test_analysis_page_for_its_municipality_and_staff(request, client_for, analysis, who, expected):
    user = request.getfixturevalue(who)
    assert client_for(user).get(analysis.get_absolute_url()).status_code == expected


def test_shared_analysis_is_open_to_all_members_without_the_status_form(
    client_for, other_member, analysis
):
    analysis.shared_with_members = True
    analysis.save()
    RecommendationFactory(analysis=analysis)
    response = client_for(other_member).get(analysis.get_absolute_url())
    assert response.status_code == 200
    assert "Status ändern" not in response.content.decode()


def test_report_download_follows_the_analysis(client_for, member, other_member):
    from django.core.files.base import ContentFile

    analysis = SecurityAnalysisFactory(
        municipality=member.municipality, report=ContentFile(PDF_BYTES, name="bericht.pdf")
    )
    url = analysis.get_report_url()
    assert client_for(other_member).get(url).status_code == 404
    assert client_for(member).get(url).status_code == 200


def _change_status(client, recommendation, status="implemented", note="Erledigt"):
    return client.post(
        reverse("projects:recommendation_status", args=[recommendation.pk]),
        {"status": status, "note": note},
    )


def test_member_updates_own_recommendation_with_a_note(client_for, member, analysis):
    recommendation = RecommendationFactory(analysis=analysis)
    client = client_for(member)
    response = _change_status(client, recommendation)
    assert response.status_code == 302
    assert response.url == recommendation.place_on_page()
    recommendation.refresh_from_db()
    assert recommendation.status == Status.IMPLEMENTED
    change = recommendation.status_changes.get()
    assert (change.note, change.changed_by) == ("Erledigt", member)
    page = client.get(analysis.get_absolute_url()).content.decode()
    assert "Erledigt" in page and "Status ändern" in page


@pytest.mark.parametrize("shared", [False, True])
def test_other_municipality_gets_404_on_status_update(client_for, other_member, analysis, shared):
    analysis.shared_with_members = shared
    analysis.save()
    recommendation = RecommendationFactory(analysis=analysis)
    assert _change_status(client_for(other_member), recommendation).status_code == 404
    recommendation.refresh_from_db()
    assert recommendation.status == Status.OPEN
    assert not recommendation.status_changes.exists()


def test_applicant_gets_404_and_anonymous_logs_in_on_status_update(client_for, applicant):
    recommendation = RecommendationFactory()
    client = client_for(applicant)
    assert _change_status(client, recommendation).status_code == 404
    client.logout()
    anonymous = _change_status(client, recommendation)
    assert anonymous.status_code == 302 and "login" in anonymous.url


def test_staff_updates_any_recommendation(client_for, staff):
    recommendation = RecommendationFactory()
    assert _change_status(client_for(staff), recommendation, status="dropped").status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == Status.DROPPED


def test_same_status_again_is_refused_with_a_message(client_for, member, analysis):
    recommendation = RecommendationFactory(analysis=analysis)
    response = _change_status(client_for(member), recommendation, status="open")
    assert response.status_code == 302
    assert not recommendation.status_changes.exists()


# The municipality page


def test_municipality_page_shows_projects_and_progress(client_for, member, analysis):
    ProjectFactory(municipality=member.municipality, title="Licht im Park")
    for status in [Status.IMPLEMENTED] * 7 + [Status.OPEN] * 5:
        RecommendationFactory(analysis=analysis, status=status)
    page = client_for(member).get(member.municipality.get_absolute_url()).content.decode()
    assert "Licht im Park" in page
    assert "7 von 12 umgesetzt" in page


def test_municipality_page_hides_progress_of_an_unshared_analysis(
    client_for, member, other_member, analysis
):
    RecommendationFactory(analysis=analysis, status=Status.IMPLEMENTED)
    page = client_for(other_member).get(member.municipality.get_absolute_url()).content.decode()
    assert "1 von 1 umgesetzt" not in page
    assert str(analysis) not in page


def test_navigation_links_the_projects_for_members_only(client_for, member, applicant):
    assert f'href="{LIST}"' in client_for(member).get(reverse("home")).content.decode()
    client = client_for(applicant)
    assert f'href="{LIST}"' not in client.get(reverse("home")).content.decode()


def test_staff_find_the_overview_from_the_analyses(client_for, staff, member):
    overview = reverse("projects:recommendation_overview")
    analyses = reverse("projects:analysis_list")
    assert overview in client_for(staff).get(analyses).content.decode()
    assert overview not in client_for(member).get(analyses).content.decode()


def test_analysis_page_costs_the_same_queries_for_many_recommendations(
    client_for, member, analysis, django_assert_max_num_queries
):
    from projects import services

    for _number in range(15):
        recommendation = RecommendationFactory(analysis=analysis, topic=TopicFactory())
        services.change_recommendation_status(
            recommendation=recommendation, status=Status.IN_PROGRESS, note="Los", by=member
        )
    client = client_for(member)
    client.get(analysis.get_absolute_url())
    with django_assert_max_num_queries(14):
        response = client.get(analysis.get_absolute_url())
    assert response.content.decode().count("Status ändern") == 15


def test_staff_enter_a_project_for_any_municipality(client_for, staff):
    town = MunicipalityFactory()
    response = client_for(staff).post(reverse("projects:create"), _form_data(municipality=town.pk))
    assert response.status_code == 302
    assert Project.objects.get().municipality == town


@pytest.mark.parametrize(("who", "expected"), [("member", 302), ("other_member", 404)])
def test_recommendation_address_leads_to_its_place_on_the_analysis_page(
    request, client_for, analysis, who, expected
):
    recommendation = RecommendationFactory(analysis=analysis)
    response = client_for(request.getfixturevalue(who)).get(recommendation.get_absolute_url())
    assert response.status_code == expected
    if expected == 302:
        assert response.url == recommendation.place_on_page()


def test_member_removes_an_attachment_and_its_file(
    client_for, member, django_capture_on_commit_callbacks
):
    attachment = ProjectAttachmentFactory(project__municipality=member.municipality)
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(
            reverse("projects:edit", args=[attachment.project.pk]),
            _form_data(remove_attachments=[attachment.pk]),
        )
    assert response.status_code == 302
    assert not attachment.project.attachments.exists()
    assert not storage.exists(name)


def test_attachments_of_another_project_cannot_be_removed(client_for, member):
    own = ProjectFactory(municipality=member.municipality)
    foreign = ProjectAttachmentFactory()
    response = client_for(member).post(
        reverse("projects:edit", args=[own.pk]), _form_data(remove_attachments=[foreign.pk])
    )
    assert response.status_code == 200
    assert ProjectAttachment.objects.filter(pk=foreign.pk).exists()


def test_anonymous_visitor_of_an_analysis_logs_in_first(client, analysis):
    response = client.get(analysis.get_absolute_url())
    assert response.status_code == 302 and "login" in response.url


def test_municipality_page_costs_the_same_queries_for_many_projects(
    client_for, member, analysis, django_assert_num_queries
):
    topic = TopicFactory()
    RecommendationFactory(analysis=analysis)
    ProjectFactory(municipality=member.municipality).topics.add(topic)
    client = client_for(member)
    url = member.municipality.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _number in range(10):
        ProjectFactory(municipality=member.municipality).topics.add(topic)
        RecommendationFactory(analysis=analysis)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)
