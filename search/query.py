"""The one search: what a person may open, best match first, with snippets.

Who may see what is applied in the database: every kind's entries are
limited to the primary keys of its ``visible_to(user)`` queryset, for the
list, the counts and the snippets alike. On PostgreSQL the stored German
text-search vectors answer (ranked, ``ts_headline`` snippets), with trigram
similarity when they find nothing (a misspelt word); on SQLite each word
must occur in the title or the text.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Greatest, Left

from search.index import uses_full_text_search
from search.models import SearchEntry
from search.registry import registry
from search.text import (
    MARK_END,
    MARK_START,
    excerpt,
    is_searchable,
    mark_words,
    marked_html,
)

RESULTS_PER_KIND = 5
RESULTS_PER_PAGE = 20
SNIPPET_SOURCE_LENGTH = 4000
TRIGRAM_THRESHOLD = 0.5
MIN_TRIGRAM_WORD = 4


@dataclass
class Hit:
    title: str  # safe HTML
    snippet: str  # safe HTML
    url: str
    object: object
    rank: float = 0
    context: str = ""


@dataclass
class Group:
    kind: str
    label: str
    count: int
    hits: list = field(default_factory=list)
    page: object = None

    @property
    def has_more(self):
        return self.count > len(self.hits)

    @property
    def best_rank(self):
        return self.hits[0].rank if self.hits else 0


@dataclass
class Results:
    query: str
    groups: list
    counts: dict  # kind -> count, of every kind that has visible matches
    typo_tolerant: bool = False

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def kind_counts(self):
        """The kinds with matches and their counts, in the registry's order."""
        return [
            {"kind": entry.kind, "label": entry.label, "count": self.counts[entry.kind]}
            for entry in registry.searchables.values()
            if self.counts.get(entry.kind)
        ]


def searchable_kinds(topic=None):
    kinds = list(registry.searchables.values())
    if topic is not None:
        kinds = [entry for entry in kinds if entry.topics]
    return kinds


def _visible_objects(entry, user, topic):
    objects = entry.visible_to(user)
    if topic is not None:
        objects = objects.filter(**{entry.topics: topic})
    return objects.values("pk")


def _visible(entries, user, topic):
    condition = Q(pk__in=[])
    for entry in entries:
        condition |= Q(kind=entry.kind, object_id__in=_visible_objects(entry, user, topic))
    return condition


class _FullText:
    typo_tolerant = False

    def __init__(self, query):
        self.query = query
        self.ts_query = SearchQuery(query, config="german", search_type="websearch")

    def matching(self):
        return SearchEntry.objects.filter(vector=self.ts_query)

    def ranked(self, entries):
        return entries.annotate(
            # Normalised by the length of the text, so that a short exact
            # match (a town's name) is not outranked by a long text.
            rank=SearchRank(F("vector"), self.ts_query, normalization=1),
            title_marked=SearchHeadline(
                "title",
                self.ts_query,
                config="german",
                highlight_all=True,
                start_sel=MARK_START,
                stop_sel=MARK_END,
            ),
            snippet_marked=SearchHeadline(
                "text",
                self.ts_query,
                config="german",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        ).order_by("-rank", "title", "pk")

    def marked(self, hit_entry):
        return hit_entry.title_marked, hit_entry.snippet_marked


class _Trigram:
    """Similar words for a misspelt query (PostgreSQL's pg_trgm). Short
    words are left out: they resemble too much."""

    typo_tolerant = True

    def __init__(self, query):
        self.query = " ".join(word for word in query.split() if len(word) >= MIN_TRIGRAM_WORD)

    @staticmethod
    def loosen_threshold():
        """pg_trgm's default (0.6) misses common typos in long German words;
        the setting lasts until the end of the surrounding transaction."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                [str(TRIGRAM_THRESHOLD)],
            )

    def matching(self):
        query = Value(self.query)
        return SearchEntry.objects.filter(
            Q(TrigramWordSimilar(F("title"), query)) | Q(TrigramWordSimilar(F("text"), query))
        )

    def ranked(self, entries):
        return entries.annotate(
            rank=Greatest(
                TrigramWordSimilarity(self.query, "title"),
                TrigramWordSimilarity(self.query, "text"),
            ),
            snippet_source=Left("text", SNIPPET_SOURCE_LENGTH),
        ).order_by("-rank", "title", "pk")

    def marked(self, hit_entry):
        return hit_entry.title, excerpt(hit_entry.snippet_source, [])


class _Words:
    """The SQLite fallback: every word in the title or the text."""

    typo_tolerant = False

    def __init__(self, query):
        self.query = query
        self.words = query.split()

    def matching(self):
        entries = SearchEntry.objects.all()
        for word in self.words:
            entries = entries.filter(Q(title__icontains=word) | Q(text__icontains=word))
        return entries

    def ranked(self, entries):
        # A word in the title counts more than one in the text.
        in_title = [
            Case(
                When(title__icontains=word, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for word in self.words
        ]
        return entries.annotate(
            rank=sum(in_title[1:], in_title[0]), snippet_source=F("text")
        ).order_by("-rank", "title", "pk")

    def marked(self, hit_entry):
        return (
            mark_words(hit_entry.title, self.words),
            mark_words(excerpt(hit_entry.snippet_source, self.words), self.words),
        )


def _counts(matcher, entries, user, topic):
    rows = (
        matcher.matching()
        .filter(_visible(entries, user, topic))
        .order_by()
        .values("kind")
        .annotate(count=Count("pk"))
    )
    return {row["kind"]: row["count"] for row in rows}


def _hits(matcher, entry, entries_queryset, user):
    found = list(entries_queryset)
    objects = entry.visible_to(user).filter(pk__in=[hit.object_id for hit in found])
    if entry.select_related:  # (no arguments would mean every non-null relation)
        objects = objects.select_related(*entry.select_related)
    by_pk = {obj.pk: obj for obj in objects}
    hits = []
    for found_entry in found:
        obj = by_pk.get(found_entry.object_id)
        if obj is None:  # gone since it was found
            continue
        title, snippet = matcher.marked(found_entry)
        hit = Hit(
            title=marked_html(title or found_entry.title),
            snippet=marked_html(snippet),
            url=entry.url_of(obj),
            object=obj,
            rank=found_entry.rank,
            context=entry.context(obj) if entry.context is not None else "",
        )
        hits.append(hit)
    return hits


def search(*, user, query, kind=None, topic=None, page=1):
    """What ``user`` finds for ``query`` (already cleaned with
    ``search.text.clean_query``): one group per kind with matches, the best
    group first; with ``kind``, that group alone, page by page."""
    if not is_searchable(query):
        return Results(query=query, groups=[], counts={})
    with transaction.atomic():
        return _search(user=user, query=query, kind=kind, topic=topic, page=page)


def _search(*, user, query, kind, topic, page):
    entries = searchable_kinds(topic)
    if uses_full_text_search():
        matcher = _FullText(query)
        counts = _counts(matcher, entries, user, topic)
        if not counts and _Trigram(query).query:
            matcher = _Trigram(query)
            matcher.loosen_threshold()
            counts = _counts(matcher, entries, user, topic)
    else:
        matcher = _Words(query)
        counts = _counts(matcher, entries, user, topic)
    groups = []
    for entry in entries:
        if not counts.get(entry.kind) or (kind and entry.kind != kind):
            continue
        ranked = matcher.ranked(
            matcher.matching()
            .filter(kind=entry.kind, object_id__in=_visible_objects(entry, user, topic))
            .defer("text", "vector")
        )
        group = Group(kind=entry.kind, label=entry.label, count=counts[entry.kind])
        if kind:
            paginator = Paginator(ranked, RESULTS_PER_PAGE)
            paginator.count = group.count  # counted above, with the same conditions
            group.page = paginator.get_page(page)
            group.hits = _hits(matcher, entry, group.page.object_list, user)
        else:
            group.hits = _hits(matcher, entry, ranked[:RESULTS_PER_KIND], user)
        groups.append(group)
    if not kind:
        groups.sort(key=lambda group: group.best_rank, reverse=True)
    return Results(query=query, groups=groups, counts=counts, typo_tolerant=matcher.typo_tolerant)
