"""The team's contact log of municipalities: staff only."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from members import panels
from members.models import MunicipalityContact
from tests.factories import MunicipalityFactory, StaffFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def town(db):
    return MunicipalityFactory(name="Pirna")


def contact(municipality, **fields):
    fields.setdefault("kind", MunicipalityContact.Kind.VISIT)
    fields.setdefault("date", TODAY - timedelta(days=30))
    return MunicipalityContact.objects.create(municipality=municipality, **fields)


class TestVisibility:
    def test_only_active_staff_see_the_log(self, applicant, member, staff, town):
        entry = contact(town)
        assert list(MunicipalityContact.objects.visible_to(staff)) == [entry]
        for person in (applicant, member):
            assert not MunicipalityContact.objects.visible_to(person).exists()
        staff.is_active = False
        assert not MunicipalityContact.objects.visible_to(staff).exists()

    @pytest.mark.parametrize("who", ["anonymous", "applicant", "member", "other_member"])
    def test_member_pages_never_show_the_log(
        self, client_for, applicant, member, other_member, who, town
    ):
        contact(town, note="Geheime Notiz des Teams")
        viewer = {
            "anonymous": None,
            "applicant": applicant,
            "member": member,
            "other_member": other_member,
        }[who]
        client = client_for(viewer)
        for url in (town.get_absolute_url(), reverse("members:municipality_list")):
            assert "Geheime Notiz" not in client.get(url).content.decode()
        changelist = client.get(reverse("admin:members_municipalitycontact_changelist"))
        assert changelist.status_code == 302  # to the login, not into the admin

    def test_staff_read_the_log_in_the_admin_escaped(self, client_for, staff, town):
        entry = contact(town, note=SCRIPT)
        client = client_for(staff)
        changelist = client.get(reverse("admin:members_municipalitycontact_changelist"))
        assert changelist.status_code == 200
        assert "Pirna" in changelist.content.decode()
        change = client.get(reverse("admin:members_municipality_change", args=[town.pk]))
        content = change.content.decode()
        assert SCRIPT not in content
        assert "&lt;script&gt;" in content
        detail = client.get(
            reverse("admin:members_municipalitycontact_change", args=[entry.pk])
        ).content.decode()
        assert SCRIPT not in detail

    def test_staff_add_an_entry_in_the_municipality_inline(self, client_for, staff, town):
        client = client_for(staff)
        url = reverse("admin:members_municipality_change", args=[town.pk])
        form = client.get(url).context["adminform"].form
        data = {
            key: value
            for key, value in form.initial.items()
            if value is not None and key not in {"region", "kreis_key"}
        }
        data.update(
            {
                "contacts-TOTAL_FORMS": "1",
                "contacts-INITIAL_FORMS": "0",
                "contacts-0-date": "20.11.2026",
                "contacts-0-kind": "call",
                "contacts-0-note": "Anruf wegen Präventionsrat",
                "contacts-0-follow_up_on": "01.12.2026",
                "contacts-0-staff_member": staff.pk,
            }
        )
        data = {key: ("" if value is None else value) for key, value in data.items()}
        response = client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        entry = town.contacts.get()
        assert entry.kind == MunicipalityContact.Kind.CALL
        assert entry.follow_up_on == date(2026, 12, 1)
        assert entry.staff_member == staff


class TestFollowUpsDue:
    def test_due_means_the_date_has_come_and_not_done(self, town):
        due_today = contact(town, follow_up_on=TODAY)
        overdue = contact(town, follow_up_on=TODAY - timedelta(days=3))
        contact(town, follow_up_on=TODAY + timedelta(days=1))
        contact(town, follow_up_on=TODAY - timedelta(days=1), follow_up_done=True)
        contact(town)
        with time_machine.travel(TODAY, tick=False):
            assert set(MunicipalityContact.objects.follow_ups_due()) == {due_today, overdue}
        with time_machine.travel(TODAY - timedelta(days=5), tick=False):
            assert not MunicipalityContact.objects.follow_ups_due().exists()

    def test_admin_start_page_lists_due_follow_ups_with_links(self, client_for, staff, town):
        due = contact(town, follow_up_on=TODAY - timedelta(days=1), note="fällig")
        later = contact(town, follow_up_on=TODAY + timedelta(days=7))
        with time_machine.travel(TODAY, tick=False):
            content = client_for(staff).get(reverse("admin:index")).content.decode()
        assert reverse("admin:members_municipalitycontact_change", args=[due.pk]) in content
        assert reverse("admin:members_municipalitycontact_change", args=[later.pk]) not in content
        assert "24.11.2026" in content

    def test_many_due_follow_ups_end_with_a_link_to_all(self, rf, staff, town):
        for _n in range(panels.FOLLOW_UPS_LISTED + 2):
            contact(town, follow_up_on=TODAY)
        request = rf.get("/admin/")
        request.user = staff
        with time_machine.travel(TODAY, tick=False):
            items = panels.follow_ups_due(request)
        assert len(items) == panels.FOLLOW_UPS_LISTED + 1
        assert items[-1].count == panels.FOLLOW_UPS_LISTED + 2
        assert items[-1].url.endswith("?follow_up=due")

    def test_staff_without_the_permission_get_nothing(self, rf, coordinator, town):
        contact(town, follow_up_on=TODAY)
        request = rf.get("/admin/")
        request.user = coordinator
        with time_machine.travel(TODAY, tick=False):
            assert panels.follow_ups_due(request) is None

    def test_changelist_filter_shows_the_due_ones(self, client_for, town):
        staff = StaffFactory()
        due = contact(town, follow_up_on=TODAY)
        contact(town, follow_up_on=TODAY + timedelta(days=3))
        with time_machine.travel(TODAY, tick=False):
            response = client_for(staff).get(
                reverse("admin:members_municipalitycontact_changelist"), {"follow_up": "due"}
            )
        assert list(response.context["cl"].result_list) == [due]
