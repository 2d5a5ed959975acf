"""The team reads and answers the reports in the admin; nobody else does."""

import pytest
from django.urls import reverse

from accessibility import services
from accessibility.models import BarrierReport
from tests.factories import MemberFactory, StaffFactory

pytestmark = pytest.mark.django_db

LIST = reverse("admin:accessibility_barrierreport_changelist")


@pytest.fixture
def report():
    return services.report_barrier(
        page="/events/", description="Kontrast zu schwach", name="Jana", email="jana@example.org"
    )


def test_the_team_sees_the_list_with_status_filters_and_search(client_for, report):
    client = client_for(StaffFactory())
    text = client.get(LIST, {"q": "Kontrast"}).content.decode()
    assert "Kontrast zu schwach" in text
    assert "offen" in text
    assert "status__exact=answered" in text  # the status filter
    elsewhere = client.get(LIST, {"q": "nichts dergleichen"}).content.decode()
    assert "Kontrast zu schwach" not in elsewhere


def test_the_team_marks_a_report_answered_on_its_page(client_for, report):
    client = client_for(StaffFactory())
    change = reverse("admin:accessibility_barrierreport_change", args=[report.pk])
    assert client.get(change).status_code == 200
    response = client.post(change, {"status": "answered", "team_note": "Farbe geändert."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == BarrierReport.Status.ANSWERED
    assert report.answered_at is not None
    assert report.description == "Kontrast zu schwach"  # the report itself stays as sent


def test_the_team_marks_several_answered_at_once(client_for, report):
    client = client_for(StaffFactory())
    client.post(LIST, {"action": "mark_answered", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.status == BarrierReport.Status.ANSWERED


def test_members_do_not_get_into_the_reports(client_for, report):
    client = client_for(MemberFactory())
    change = reverse("admin:accessibility_barrierreport_change", args=[report.pk])
    for url in (LIST, change):
        response = client.get(url)
        assert response.status_code in (302, 404)
        assert "Kontrast" not in response.content.decode()
