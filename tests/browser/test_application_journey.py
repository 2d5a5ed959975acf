"""Journey 4: an applicant applies for the open Beccaria cohort, makes a
mistake, is led to it by the error summary, corrects it and finds the
application in their own area."""

import re

from tests.factories import UserFactory
from tests.training.factories import MOTIVATION, CohortFactory, riesa
from training.models import Application


def test_an_applicant_corrects_a_mistake_and_finds_the_application(visit):
    cohort = CohortFactory()
    riesa()
    applicant = visit.log_in(UserFactory(first_name="Anna", last_name="Schmidt"))

    page = visit.go("/training/beccaria/")
    visit.shot("programme")
    page.get_by_role("link", name="Jetzt bewerben").click()
    page.wait_for_url(f"**/training/cohorts/{cohort.pk}/apply/")
    visit.shot("form")

    # Everything filled in, but the motivation in four words and the
    # supervisor's address cut short.
    page.get_by_role("textbox", name="Arbeitgeber", exact=True).fill(
        "Stadtverwaltung Riesa, Ordnungsamt"
    )
    page.get_by_label("Kommunalverwaltung").check()
    page.get_by_role("combobox", name="Kommune").select_option(label="Riesa")
    page.locator("#id_function").fill("Präventionsbeauftragte")
    page.locator("#id_motivation").fill("Ich will das lernen.")
    page.locator("#id_supervisor_name").fill("Herr Beispiel")
    page.locator("#id_supervisor_email").fill("amtsleitung@riesa")
    page.locator("#id_employer_release_confirmed").check()
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Bewerbung absenden").click()
    page.wait_for_load_state()

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("heading").inner_text() == "Bitte korrigieren Sie Folgendes"
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    assert page.title().startswith("Fehler:")
    links = summary.get_by_role("link")
    assert links.count() == 2
    assert "mindestens 200 Zeichen" in links.nth(0).inner_text()
    # What was typed right is still there.
    assert page.locator("#id_employer_name").input_value() == "Stadtverwaltung Riesa, Ordnungsamt"
    assert page.locator("#id_function").input_value() == "Präventionsbeauftragte"
    assert page.locator("#id_supervisor_name").input_value() == "Herr Beispiel"
    assert page.get_by_label("Kommunalverwaltung").is_checked()
    assert page.locator("#id_consent").is_checked()
    assert not Application.objects.exists()
    visit.shot("errors")
    assert visit.axe() == []

    # The summary's link leads to the field.
    links.nth(0).click()
    assert page.evaluate("() => document.activeElement.id") == "id_motivation"
    page.locator("#id_motivation").fill(MOTIVATION)
    page.locator("#id_supervisor_email").fill("amtsleitung@riesa.example")
    visit.shot("corrected")
    page.get_by_role("button", name="Bewerbung absenden").click()

    # (The address keeps the #id_motivation the link added: the browser
    # carries it through the redirect.)
    page.wait_for_url(re.compile(r"/me/applications/(#.*)?$"))
    assert not page.title().startswith("Fehler")
    assert page.locator(".error-summary").count() == 0
    assert "Ihre Bewerbung ist angekommen" in page.locator(".messages").inner_text()
    card = page.locator("article.card").filter(has_text=str(cohort))
    assert card.is_visible()
    assert "Stadtverwaltung Riesa, Ordnungsamt" in card.inner_text()
    application = Application.objects.get(applicant=applicant)
    assert application.motivation == MOTIVATION
    visit.shot("my-applications")


def test_without_javascript_the_focus_is_on_the_summary_too(browser, live_server, transactional_db):
    """The autofocus attribute alone moves the focus; the script is a
    fallback for browsers that ignore it on a box."""
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.locator("#id_login").fill("niemand@riesa.example")
        page.locator("#id_password").fill("falsch")
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()
        assert page.title().startswith("Fehler:")
        assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    finally:
        context.close()
