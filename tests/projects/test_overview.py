import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from events.models import Event
from projects import search, services
from projects.models import Recommendation
from projects.overview import status_matrix
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, MunicipalityFactory
from tests.projects.factories import (
    ProjectFactory,
    RecommendationFactory,
    SecurityAnalysisFactory,
    TopicFactory,
)
from tests.training.factories import ProjectTeamFactory
from training.models import ProjectTeam

pytestmark = pytest.mark.django_db
Status = Recommendation.Status
OVERVIEW = reverse("projects:recommendation_overview")


@pytest.fixture
def recommendations(db):
    """Two municipalities' recommendations over two topics."""
    youth = TopicFactory(name="Jugend", slug="jugend")
    space = TopicFactory(name="Öffentlicher Raum", slug="oeffentlicher-raum")
    riesa = SecurityAnalysisFactory(municipality=MunicipalityFactory(name="Riesa"))
    zittau = SecurityAnalysisFactory(municipality=MunicipalityFactory(name="Zittau"))
    for analysis, topic, status in [
        (riesa, youth, Status.OPEN),
        (riesa, youth, Status.IMPLEMENTED),
        (riesa, space, Status.IMPLEMENTED),
        (riesa, None, Status.DROPPED),
        (zittau, youth, Status.IN_PROGRESS),
        (zittau, space, Status.IMPLEMENTED),
    ]:
        RecommendationFactory(analysis=analysis, topic=topic, status=status, title="=SUMME(A1)")
    return riesa, zittau


def test_matrix_counts_by_topic_and_status(recommendations):
    TopicFactory(name="Zivilcourage", slug="zivilcourage")
    RecommendationFactory(topic=TopicFactory(name="Prävention", slug="praevention"))
    with translation.override("de"):
        matrix = status_matrix(Recommendation.objects.exclude(topic__slug="praevention"))
    # statuses: open, in progress, implemented, dropped
    assert [(row.topic, row.counts, row.total) for row in matrix["rows"]] == [
        ("Jugend", [1, 1, 1, 0], 3),
        ("Öffentlicher Raum", [0, 0, 2, 0], 2),
        ("Ohne Thema", [0, 0, 0, 1], 1),
    ]
    assert (matrix["totals"].counts, matrix["totals"].total) == ([1, 1, 3, 1], 6)


@pytest.mark.parametrize(
    ("who", "expected"), [("applicant", 404), ("member", 404), ("coordinator", 404), ("staff", 200)]
)
def test_overview_is_for_staff_only(request, client_for, who, expected):
    user = request.getfixturevalue(who)
    assert client_for(user).get(OVERVIEW).status_code == expected


def test_overview_sends_anonymous_visitors_to_the_login(client):
    response = client.get(OVERVIEW)
    assert response.status_code == 302 and "login" in response.url


def test_overview_page_numbers_match_the_data_and_filter(client_for, staff, recommendations):
    riesa, _zittau = recommendations
    client = client_for(staff)
    assert client.get(OVERVIEW).context["matrix"]["totals"].total == 6
    filtered = client.get(OVERVIEW, {"municipality": riesa.municipality.ags})
    assert filtered.context["matrix"]["totals"].counts == [1, 0, 2, 1]


def test_csv_export_lists_every_recommendation_defused(client_for, staff, recommendations):
    response = client_for(staff).get(OVERVIEW, {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].split(";")[0] == "Kommune"
    assert len(lines) == 7
    assert all(";'=SUMME(A1);" in line for line in lines[1:])
    assert sum("Zittau" in line for line in lines) == 2


def test_xlsx_export_holds_the_same_rows(client_for, staff, recommendations):
    riesa, _zittau = recommendations
    response = client_for(staff).get(
        OVERVIEW, {"export": "xlsx", "municipality": riesa.municipality.ags}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert len(rows) == 5
    assert {row[0] for row in rows[1:]} == {"Riesa"}


def test_overview_costs_the_same_queries_for_many_rows(
    client_for, staff, recommendations, django_assert_max_num_queries
):
    riesa, _zittau = recommendations
    for _number in range(30):
        RecommendationFactory(analysis=riesa, topic=TopicFactory())
    client = client_for(staff)
    client.get(OVERVIEW)
    with django_assert_max_num_queries(12):
        client.get(OVERVIEW)
    with django_assert_max_num_queries(12):
        client.get(OVERVIEW, {"export": "csv"})


# The invitation-only workshop


@pytest.fixture
def workshop(db):
    """An invitation-only workshop for Riesa and Zittau, with Riesa's
    analysis not shared and Zittau's shared, and a third, uninvited
    municipality with a shared analysis."""
    riesa = SecurityAnalysisFactory(municipality=MunicipalityFactory(name="Riesa"))
    zittau = SecurityAnalysisFactory(
        municipality=MunicipalityFactory(name="Zittau"), shared_with_members=True
    )
    elsewhere = SecurityAnalysisFactory(shared_with_members=True)
    for analysis in (riesa, zittau, elsewhere):
        RecommendationFactory(analysis=analysis, title=f"Empfehlung {analysis.municipality}")
    event = EventFactory(slug="workshop", audience=Event.Audience.INVITED)
    event.invited_municipalities.set([riesa.municipality, zittau.municipality])
    return event, riesa, zittau, elsewhere


def _titles(recommendations):
    return {recommendation.title for recommendation in recommendations}


def test_workshop_rule_own_and_shared_of_invited_municipalities(workshop, staff):
    event, riesa, zittau, elsewhere = workshop
    riesa_member = MemberFactory(municipality=riesa.municipality)
    zittau_member = MemberFactory(municipality=zittau.municipality)
    assert _titles(Recommendation.objects.for_workshop(event, riesa_member)) == {
        f"Empfehlung {riesa.municipality}",
        f"Empfehlung {zittau.municipality}",
    }
    # Riesa's analysis is not shared: Zittau sees only its own.
    assert _titles(Recommendation.objects.for_workshop(event, zittau_member)) == {
        f"Empfehlung {zittau.municipality}"
    }
    assert len(Recommendation.objects.for_workshop(event, staff)) == 2


@pytest.mark.parametrize(
    ("who", "expected"), [("riesa", 200), ("uninvited", 404), ("applicant", 404), ("staff", 200)]
)
def test_workshop_page_only_for_the_invited_and_staff(request, client_for, workshop, who, expected):
    event, riesa, _zittau, _elsewhere = workshop
    users = {
        "riesa": lambda: MemberFactory(municipality=riesa.municipality),
        "uninvited": MemberFactory,
        "applicant": lambda: request.getfixturevalue("applicant"),
        "staff": lambda: request.getfixturevalue("staff"),
    }
    url = reverse("projects:workshop", args=[event.slug])
    assert client_for(users[who]()).get(url).status_code == expected


def test_workshop_page_lists_only_what_the_rule_allows(client_for, workshop):
    event, riesa, zittau, elsewhere = workshop
    zittau_member = MemberFactory(municipality=zittau.municipality)
    page = client_for(zittau_member).get(reverse("projects:workshop", args=[event.slug]))
    text = page.content.decode()
    assert f"Empfehlung {zittau.municipality}" in text
    assert f"Empfehlung {riesa.municipality}" not in text
    assert f"Empfehlung {elsewhere.municipality}" not in text


def test_event_page_links_invited_members_to_the_recommendations(client_for, workshop):
    event, riesa, _zittau, _elsewhere = workshop
    url = reverse("projects:workshop", args=[event.slug])
    invited = client_for(MemberFactory(municipality=riesa.municipality))
    assert url in invited.get(event.get_absolute_url()).content.decode()


def test_event_page_of_other_events_has_no_link(client_for, member):
    event = EventFactory()
    page = client_for(member).get(event.get_absolute_url()).content.decode()
    assert "/projects/workshops/" not in page


# What search gets from this app


def test_new_since_lists_new_projects_and_own_recommendation_updates(member, analysis):
    since = timezone.now() - timedelta(minutes=1)
    project = ProjectFactory()
    own = RecommendationFactory(analysis=analysis)
    services.change_recommendation_status(recommendation=own, status=Status.IN_PROGRESS, by=member)
    services.change_recommendation_status(recommendation=own, status=Status.IMPLEMENTED, by=member)
    shared_elsewhere = RecommendationFactory(
        analysis=SecurityAnalysisFactory(shared_with_members=True)
    )
    other_member = MemberFactory(municipality=shared_elsewhere.analysis.municipality)
    services.change_recommendation_status(
        recommendation=shared_elsewhere, status=Status.IN_PROGRESS, by=other_member
    )
    projects, updates = (entry["items"](member, since) for entry in search.NEW_SINCE)
    assert list(projects) == [project]
    assert list(updates) == [own]
    assert list(search.NEW_SINCE[1]["items"](member, timezone.now())) == []


def test_searchables_answer_visible_to_per_user(applicant, member, analysis):
    RecommendationFactory(analysis=analysis)
    ProjectFactory()
    ProjectTeamFactory(status=ProjectTeam.Status.IMPLEMENTED)
    for entry in search.SEARCHABLES:
        assert not entry["visible_to"](applicant).exists()
        for name in entry["fields"]:
            entry["model"]._meta.get_field(name)
    assert all(entry["visible_to"](member).exists() for entry in search.SEARCHABLES)
