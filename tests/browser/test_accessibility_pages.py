"""The accessibility statement, the report form, the contact page and the
page in Leichte Sprache as people see them: reachable from the footer, free
of serious axe findings, fitting the phone; a report sent from the form."""

from django.core import mail

from accessibility.models import BarrierReport

PAGES = {
    "statement": "/accessibility/",
    "report": "/accessibility/report/",
    "contact": "/contact/",
    "easy-read": "/leichte-sprache/",
}


def test_the_pages_have_no_serious_barriers_and_fit_the_screen(visit):
    for name, path in PAGES.items():
        visit.go(path)
        assert visit.axe() == [], name
        visit.shot(name)


def test_the_footer_leads_to_the_statement_and_a_report_is_sent(visit, settings):
    settings.TEAM_EMAIL = "team@asskomm.example"
    page = visit.go("/")
    page.locator("footer").get_by_role("link", name="Barrierefreiheit").click()
    page.get_by_role("link", name="Barriere melden").click()
    page.get_by_role("button", name="Meldung senden").click()
    # Nothing typed: the form explains in German, next to the field.
    assert page.get_by_text("Bitte beschreiben Sie die Barriere.").is_visible()
    visit.shot("report-errors")
    page.get_by_label("Seite oder Adresse").fill("/events/")
    page.get_by_label("Worin besteht die Barriere?").fill(
        "Der Filter ist mit der Tastatur nicht erreichbar."
    )
    page.get_by_label("Ihre E-Mail-Adresse (freiwillig)").fill("jana@example.org")
    page.get_by_role("button", name="Meldung senden").click()
    assert page.get_by_text("Ihre Meldung ist beim ASSKomm-Team angekommen").is_visible()
    visit.shot("report-sent")
    assert BarrierReport.objects.get().email == "jana@example.org"
    assert sorted(m.to[0] for m in mail.outbox) == ["jana@example.org", "team@asskomm.example"]
