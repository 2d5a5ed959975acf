"""What a search finds and in which order: German word forms, ranking and
typos on PostgreSQL, the word-by-word fallback on SQLite."""

import pytest
from django.db import connection

from asskomm.models import Topic
from search import query as search_query
from search.query import search
from tests.events.factories import EventDocumentFactory, EventFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


def titles(user, query, kind="event"):
    results = search(user=user, query=query)
    return [
        hit.object.title for group in results.groups if group.kind == kind for hit in group.hits
    ]


@on_postgresql
def test_german_word_forms_match(member):
    EventFactory(title="Jugend im öffentlichen Raum")
    EventFactory(title="Ergebnisse der Sicherheitsanalyse Pirna")
    assert titles(member, "Jugendliche") == ["Jugend im öffentlichen Raum"]
    assert titles(member, "Sicherheitsanalysen") == ["Ergebnisse der Sicherheitsanalyse Pirna"]


@on_postgresql
def test_a_match_in_the_title_ranks_before_one_in_the_text(member):
    EventFactory(title="Netzwerktreffen Nord", description="Am Rande auch: Bahnhof.")
    EventFactory(title="Der Bahnhof als Treffpunkt", description="Bahnhof, Bahnhof, Vorplatz.")
    assert titles(member, "Bahnhof") == ["Der Bahnhof als Treffpunkt", "Netzwerktreffen Nord"]


@on_postgresql
def test_a_misspelt_word_still_finds_something(member):
    EventFactory(title="Kriminalprävention in Kleinstädten")
    EventFactory(title="Haushaltsplanung")
    results = search(user=member, query="Kriminalpreventon")
    assert results.typo_tolerant
    assert titles(member, "Kriminalpreventon") == ["Kriminalprävention in Kleinstädten"]


@on_postgresql
def test_snippets_mark_the_matching_words_and_escape_the_rest(member):
    EventFactory(
        title="Jugend <b>am</b> Bahnhof",
        description="Wir sprechen über <script>alert(1)</script> Jugendliche am Bahnhof.",
    )
    hit = search(user=member, query="Jugendliche").groups[0].hits[0]
    assert "<mark>Jugend</mark>" in hit.title
    assert "&lt;b&gt;" in hit.title
    assert "<mark>Jugendliche</mark>" in hit.snippet
    assert "<script" not in hit.snippet  # PostgreSQL drops tags; anything else is escaped


def test_the_text_of_uploaded_documents_is_found(member):
    from events.models import EventDocument

    if not hasattr(EventDocument, "extracted_text"):
        pytest.skip("EventDocument.extracted_text arrives with the library branch's extraction")
    document = EventDocumentFactory(title="Folien", extracted_text="Kriminalitätsfurcht am Markt")
    results = search(user=member, query="Kriminalitätsfurcht")
    assert [hit.object for group in results.groups for hit in group.hits] == [document]


class TestWithoutFullTextSearch:
    """The SQLite fallback (here forced, so it runs on either database)."""

    @pytest.fixture(autouse=True)
    def fallback(self, monkeypatch):
        monkeypatch.setattr(search_query, "uses_full_text_search", lambda: False)

    def test_every_word_must_occur_in_title_or_text(self, member):
        EventFactory(title="Jugend am Bahnhof", description="Streetwork")
        EventFactory(title="Jugendbeteiligung", description="im Rathaus")
        assert titles(member, "jugend streetwork") == ["Jugend am Bahnhof"]
        assert sorted(titles(member, "jugend")) == ["Jugend am Bahnhof", "Jugendbeteiligung"]

    def test_title_matches_first_and_words_marked_safely(self, member):
        EventFactory(title="Netzwerktreffen", description="<i>Bahnhof</i> am Rande")
        EventFactory(title="Bahnhof & Vorplatz", description="Bahnhof")
        assert titles(member, "bahnhof") == ["Bahnhof & Vorplatz", "Netzwerktreffen"]
        second = search(user=member, query="bahnhof").groups[0].hits[1]
        assert second.snippet.startswith("&lt;i&gt;<mark>Bahnhof</mark>&lt;/i&gt; am Rande")

    def test_percent_and_underscore_are_plain_characters(self, member):
        EventFactory(title="100 % Prävention")
        EventFactory(title="Anderes")
        assert titles(member, "%") == []  # one character: no search
        assert titles(member, "0 %") == ["100 % Prävention"]
        assert titles(member, "_x") == []


@on_postgresql
def test_matching_uses_the_gin_indexes_not_a_table_scan(member):
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import SearchQuery
    from django.db import transaction
    from django.db.models import F, Value

    from search.models import SearchEntry

    EventFactory(title="Jugend am Bahnhof")
    with transaction.atomic(), connection.cursor() as cursor:
        # With a handful of rows the planner would rightly scan; forbid it to
        # see that an index can answer.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")  # GIN answers by bitmap scans
        query = SearchQuery("Jugendliche", config="german", search_type="websearch")
        plan = SearchEntry.objects.filter(vector=query).order_by().explain()
        assert "search_entry_vector_gin" in plan
        plan = SearchEntry.objects.filter(TrigramWordSimilar(F("title"), Value("Jugent"))).explain()
        assert "search_entry_title_trgm" in plan


def test_a_topic_limits_the_search_to_records_with_that_topic(member):
    youth = Topic.objects.create(name="Jugend (Test)", slug="jugend-test")
    mine = EventFactory(title="Bahnhof Eins", audience="public")
    mine.topics.add(youth)
    EventFactory(title="Bahnhof Zwei", audience="public")

    results = search(user=member, query="Bahnhof", topic=youth)
    assert [hit.object for group in results.groups for hit in group.hits] == [mine]
    assert search(user=member, query="Bahnhof").counts["event"] == 2
