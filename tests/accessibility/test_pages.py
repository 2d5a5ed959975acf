"""The accessibility statement, the report form, the contact page and the
page in Leichte Sprache: open to everyone, linked from every page."""

import pytest
from django.urls import reverse

from accessibility import statement
from tests.factories import MemberFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PEOPLE = {
    "anonymous": lambda: None,
    "applicant": UserFactory,
    "member": MemberFactory,
    "staff": StaffFactory,
}
PAGES = ["accessibility:statement", "accessibility:report", "accessibility:easy_read", "contact"]


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", PAGES)
def test_the_pages_open_for_everyone(client_for, who, page):
    response = client_for(PEOPLE[who]()).get(reverse(page))
    assert response.status_code == 200


def test_the_statement_names_law_limitations_date_and_the_enforcement_body(client):
    text = client.get(reverse("accessibility:statement")).content.decode()
    assert "Erklärung zur Barrierefreiheit" in text
    assert "BITV 2.0" in text and "Barrierefreie-Websites-Gesetz" in text
    assert "teilweise" in text  # partially compliant
    assert "PDF" in text and "Django" in text
    assert statement.MADE_ON.strftime("%d.%m.%Y") in text
    assert statement.ENFORCEMENT_BODY.email in text
    assert reverse("accessibility:report") in text


def test_the_statement_speaks_english_too(client):
    client.cookies["django_language"] = "en"
    text = client.get(reverse("accessibility:statement")).content.decode()
    assert "Accessibility statement" in text
    assert "Enforcement procedure" in text


def test_the_statement_says_how_long_reports_are_kept(client, settings):
    settings.ASSKOMM_RETENTION = {**settings.ASSKOMM_RETENTION, "barrier_reports_days": 200}
    text = client.get(reverse("accessibility:statement")).content.decode()
    assert "200 Tage nach der Antwort" in text


def test_the_contact_page_shows_what_the_settings_give(client, settings):
    settings.ASSKOMM_CONTACT = {
        "organisation": "Landespräventionsrat Sachsen – ASSKomm-Team",
        "address": ["Musterstraße 1", "01097 Dresden"],
        "email": "asskomm@lpr.example",
        "phone": "0351 000-0",
    }
    text = client.get(reverse("contact")).content.decode()
    assert "Musterstraße 1<br>" in text
    assert 'href="mailto:asskomm@lpr.example"' in text
    assert 'href="tel:0351000-0"' in text


def test_the_contact_page_leaves_out_what_is_not_configured(client, settings):
    settings.ASSKOMM_CONTACT = {
        "organisation": "Landespräventionsrat Sachsen – ASSKomm-Team",
        "address": [],
        "email": "asskomm@lpr.example",
        "phone": "",
    }
    text = client.get(reverse("contact")).content.decode()
    assert "Telefon" not in text
    assert "tel:" not in text


def test_the_easy_read_page_is_german_in_both_languages(client):
    client.cookies["django_language"] = "en"
    text = client.get(reverse("accessibility:easy_read")).content.decode()
    assert '<article class="easy-read" lang="de">' in text
    assert "Kriminal-Prävention bedeutet:" in text


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_every_page_links_to_statement_contact_and_easy_read_in_the_footer(client_for, who):
    text = client_for(PEOPLE[who]()).get(reverse("home")).content.decode()
    footer = text[text.index('<footer class="site-footer">') :]
    for page in ("accessibility:statement", "contact", "accessibility:easy_read"):
        assert f'href="{reverse(page)}"' in footer
    assert ">Barrierefreiheit</a>" in footer
    assert ">Kontakt</a>" in footer
    assert 'lang="de">Leichte Sprache</a>' in footer
