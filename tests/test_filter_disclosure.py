"""The list filters fold behind a button on a phone; the button says how
many filters are at work, so that a folded filter never hides why a list
is short."""

import re

from events.models import Event


def active_chip(response):
    found = re.search(r"<summary>.*?</summary>", response.content.decode(), re.DOTALL)
    assert found, "no folded filter form"
    chip = re.search(r'<span class="chip">(.*?)</span>', found.group(0))
    return chip.group(1) if chip else None


def test_a_list_without_filters_says_nothing_is_active(client, member):
    client.force_login(member)
    assert active_chip(client.get("/events/")) is None
    # Empty fields, as the form sends them, are no filters.
    assert active_chip(client.get("/events/?q=&kind=&region=")) is None


def test_each_filter_set_counts(client, member):
    client.force_login(member)
    assert active_chip(client.get(f"/events/?kind={Event.Kind.WORKSHOP}")) == "1 aktiv"
    response = client.get(f"/events/?q=Fachtag&kind={Event.Kind.WORKSHOP}&page=1")
    assert active_chip(response) == "2 aktiv"


def test_a_choice_at_its_default_is_no_filter(client, member):
    client.force_login(member)
    assert active_chip(client.get("/municipalities/")) is None
    assert active_chip(client.get("/municipalities/?scope=network")) is None
    assert active_chip(client.get("/municipalities/?scope=saxony")) == "1 aktiv"


def test_the_library_folds_its_filters_too(client, db):
    response = client.get("/library/?q=Leitfaden")
    assert active_chip(response) == "1 aktiv"
