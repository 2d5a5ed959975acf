"""The journeys of issue 14, walked in Chromium at desktop and phone size:
what people do in the portal from the first page to the result, with the
forms, links and buttons they see. Screenshots of each step land under
``var/browser-shots/<screen>/<journey>/``.

Journey 4 (an applicant's failed form) is in tests/browser/test_forms.py.
"""

import re
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Event, EventDocument, Registration
from members.models import MembershipRequest, User
from tests.events.factories import PDF_BYTES, EventDocumentFactory, EventFactory
from tests.factories import PASSWORD, MemberFactory, MunicipalityFactory, StaffFactory
from tests.training.factories import ApplicationFactory, CohortFactory
from training.models import Application


@contextmanager
def another_window(visit, name):
    """A second browser window, with cookies of its own, at the same screen
    size: another person at another desk. Its screenshots go beside the
    first window's, in a folder of their own."""
    context = visit.context.browser.new_context(
        viewport=visit.page.viewport_size, locale="de-DE", accept_downloads=True
    )
    context.set_default_timeout(15_000)
    window = type(visit)(
        context=context,
        page=context.new_page(),
        base_url=visit.base_url,
        screen=visit.screen,
        folder=visit.folder / name,
    )
    context.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((visit.base_url, "data:", "blob:", "about:"))
            else window.outside.append(request.url)
        ),
    )
    try:
        yield window
    finally:
        context.close()
    assert window.outside == [], f"requests outside the portal: {window.outside}"


def main(page):
    return page.locator("main")


def submit(page, text):
    """Presses the button labelled ``text`` in the page's main part."""
    main(page).get_by_role("button", name=text, exact=True).click()
    page.wait_for_load_state()


def path_in(body, prefix):
    """The path of the first link in a mail's ``body`` that starts with ``prefix``."""
    found = re.search(rf"https?://[^/\s]+({re.escape(prefix)}\S*)", body)
    assert found, f"no link to {prefix} in:\n{body}"
    return found.group(1)


def log_in_with_the_form(page, user):
    page.get_by_label("E-Mail").fill(user.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    submit(page, "Anmelden")


# Journey 1 ----------------------------------------------------------------


def test_a_visitor_signs_up_and_becomes_a_member(visit):
    """Sign-up form, the confirmation link from the e-mail, the login form,
    the membership request on /me/; the team approves it in the admin; the
    new member finds the members' pages."""
    town = MunicipalityFactory(name="Riesa", ags="14627230")
    page = visit.go("/accounts/signup/")
    visit.shot("signup-form")
    page.fill("input[name=first_name]", "Anna")
    page.fill("input[name=last_name]", "Schmidt")
    page.fill("input[name=email]", "anna.schmidt@example.org")
    page.fill("input[name=password1]", "Kriminalpraevention-2026")
    page.fill("input[name=password2]", "Kriminalpraevention-2026")
    page.check("input[name=privacy_consent]")
    submit(page, "Registrieren")
    assert urlsplit(page.url).path == "/accounts/confirm-email/"
    visit.shot("check-your-mail")

    (confirmation,) = mail.outbox
    assert confirmation.to == ["anna.schmidt@example.org"]
    # The next morning, from the mail program: the sign-up's session is gone.
    visit.context.clear_cookies()
    page = visit.go(path_in(confirmation.body, "/accounts/confirm-email/"))
    visit.shot("confirm-address")
    submit(page, "Bestätigen")
    assert urlsplit(page.url).path == "/accounts/login/"
    visit.shot("login-form")
    anna = User.objects.get(email="anna.schmidt@example.org")
    page.get_by_label("E-Mail").fill("anna.schmidt@example.org")
    page.get_by_label("Passwort").fill("Kriminalpraevention-2026")
    submit(page, "Anmelden")
    assert urlsplit(page.url).path == "/me/"
    assert main(page).get_by_role("heading", level=1).inner_text() == "Willkommen, Anna"
    visit.shot("my-area-applicant")

    page.select_option("select[name=municipality]", label=town.name)
    page.fill("input[name=function]", "Präventionsbeauftragte")
    submit(page, "Antrag absenden")
    assert "Das ASSKomm-Team prüft Ihren Antrag" in main(page).inner_text()
    assert "Antrag wartet auf Entscheidung" in main(page).inner_text()
    visit.shot("request-sent")
    membership_request = MembershipRequest.objects.get(user=anna)
    # Before the decision, the directory is closed to her.
    assert visit.page.goto(visit.url("/members/")).status == 403

    with another_window(visit, "staff") as team:
        team.log_in(StaffFactory(two_factor=False))
        admin = team.go(f"/admin/members/membershiprequest/{membership_request.pk}/change/")
        team.shot("request-in-the-admin")
        admin.get_by_role("button", name="Speichern und bestätigen").click()
        admin.wait_for_load_state()
        assert "1 Antrag beschieden" in admin.locator(".messagelist").inner_text()
        team.shot("request-approved")

    membership_request.refresh_from_db()
    assert membership_request.status == MembershipRequest.Status.APPROVED
    assert mail.outbox[-1].to == ["anna.schmidt@example.org"]
    page = visit.go("/me/")
    assert "Netzwerkmitglied" in main(page).inner_text()
    visit.shot("my-area-member")
    main(page).get_by_role("link", name="Andere Mitglieder finden").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/members/"
    visit.shot("member-directory")


# Journey 2 ----------------------------------------------------------------


@pytest.fixture
def meetings(db):
    """A meeting in Dresden with one place, and one in Leipzig."""
    dresden = EventFactory(
        title="Vernetzungstreffen Dresden", region="dresden", capacity=1, venue_name="Rathaus"
    )
    leipzig = EventFactory(title="Vernetzungstreffen Leipzig", region="leipzig")
    return dresden, leipzig


def test_members_register_wait_and_move_up(visit, meetings):
    """Filter by region, register, download the .ics; a second member joins
    the waiting list of the full event and moves up when the first cancels."""
    dresden, leipzig = meetings
    first, second = MemberFactory(), MemberFactory()
    visit.log_in(first)
    page = visit.go("/events/")
    visit.shot("event-list")
    if visit.screen == "phone":  # the filters fold behind their button
        page.locator("details.filters-menu > summary").click()
    page.select_option("select[name=region]", value="dresden")
    submit(page, "Filter anwenden")
    results = main(page).locator("section[aria-labelledby=results-heading]")
    assert results.get_by_role("link", name=dresden.title).is_visible()
    assert results.get_by_role("link", name=leipzig.title).count() == 0
    visit.shot("filtered-by-region")

    results.get_by_role("link", name=dresden.title).click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == dresden.get_absolute_url()
    visit.shot("event")
    submit(page, "Teilnahme anmelden")
    registered = "Ihre Teilnahme ist angemeldet. Eine Bestätigung ist unterwegs."
    assert registered in main(page).inner_text()
    visit.shot("registered")
    assert [m.to for m in mail.outbox] == [[first.email]]

    with page.expect_download() as download_info:
        main(page).get_by_role("link", name="In den Kalender übernehmen (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"{dresden.slug}.ics"
    calendar = open(download.path(), encoding="utf-8").read()  # noqa: SIM115 - read at once
    assert "BEGIN:VEVENT" in calendar
    assert dresden.title in calendar

    with another_window(visit, "second-member") as other:
        other.log_in(second)
        other_page = other.go(dresden.get_absolute_url())
        other.shot("event-full")
        assert "Die Veranstaltung ist ausgebucht" in main(other_page).inner_text()
        submit(other_page, "Auf die Warteliste setzen")
        text = main(other_page).inner_text()
        assert "Sie stehen auf Platz 1 der Warteliste" in text
        other.shot("on-the-waiting-list")

        # The first member cannot come after all.
        main(page).get_by_role("link", name="Meine Anmeldung stornieren").click()
        page.wait_for_load_state()
        visit.shot("cancel-confirmation")
        submit(page, "Meine Anmeldung stornieren")
        assert "Ihre Anmeldung ist storniert." in main(page).inner_text()
        visit.shot("cancelled")

        other_page.reload()
        text = other_page.locator("section[aria-labelledby=registration-heading]").inner_text()
        assert "Ihre Teilnahme ist angemeldet. Wir erinnern Sie einige Tage vorher." in text
        assert "Warteliste" not in text
        other.shot("moved-up")

    assert Registration.objects.get(event=dresden, user=second).status == "confirmed"
    assert second.email in [address for m in mail.outbox for address in m.to]


# Journey 3 ----------------------------------------------------------------


def test_a_link_from_an_email_leads_through_the_login_to_the_event(visit, meetings):
    dresden, _leipzig = meetings
    member = MemberFactory()
    page = visit.go(dresden.get_absolute_url())
    assert urlsplit(page.url).path == "/accounts/login/"
    visit.shot("login-first")
    log_in_with_the_form(page, member)
    assert urlsplit(page.url).path == dresden.get_absolute_url()
    assert main(page).get_by_role("heading", level=1).inner_text() == dresden.title
    assert main(page).get_by_role("button", name="Teilnahme anmelden").is_visible()
    visit.shot("the-event")


# Journey 5 ----------------------------------------------------------------


def test_staff_confirm_a_selection_and_add_a_document_to_an_event(visit):
    cohort = CohortFactory(closed=True, capacity=2)
    municipal = ApplicationFactory.create_batch(2, cohort=cohort)
    police = ApplicationFactory(cohort=cohort, police=True)
    visit.log_in(StaffFactory(two_factor=False))

    page = visit.go(f"/training/cohorts/{cohort.pk}/selection/")
    visit.shot("proposal")
    submit(page, "Auswahl bestätigen und Bewerber*innen benachrichtigen")
    assert "2 angenommen, 1 auf der Warteliste, 0 nicht berücksichtigt" in main(page).inner_text()
    visit.shot("confirmed")
    statuses = dict(cohort.applications.values_list("pk", "status"))
    assert statuses == {
        municipal[0].pk: Application.Status.ACCEPTED,
        municipal[1].pk: Application.Status.ACCEPTED,
        police.pk: Application.Status.WAITLISTED,
    }
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        a.applicant.email for a in [*municipal, police]
    )

    # Whole minutes, as the admin's form keeps them: saving changes no time.
    starts_at = (timezone.now() + timedelta(days=30)).replace(second=0, microsecond=0)
    event = EventFactory(
        title="Fachtag Kriminalprävention", starts_at=starts_at, kind=Event.Kind.FACHTAG
    )
    page = visit.go(f"/admin/events/event/{event.pk}/change/")
    visit.shot("event-in-the-admin")
    page.fill("input[name=documents-0-title]", "Tagesordnung Fachtag")
    page.select_option("select[name=documents-0-kind]", value=EventDocument.Kind.AGENDA)
    page.set_input_files(
        "input[name=documents-0-file]",
        files=[{"name": "tagesordnung.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}],
    )
    page.get_by_role("button", name="Sichern und weiter bearbeiten").click()
    page.wait_for_load_state()
    assert "erfolgreich geändert" in page.locator(".messagelist").inner_text()
    visit.shot("document-saved")
    document = EventDocument.objects.get(event=event)
    assert document.title == "Tagesordnung Fachtag"
    assert document.file.read() == PDF_BYTES

    page = visit.go(event.get_absolute_url())
    assert main(page).get_by_role("link", name=re.compile("Tagesordnung Fachtag")).is_visible()
    visit.shot("document-on-the-event-page")


# Journey 6 ----------------------------------------------------------------

FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return {
        tag: element.tagName,
        text: (element.innerText || element.value || '').trim().slice(0, 60),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
    };
}"""


def test_registration_with_the_keyboard_alone(visit, meetings):
    dresden, _leipzig = meetings
    member = visit.log_in(MemberFactory())
    page = visit.go(dresden.get_absolute_url())
    unseen = []
    for _press in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not (focused["outline"] or focused["shadow"]):
            unseen.append(focused)
        if focused["tag"] == "BUTTON" and focused["text"] == "Teilnahme anmelden":
            break
    else:
        pytest.fail("Tab never reached the button “Teilnahme anmelden”")
    visit.shot("register-button-focused")
    assert unseen == [], f"focus not visible on {unseen}"
    # A key press, unlike a click, does not wait for the page it sends.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Ihre Teilnahme ist angemeldet." in main(page).inner_text()
    visit.shot("registered")
    assert Registration.objects.get(event=dresden, user=member).status == "confirmed"


# Journey 7 ----------------------------------------------------------------


def test_search_finds_a_document_and_the_exchange_answers_a_question(visit):
    event = EventFactory(title="Regionaltreffen Görlitz")
    document = EventDocumentFactory(
        event=event,
        title="Handreichung Graffiti-Prävention",
        visibility=EventDocument.Visibility.MEMBERS,
    )
    asker, helper = MemberFactory(first_name="Anna"), MemberFactory(first_name="Bernd")
    visit.log_in(asker)
    page = visit.go("/search/")
    page.fill("main input[name=q]", "Graffiti")
    submit(page, "Suchen")
    hit = main(page).get_by_role("link", name="Handreichung Graffiti-Prävention")
    assert hit.get_attribute("href") == document.get_absolute_url()
    visit.shot("search-hit")

    page = visit.go("/exchange/ask/")
    visit.shot("ask-form")
    title = "Wer hat Erfahrung mit Graffiti-Projekten?"
    page.fill("input[name=title]", title)
    page.fill("textarea[name=text]", "Wir planen eine legale Sprühfläche am Bahnhof. Tipps?")
    submit(page, "Dem Netzwerk stellen")
    question_path = urlsplit(page.url).path
    assert main(page).get_by_role("heading", level=1).inner_text() == title
    visit.shot("question-asked")

    with another_window(visit, "helper") as other:
        other.log_in(helper)
        other_page = other.go("/exchange/")
        main(other_page).get_by_role("link", name=title).click()
        other_page.wait_for_load_state()
        assert urlsplit(other_page.url).path == question_path
        other_page.fill("textarea[name=text]", "In Zittau hat das gut geklappt: mit dem Jugendamt.")
        submit(other_page, "Antwort senden")
        assert "Vielen Dank für Ihre Antwort." in main(other_page).inner_text()
        other.shot("answered")

    (notice,) = [m for m in mail.outbox if m.to == [asker.email]]
    visit.go("/me/")  # meanwhile, elsewhere in the portal
    page = visit.go(path_in(notice.body, question_path))
    assert "In Zittau hat das gut geklappt" in main(page).inner_text()
    visit.shot("asker-reads-the-answer")
