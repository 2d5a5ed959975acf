"""The admin site: what "view on site" may reveal, and who gets in."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from events import services
from events.models import Event
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def view_on_site(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


class TestViewOnSite:
    @pytest.mark.parametrize("who", ["staff", "coordinator"])
    def test_never_leads_to_a_persons_secret_calendar_feed(
        self, client_for, staff, coordinator, member, who
    ):
        feed = services.calendar_feed_for(member)
        response = client_for({"staff": staff, "coordinator": coordinator}[who]).get(
            view_on_site(feed)
        )
        assert response.status_code == 404
        assert feed.token not in response.get("Location", "")

    def test_a_coordinator_gets_no_address_of_another_regions_draft(self, client_for, coordinator):
        draft = EventFactory(region="leipzig", status=Event.Status.DRAFT, slug="geheimer-entwurf")
        response = client_for(coordinator).get(view_on_site(draft))
        assert response.status_code == 404
        assert "geheimer-entwurf" not in response.get("Location", "")

    def test_leads_to_what_the_person_manages(self, client_for, coordinator, staff):
        own = EventFactory(region="dresden", status=Event.Status.DRAFT)
        elsewhere = EventFactory(region="leipzig", status=Event.Status.DRAFT)
        response = client_for(coordinator).get(view_on_site(own))
        assert response.status_code == 302
        assert response["Location"].endswith(own.get_absolute_url())
        response = client_for(staff).get(view_on_site(elsewhere))
        assert response["Location"].endswith(elsewhere.get_absolute_url())

    def test_is_closed_to_members(self, client_for, member):
        event = EventFactory()
        response = client_for(member).get(view_on_site(event))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
