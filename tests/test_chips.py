"""Status chips: one component shows every registration and application
status, so a status looks the same on every page."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from asskomm.chips import Chip
from events.models import Registration, registration_chip
from training.models import Application, status_chip

TEMPLATES = Path(settings.BASE_DIR) / "templates"
COMPONENT = "includes/status_chip.html"

# Pages that show the status of a registration, an application, a
# membership or a project team.
STATUS_PAGES = [
    *sorted(path.relative_to(TEMPLATES) for path in (TEMPLATES / "events").rglob("*.html")),
    Path("training/my_applications.html"),
    Path("training/panels/dashboard.html"),
    Path("training/programme_detail.html"),
    Path("training/selection.html"),
    Path("training/completion.html"),
    Path("training/cohort_detail.html"),
    Path("members/dashboard.html"),
]


@pytest.mark.parametrize("page", STATUS_PAGES, ids=str)
def test_status_pages_use_the_one_component(page):
    source = (TEMPLATES / page).read_text()
    assert 'class="chip' not in source
    assert "chip--" not in source
    assert "status_chip_class" not in source


def test_the_component_shows_a_chip_or_a_label_or_nothing():
    assert render_to_string(COMPONENT, {"chip": Chip("angemeldet", "green")}) == (
        '<span class="chip chip--green">angemeldet</span>'
    )
    assert render_to_string(COMPONENT, {"label": "offen", "tone": "amber"}) == (
        '<span class="chip chip--amber">offen</span>'
    )
    assert render_to_string(COMPONENT, {"chip": Chip("entwurf")}) == (
        '<span class="chip">entwurf</span>'
    )
    assert render_to_string(COMPONENT, {"chip": None}) == ""


def test_a_chip_has_one_of_the_known_tones():
    with pytest.raises(ValueError):
        Chip("x", "blue")


def test_registrations_and_applications_read_alike_on_the_waiting_list():
    registration = registration_chip(Registration.Status.WAITLISTED, waitlist_position=3)
    application = status_chip(Application.Status.WAITLISTED, waitlist_position=3)
    assert registration == application
    assert registration.label == "Warteliste Platz 3"
    assert registration.tone == "amber"


def test_registration_statuses():
    assert registration_chip("confirmed") == Chip("angemeldet", "green")
    assert registration_chip("cancelled").label == "Anmeldung storniert"
    assert registration_chip("waitlisted").label == "auf der Warteliste"
    assert registration_chip("waitlisted", waitlist_position=2, event_is_past=True).label == (
        "stand auf der Warteliste"
    )


@pytest.mark.django_db
def test_the_dashboard_shows_membership_as_a_chip(client_for, member):
    content = client_for(member).get(reverse("members:dashboard")).content.decode()
    assert '<span class="chip chip--green">Netzwerkmitglied</span>' in content
