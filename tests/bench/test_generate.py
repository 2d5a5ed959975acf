"""The data generator at a tiny scale, on the test database."""

import pytest
from django.db.models import Count, Q

from bench import generate
from bench.pages import key_pages
from bench.queries import client_for, get
from events.models import Event, Registration
from members.models import Municipality, User
from search.models import SearchEntry
from search.query import search
from training.models import Application, Cohort

SCALE = 0.05


@pytest.fixture
def generated(db):
    return generate.generate(scale=SCALE, seed=13)


def _close(found, expected):
    assert abs(found - expected) <= max(3, expected * 0.05), (found, expected)


def test_the_generator_writes_valid_data_in_the_promised_proportions(generated):
    counts = generated.counts
    assert Municipality.objects.count() == counts["members.municipality"] == 420
    assert User.objects.count() == counts["members.user"] == 150
    assert Event.objects.count() == counts["events.event"] == 50
    assert Registration.objects.count() == counts["events.registration"] == 1500
    _close(Application.objects.count(), 100)
    assert Cohort.objects.count() >= 4
    for label, name in [
        ("library.resource", "resources"),
        ("projects.project", "projects"),
        ("exchange.question", "questions"),
        ("news.news", "news"),
    ]:
        assert counts[label] == generate.scaled(name, SCALE)
    assert counts["search.searchentry"] == SearchEntry.objects.count() > 0
    # Valid, beyond what the database's constraints already ensured.
    for municipality in Municipality.objects.order_by("?")[:40]:
        municipality.full_clean()
    assert Municipality.objects.filter(ags__regex=r"^14[567][0-9]{5}$").count() == 420
    for event in Event.objects.all()[:20]:
        event.full_clean()
    for application in Application.objects.select_related("applicant", "cohort")[:20]:
        application.full_clean()
    # No event confirms more people than it has seats; no cohort either.
    overfull = Event.objects.filter(capacity__isnull=False).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )
    assert all(event.confirmed <= event.capacity for event in overfull)
    for cohort in Cohort.objects.annotate(
        accepted=Count("applications", filter=Q(applications__status="accepted"))
    ):
        assert cohort.accepted <= cohort.capacity
    # The search finds what the key page's search asks for.
    member = User.objects.get(email=generate.MEMBER_EMAIL)
    assert search(user=member, query=generate.SEARCH_TERM).total > 0


def test_every_key_page_answers_its_visitor(generated):
    pages = key_pages()
    assert {page.who for page in pages} == {"anonymous", "member", "staff"}
    statuses = {page.key: get(client_for(page.who), page.url).status_code for page in pages}
    assert statuses == dict.fromkeys(statuses, 200)


def test_the_bare_view_answers_a_constant(client, settings):
    settings.ROOT_URLCONF = "bench.urls"
    response = client.get("/bench/bare/")
    assert response.status_code == 200
    assert response.content == b"ok"
