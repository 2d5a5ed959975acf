"""Every form, the portal's and allauth's, after a failed submit: a summary
at its top that has the focus and links each error to its field, and a page
title that begins with "Fehler:". And the hints that let the browser fill in
a person's own name, address, phone and employer (autocomplete)."""

import lxml.html
import pytest
from django.template import Context, Template
from django.urls import reverse

from events.models import Event
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.training.factories import CohortFactory, application_data
from training.forms import DecisionForm

pytestmark = pytest.mark.django_db


def page(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def title(document):
    return " ".join(document.findtext(".//title").split())


def summary(document):
    """The error summary: its heading and its entries as (text, link target)."""
    (box,) = document.find_class("error-summary")
    entries = []
    for item in box.iter("li"):
        link = item.find("a")
        href = link.get("href") if link is not None else None
        entries.append((item.text_content().strip(), href))
    return box, box.findtext("h2").strip(), entries


def assert_links_reach_their_fields(document, entries):
    for text, href in entries:
        if href is None:
            continue
        assert href.startswith("#"), text
        target = document.get_element_by_id(href[1:], None)
        assert target is not None, f"{href} is on no element"
        assert target.tag in ("input", "select", "textarea"), href


class TestErrorSummary:
    def test_the_application_form_names_each_mistake_and_links_to_its_field(
        self, client_for, applicant
    ):
        url = reverse("training:apply", args=[CohortFactory().pk])
        data = application_data(employer_name="", employer_kind="", supervisor_email="chefin@")
        document = page(client_for(applicant).post(url, data))

        box, heading, entries = summary(document)
        assert heading == "Bitte korrigieren Sie Folgendes"
        assert [href for _text, href in entries] == [
            "#id_employer_name",
            "#id_employer_kind_0",  # the first of the radio buttons
            "#id_supervisor_email",
        ]
        assert entries[0][0] == "Arbeitgeber: Bitte nennen Sie Ihren Arbeitgeber."
        assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in entries[2][0]
        assert_links_reach_their_fields(document, entries)
        # Focus lands on it, without JavaScript too; it is the form's first content.
        assert box.get("tabindex") == "-1"
        assert box.get("autofocus") is not None
        assert box.get("role") == "alert"
        assert box.getparent().tag == "form"
        assert title(document).startswith("Fehler: ")
        assert document.xpath('//script[@src="/static/js/error-summary.js"]')

    def test_a_form_as_first_shown_has_neither_summary_nor_error_title(self, client_for, applicant):
        url = reverse("training:apply", args=[CohortFactory().pk])
        document = page(client_for(applicant).get(url))
        assert not document.find_class("error-summary")
        assert not title(document).startswith("Fehler")
        assert not document.xpath('//script[@src="/static/js/error-summary.js"]')

    def test_a_wrong_password_at_login_is_summarised_without_a_field(self, client):
        UserFactory(email="anna.schmidt@riesa.example")
        response = client.post(
            reverse("account_login"),
            {"login": "anna.schmidt@riesa.example", "password": "falsch"},
        )
        document = page(response)
        _box, heading, entries = summary(document)
        assert heading == "Bitte korrigieren Sie Folgendes"
        assert entries == [("Die E-Mail-Adresse und/oder das Passwort sind leider falsch.", None)]
        assert title(document) == "Fehler: Anmelden · ASSKomm"
        # The message is said once, in the summary.
        assert response.content.decode().count("leider falsch") == 1

    def test_the_sign_up_links_every_missing_answer(self, client):
        document = page(client.post(reverse("account_signup"), {"email": "anna@"}))
        _box, _heading, entries = summary(document)
        assert [href for _text, href in entries] == [
            "#id_first_name",
            "#id_last_name",
            "#id_email",
            "#id_password1",
            "#id_password2",
            "#id_privacy_consent",
        ]
        assert entries[0][0] == "Vorname: Dieses Feld ist zwingend erforderlich."
        assert_links_reach_their_fields(document, entries)
        assert title(document).startswith("Fehler: Registrieren")

    def test_the_password_reset_and_the_profile_have_it_too(self, client_for, applicant):
        document = page(client_for(None).post(reverse("account_reset_password"), {"email": ""}))
        assert [href for _text, href in summary(document)[2]] == ["#id_email"]
        assert title(document).startswith("Fehler: ")

        document = page(
            client_for(applicant).post(
                reverse("members:profile"),
                {"first_name": "", "last_name": "Schmidt", "preferred_language": "de"},
            )
        )
        entries = summary(document)[2]
        assert ("Vorname: Dieses Feld ist zwingend erforderlich.", "#id_first_name") in entries
        assert_links_reach_their_fields(document, entries)
        assert title(document).startswith("Fehler: ")

    def test_the_guest_registration_has_it(self, client):
        event = EventFactory(audience=Event.Audience.PUBLIC)
        url = reverse("events:guest_register", args=[event.slug])
        document = page(client.post(url, {"guest_name": "", "guest_email": "anna@"}))
        hrefs = [href for _text, href in summary(document)[2]]
        assert hrefs[:2] == ["#id_guest_name", "#id_guest_email"]
        assert title(document).startswith("Fehler: ")

    def test_the_membership_request_on_the_dashboard_has_it(self, client_for, applicant):
        response = client_for(applicant).post(reverse("members:membership_request"), {})
        document = page(response)
        entries = summary(document)[2]
        assert "#id_function" in [href for _text, href in entries]
        assert_links_reach_their_fields(document, entries)
        assert title(document).startswith("Fehler: ")

    def test_in_english_the_summary_and_title_speak_english(self, client_for):
        english = UserFactory(preferred_language="en")
        url = reverse("training:apply", args=[CohortFactory().pk])
        document = page(client_for(english).post(url, application_data(employer_name="")))
        assert summary(document)[1] == "Please correct the following"
        assert title(document).startswith("Error: ")

    def test_a_failed_form_in_a_list_of_forms_marks_the_title(self):
        template = Template("{% load form_errors %}{% form_errors_on_page as failed %}{{ failed }}")
        failed = DecisionForm(data={"decision": "accepted", "reason": ""})
        untouched = DecisionForm()
        assert template.render(Context({"forms": [untouched, failed]})) == "True"
        assert template.render(Context({"forms": [untouched], "form": untouched})) == "False"


def attributes(document, name):
    (element,) = document.xpath(f'//*[@name="{name}"]')
    return element.attrib


class TestAutocomplete:
    def test_sign_up(self, client):
        document = page(client.get(reverse("account_signup")))
        assert attributes(document, "first_name")["autocomplete"] == "given-name"
        assert attributes(document, "last_name")["autocomplete"] == "family-name"
        assert attributes(document, "email")["autocomplete"] == "email"
        assert attributes(document, "password1")["autocomplete"] == "new-password"
        assert attributes(document, "password2")["autocomplete"] == "new-password"

    def test_login(self, client):
        document = page(client.get(reverse("account_login")))
        assert attributes(document, "login")["autocomplete"] == "email"
        assert attributes(document, "password")["autocomplete"] == "current-password"

    def test_profile(self, client_for, applicant):
        document = page(client_for(applicant).get(reverse("members:profile")))
        assert attributes(document, "title")["autocomplete"] == "honorific-prefix"
        assert attributes(document, "first_name")["autocomplete"] == "given-name"
        assert attributes(document, "last_name")["autocomplete"] == "family-name"
        assert attributes(document, "function")["autocomplete"] == "organization-title"
        phone = attributes(document, "phone")
        assert (phone["type"], phone["autocomplete"]) == ("tel", "tel")
        assert phone["maxlength"] == "50"

    def test_membership_request(self, client_for, applicant):
        document = page(client_for(applicant).get(reverse("members:dashboard")))
        assert attributes(document, "function")["autocomplete"] == "organization-title"

    def test_application_fills_in_the_applicant_but_not_the_supervisor(self, client_for, applicant):
        url = reverse("training:apply", args=[CohortFactory().pk])
        document = page(client_for(applicant).get(url))
        assert attributes(document, "employer_name")["autocomplete"] == "organization"
        assert attributes(document, "function")["autocomplete"] == "organization-title"
        assert "autocomplete" not in attributes(document, "supervisor_name")
        assert "autocomplete" not in attributes(document, "supervisor_email")

    def test_guest_registration(self, client):
        event = EventFactory(audience=Event.Audience.PUBLIC)
        document = page(client.get(reverse("events:guest_register", args=[event.slug])))
        assert attributes(document, "guest_name")["autocomplete"] == "name"
        assert attributes(document, "guest_email")["autocomplete"] == "email"
        assert attributes(document, "guest_organisation")["autocomplete"] == "organization"
