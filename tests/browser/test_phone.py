"""The portal on a 390 px phone: every key page fits the screen, the
navigation folds behind a menu button that works without JavaScript, list
filters give way to the results, and what a thumb taps is big enough.

Long German compounds in the data prove that headings and text wrap rather
than push the page wider than the phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.audiences import Audience
from events.models import Event
from projects.models import Project
from tests.events.factories import EventFactory
from tests.exchange.factories import QuestionFactory
from tests.factories import (
    MemberFactory,
    MunicipalityFactory,
    OrganisationFactory,
    StaffFactory,
    WorkingGroupSeatFactory,
)
from tests.library.factories import ResourceFactory
from tests.projects.factories import ProjectFactory
from tests.training.factories import ApplicationFactory, CohortFactory
from tests.working_group.factories import ActionItemFactory, SessionFactory

LONG = "Kriminalpräventionsratsgeschäftsstellenleitung"

phone = pytest.mark.parametrize("screen", ["phone"], indirect=True)
desktop = pytest.mark.parametrize("screen", ["desktop"], indirect=True)


@pytest.fixture
def network():
    """A network whose names are as long as German makes them."""
    town = MunicipalityFactory(name=f"{LONG}sstadt an der Freiberger Mulde")
    member = MemberFactory(municipality=town, function=LONG, last_name=f"{LONG}-Müller")
    event = EventFactory(
        title=f"Fachtag der {LONG} mit Sicherheitspartnerschaftsvereinbarung",
        audience=Audience.PUBLIC,
        venue_name="Landesamtsverwaltungsgebäude Dresden-Neustadt",
    )
    for days in (21, 28, 35):
        EventFactory(starts_at=timezone.now() + timedelta(days=days))
    EventFactory(
        title=f"Rückblick {LONG}",
        audience=Audience.PUBLIC,
        starts_at=timezone.now() - timedelta(days=40),
    )
    seat = WorkingGroupSeatFactory(
        municipality=town, organisation=None, delegate=member, deputy=MemberFactory()
    )
    WorkingGroupSeatFactory(
        organisation=OrganisationFactory(name=f"Landesarbeitsgemeinschaft {LONG} e. V.")
    )
    session = SessionFactory(title=f"Sitzung zur {LONG}")
    SessionFactory(starts_at=timezone.now() + timedelta(days=60), status=Event.Status.PUBLISHED)
    ActionItemFactory(session=session, owner_seat=seat, title=f"Stellungnahme zur {LONG} abstimmen")
    ResourceFactory(title=f"Leitfaden {LONG}", audience=Audience.PUBLIC)
    ProjectFactory(
        title=f"Videoüberwachungsverhältnismäßigkeitsprüfung {LONG}",
        municipality=town,
        status=Project.Status.IN_PROGRESS,
    )
    QuestionFactory(author=member, title=f"Erfahrungen mit der {LONG}?")
    ApplicationFactory(applicant=member, cohort=CohortFactory(), function=LONG)
    return {"town": town, "member": member, "event": event}


PUBLIC_PAGES = ["/", "/events/", "event", "/events/archive/", "/training/", "/library/"]
PUBLIC_PAGES += ["/working-group/", "/search/?q=x"]
MEMBER_PAGES = ["/members/", "/municipalities/", "town", "/me/", "/me/applications/"]
MEMBER_PAGES += ["/projects/", "/exchange/"]


def address(page, network):
    if page == "event":
        return network["event"].get_absolute_url()
    if page == "town":
        return network["town"].get_absolute_url()
    return page


def named(path):
    return path.strip("/").replace("/", "-").replace("?q=x", "") or "home"


def visit_every_page(visit, network, pages, role):
    for page in pages:
        visit.go(address(page, network))
        visit.shot(f"{role}-{named(page)}")


@phone
def test_every_key_page_fits_a_phone_for_a_visitor(visit, network):
    pages = PUBLIC_PAGES + ["/accounts/login/", "/accounts/signup/"]
    visit_every_page(visit, network, pages, "visitor")


@phone
def test_every_key_page_fits_a_phone_for_a_member(visit, network):
    visit.log_in(network["member"])
    visit_every_page(visit, network, PUBLIC_PAGES + MEMBER_PAGES, "member")


@phone
def test_every_key_page_fits_a_phone_for_staff(visit, network):
    visit.log_in(StaffFactory(two_factor=False))
    visit_every_page(visit, network, PUBLIC_PAGES + MEMBER_PAGES, "staff")


@phone
def test_the_navigation_folds_behind_a_menu_button_that_needs_no_javascript(visit, network):
    visit.log_in(network["member"])
    page = visit.go("/")
    menu = page.locator(".site-nav summary")
    assert menu.is_visible()
    assert not page.get_by_role("link", name="Veranstaltungen", exact=True).is_visible()

    menu.click()
    assert page.get_by_role("link", name="Veranstaltungen", exact=True).is_visible()
    assert page.get_by_role("link", name="Mein Bereich").is_visible()
    visit.shot("menu-open")
    page.get_by_role("link", name="Veranstaltungen", exact=True).click()
    assert page.locator("h1").inner_text() == "Veranstaltungen"


def test_the_menu_opens_without_javascript(browser, live_server, network):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        assert not page.get_by_role("link", name="Bibliothek", exact=True).is_visible()
        page.locator(".site-nav summary").click()
        assert page.get_by_role("link", name="Bibliothek", exact=True).is_visible()
    finally:
        context.close()


@desktop
def test_on_a_desktop_the_navigation_shows_without_a_menu_button(visit, network):
    visit.log_in(network["member"])
    page = visit.go("/")
    assert not page.locator(".site-nav summary").is_visible()
    for name in ("Veranstaltungen", "Bibliothek", "Mitglieder", "Mein Bereich"):
        assert page.get_by_role("link", name=name, exact=True).is_visible(), name
    # One row of links, as ever.
    tops = page.locator(".site-nav li").evaluate_all(
        "items => new Set(items.map(i => Math.round(i.getBoundingClientRect().top))).size"
    )
    assert tops == 1
    visit.go("/events/")
    assert page.locator(".filters form").is_visible()
    visit.shot("events")
    visit.go("/municipalities/")
    visit.shot("municipalities")


@phone
def test_the_first_event_shows_on_the_first_screen_of_a_phone(visit, network):
    visit.log_in(network["member"])
    page = visit.go("/events/")
    first = page.locator(".event-card").first
    box = first.bounding_box()
    assert box is not None and box["y"] < 844 - 60, box
    # The filters wait behind their button.
    assert not page.locator(".filters form").is_visible()
    # The button opens by keyboard as well.
    page.locator(".filters summary").focus()
    page.keyboard.press("Enter")
    assert page.locator(".filters form").is_visible()
    visit.shot("events-filters-open")


@phone
@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_what_a_thumb_taps_in_the_header_is_at_least_44_px_tall(visit, network, role):
    if role == "member":
        visit.log_in(network["member"])
    page = visit.go("/events/")
    page.locator(".site-nav summary").click()
    too_small = page.evaluate(
        """() => [...document.querySelectorAll(
                '.site-header a, .site-header button, .site-header input, .site-header summary,'
                + ' .filters summary')]
            .filter(e => e.getClientRects().length && !e.closest('.visually-hidden'))
            .map(e => [e.textContent.trim() || e.name || e.tagName, e.getBoundingClientRect()])
            .filter(([, box]) => box.height < 44 || box.width < 24)
            .map(([name, box]) => `${name}: ${Math.round(box.width)}×${Math.round(box.height)}`)"""
    )
    assert too_small == []
