"""The portal's look as people notice it: where a deep page sits
(breadcrumbs), the date leaf and the status chips on event cards, empty
lists that say what to do next, the person's next events at the top of
their dashboard, the icon in the browser's tab and the print style sheet."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MemberFactory, StaffFactory, UserFactory
from tests.training.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def breadcrumbs(content):
    found = re.search(r'<nav class="breadcrumbs" aria-label="([^"]+)">(.*?)</nav>', content, re.S)
    assert found, "no breadcrumbs"
    return found.group(1), found.group(2)


# Breadcrumbs


def test_an_event_page_says_where_it_sits(client_for, member):
    event = EventFactory(title="Vernetzungstreffen Görlitz")
    label, trail = breadcrumbs(page(client_for(member), event.get_absolute_url()))
    assert label == "Brotkrümelnavigation"
    assert f'<a href="{reverse("home")}">Startseite</a>' in trail
    assert f'<a href="{reverse("events:list")}">Veranstaltungen</a>' in trail
    assert trail.strip().endswith('<li aria-current="page">Vernetzungstreffen Görlitz</li></ol>')


def test_a_past_event_sits_in_the_archive(client_for, member):
    event = EventFactory(starts_at=timezone.now() - timedelta(days=30))
    _label, trail = breadcrumbs(page(client_for(member), event.get_absolute_url()))
    assert f'<a href="{reverse("events:archive")}">Veranstaltungsarchiv</a>' in trail


def test_a_programme_page_has_breadcrumbs_for_anyone(client):
    programme = ProgrammeFactory()
    _label, trail = breadcrumbs(page(client, programme.get_absolute_url()))
    assert f'<a href="{reverse("training:programme_list")}">Fortbildung</a>' in trail
    assert f'<li aria-current="page">{programme.name}</li>' in trail


def test_breadcrumbs_speak_english_too(client_for, member, settings):
    client = client_for(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    label, trail = breadcrumbs(page(client, EventFactory().get_absolute_url()))
    assert label == "Breadcrumbs"
    assert ">Home</a>" in trail


# Date leaves and chips on event cards


def next_twelfth_of_december():
    now = timezone.localtime()
    year = now.year if now.date() < datetime(now.year, 12, 1).date() else now.year + 1
    return timezone.make_aware(datetime(year, 12, 12, 10, 0))


def test_an_event_card_shows_a_date_leaf(client_for, member):
    starts_at = next_twelfth_of_december()
    EventFactory(starts_at=starts_at)
    content = page(client_for(member), reverse("events:list"))
    assert (
        f'<time class="date-badge" datetime="{starts_at.year}-12-12" aria-hidden="true">'
        '<span class="date-badge-day">12</span> <span class="date-badge-month">Dez</span></time>'
    ) in content


def chips_on_cards(content):
    cards = re.findall(r'<article class="card event-card">(.*?)</article>', content, re.S)
    return {
        re.search(r"<h3><a [^>]+>([^<]+)</a></h3>", card).group(1): re.findall(
            r'<span class="chip[^"]*">([^<]+)</span>', card
        )
        for card in cards
    }


def test_a_person_sees_the_state_of_their_registrations_on_the_cards(client_for, member):
    EventFactory(title="Ohne mich")
    RegistrationFactory(user=member, event=EventFactory(title="Dabei"))
    full = EventFactory(title="Voll", capacity=1)
    RegistrationFactory(event=full)
    RegistrationFactory.create_batch(2, event=full, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=full, user=member, status=Registration.Status.WAITLISTED)
    called_off = EventFactory(title="Abgesagt", status=Event.Status.CANCELLED)
    RegistrationFactory(event=called_off, user=member)
    chips = chips_on_cards(page(client_for(member), reverse("events:list")))
    assert chips["Dabei"][0] == "angemeldet"
    assert chips["Voll"][0] == "Warteliste Platz 3"
    assert "abgesagt" in chips["Abgesagt"]
    assert "angemeldet" not in chips["Ohne mich"]
    # Someone else sees none of these registrations.
    other = chips_on_cards(page(client_for(MemberFactory()), reverse("events:list")))
    assert not {"angemeldet", "Warteliste Platz 3"} & {c for found in other.values() for c in found}


def test_the_archive_shows_what_took_place(client_for, member):
    past = EventFactory(title="Vorbei", starts_at=timezone.now() - timedelta(days=20))
    RegistrationFactory(event=past, user=member)
    chips = chips_on_cards(page(client_for(member), reverse("events:archive")))
    assert "hat stattgefunden" in chips["Vorbei"]


# Empty lists


def test_no_events_leads_to_the_archive_and_the_calendar(client):
    content = page(client, reverse("events:list"))
    assert 'class="empty"' in content
    assert f'href="{reverse("events:archive")}"' in content.split('class="empty"')[1]
    assert f'href="{reverse("events:public_feed")}"' in content.split('class="empty"')[1]


def test_filters_that_find_nothing_offer_to_drop_them(client_for, member):
    content = page(client_for(member), reverse("events:list") + "?q=nichtda")
    assert f'<a href="{reverse("events:list")}">Alle ohne Filter zeigen</a>' in content


def test_a_search_without_results_gives_tips(client):
    content = page(client, reverse("search:results") + "?q=zzzqqq")
    assert "Tipps:" in content
    assert f'href="{reverse("library:list")}"' in content.split("Tipps:")[1]


def test_no_applications_lead_to_the_programmes(client_for):
    content = page(client_for(UserFactory()), reverse("training:my_applications"))
    assert f'href="{reverse("training:programme_list")}"' in content.split('class="empty"')[1]


def test_no_questions_lead_to_asking_one(client_for, member):
    content = page(client_for(member), reverse("exchange:list"))
    assert f'href="{reverse("exchange:ask")}"' in content.split('class="empty"')[1]


# The dashboard's next events


def next_events(content):
    found = re.search(
        r'<section class="card" aria-labelledby="next-events-heading">(.*?)</section>',
        content,
        re.S,
    )
    assert found
    return found.group(1)


def test_the_dashboard_starts_with_the_persons_own_next_events(client_for, member):
    later = RegistrationFactory(
        user=member,
        event=EventFactory(title="Später", starts_at=timezone.now() + timedelta(days=40)),
    )
    RegistrationFactory(
        user=member,
        event=EventFactory(title="Bald", starts_at=timezone.now() + timedelta(days=2), capacity=1),
    )
    RegistrationFactory(
        user=member,
        event=EventFactory(title="Vorbei", starts_at=timezone.now() - timedelta(days=5)),
    )
    RegistrationFactory(
        user=member,
        event=EventFactory(title="Storniert"),
        status=Registration.Status.CANCELLED,
        cancelled_at=timezone.now(),
    )
    RegistrationFactory(
        user=member, event=EventFactory(title="Fällt aus", status=Event.Status.CANCELLED)
    )
    RegistrationFactory(event=EventFactory(title="Nicht meins"))
    content = page(client_for(member), reverse("members:dashboard"))
    assert content.index("next-events-heading") < content.index("membership-heading")
    shown = next_events(content)
    titles = re.findall(r'<p><a href="[^"]+">([^<]+)</a></p>', shown)
    assert titles == ["Bald", "Später"]
    assert shown.count('class="date-badge"') == 2
    assert '<span class="chip chip--green">angemeldet</span>' in shown
    assert f'href="{later.event.get_absolute_url()}"' in shown


def test_the_dashboard_says_what_to_do_without_registrations(client_for, member):
    shown = next_events(page(client_for(member), reverse("members:dashboard")))
    assert f'href="{reverse("events:list")}"' in shown


def test_the_dashboard_shows_a_waiting_place(client_for, member):
    full = EventFactory(capacity=1)
    RegistrationFactory(event=full)
    RegistrationFactory(event=full, user=member, status=Registration.Status.WAITLISTED)
    shown = next_events(page(client_for(member), reverse("members:dashboard")))
    assert '<span class="chip chip--amber">Warteliste Platz 1</span>' in shown


def test_the_dashboard_is_for_signed_in_people(client):
    response = client.get(reverse("members:dashboard"))
    assert response.status_code == 302


# Icon and print


def test_the_site_answers_for_its_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_the_admin_shows_the_icon(client_for):
    staff = StaffFactory()
    content = page(client_for(staff), reverse("admin:index"))
    assert 'rel="icon"' in content
    assert "<title>" in content and "ASSKomm" in content


def test_pages_link_the_print_style_sheet(client):
    content = page(client, reverse("home"))
    assert re.search(
        r'<link rel="stylesheet" href="/static/css/print\.css" media="print">', content
    )
