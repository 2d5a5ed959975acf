"""Markup for assistive technology that axe-core cannot judge: content
people entered in German is marked as German on English pages (so a
screen reader pronounces it as German), and tables wider than the screen
scroll in a region that keyboard users can reach."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from events.models import Event
from library.models import Resource
from tests.events.factories import EventFactory
from tests.exchange.factories import QuestionFactory
from tests.factories import MemberFactory, MunicipalityFactory
from tests.library.factories import ResourceFactory
from tests.training.factories import CohortFactory, CohortSessionFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_event_in_german_is_marked_as_german_on_the_english_page(client):
    event = EventFactory(
        title="Fachtag Prävention im Quartier",
        audience=Event.Audience.PUBLIC,
        description="Ein Tag für die Praxis.",
    )
    html = in_english(client).get(event.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert '<h1 lang="de">Fachtag Prävention im Quartier</h1>' in html
    assert re.search(r'<div lang="de"><p>Ein Tag für die Praxis.</p></div>', html)
    # The interface around it stays English.
    assert "About this event" in html

    listing = client.get("/events/").content.decode()
    card_title = r'<h3 lang="de"><a href="[^"]+">Fachtag Prävention im Quartier</a></h3>'
    assert re.search(card_title, listing)


def test_on_german_pages_german_content_needs_no_mark(client):
    event = EventFactory(title="Fachtag Prävention", audience=Event.Audience.PUBLIC)
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<html lang="de">' in html
    assert "<h1>Fachtag Prävention</h1>" in html
    assert 'lang="de">Fachtag' not in html


def test_a_resource_and_a_municipality_are_marked_as_german_on_english_pages(client):
    resource = ResourceFactory(
        title="Leitfaden Sicherheitsaudit", audience=Resource.Audience.PUBLIC
    )
    html = in_english(client).get(resource.get_absolute_url()).content.decode()
    assert '<h1 lang="de">Leitfaden Sicherheitsaudit</h1>' in html

    town = MunicipalityFactory(name="Großenhain")
    client.force_login(MemberFactory(municipality=town))
    html = client.get(town.get_absolute_url()).content.decode()
    assert '<h1 lang="de">Großenhain</h1>' in html
    listing = client.get("/municipalities/").content.decode()
    assert re.search(r'<a href="[^"]+" lang="de">Großenhain</a>', listing)


def test_a_question_in_the_exchange_is_marked_as_german_on_the_english_page(client):
    question = QuestionFactory(title="Wer kennt gute Spielplatzpaten?", text="Wir suchen Ideen.")
    client.force_login(MemberFactory())
    html = in_english(client).get(question.get_absolute_url()).content.decode()
    assert '<h1 lang="de">Wer kennt gute Spielplatzpaten?</h1>' in html
    assert '<div class="lead" lang="de">Wir suchen Ideen.</div>' in html


def test_content_inside_an_english_sentence_is_marked_and_escaped():
    template = Template("{% load portal %}from {{ title|in_content_language }}")
    with translation.override("en"):
        shown = template.render(Context({"title": "Fachtag <Prävention>"}))
    assert shown == 'from <span lang="de">Fachtag &lt;Prävention&gt;</span>'
    with translation.override("de"):
        assert template.render(Context({"title": "A & B"})) == "from A &amp; B"


def test_a_wide_table_scrolls_in_a_region_keyboard_users_reach(client):
    cohort = CohortFactory()
    CohortSessionFactory(cohort=cohort)
    html = in_english(client).get(cohort.programme.get_absolute_url()).content.decode()
    region = re.search(r'<div class="table-scroll"[^>]*>\s*<table>\s*<caption>([^<]+)', html)
    assert region, "the weekends' table scrolls in a region"
    assert 'tabindex="0"' in region.group(0)
    assert 'role="region"' in region.group(0)
    assert 'aria-label="The weekends"' in region.group(0)


def test_every_scrolling_table_in_the_templates_is_a_named_region():
    """Written as ``{% scroll_region label %}…{% endscroll_region %}``, never as
    a bare ``<div class="table-scroll">`` that the keyboard cannot reach."""
    bare = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if 'class="table-scroll"' in path.read_text(encoding="utf-8")
    ]
    assert bare == []
    assert any("{% scroll_region" in path.read_text() for path in TEMPLATES.rglob("*.html"))
