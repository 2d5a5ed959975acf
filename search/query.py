"""The one search: what a person may open, best match first, with snippets.

Who may see what is applied in the database, for the counts, the list and
the snippets alike. An entry whose level (``SearchEntry.audience``, written
by the index from its kind's ``everyone`` and ``members``) includes the
person counts as it is; any other counts only when the record it stands
for is in its kind's ``visible_to(user)``. The levels are there for issue
13's aim – no sequential scan of events or documents in the plans of the
search at ten times the data: a common word matches tens of thousands of
entries, and asking each one's record made PostgreSQL read every event and
document the person sees (a hash semi-join over a sequential scan; forcing
index scans was slower). With the levels, an anonymous visitor's search
reads the index alone; a member's asks the records of the matches no level
opens to them (drafts, invitations, the working group's, participants'
documents) in a subquery of those matches alone, so that PostgreSQL looks
them up by primary key (see ``_kind_visible``).

A level is only as fresh as the entry: a bulk ``.update()`` of a record
sends no signal. So the hits shown – titles, snippets, addresses – are
always checked against the record (``may_open``, by primary key, in the
query that reads them); a stale level can at worst miscount. A topic's
page asks every record (it is small).

The page needs two queries however many kinds match: one ranks the matches
of every kind and counts them (window functions), one reads the snippets of
the hits shown, with the address and context the index stored. On PostgreSQL the stored German
text-search vectors answer (ranked, ``ts_headline`` snippets), with trigram
similarity when they find nothing (a misspelt word); on SQLite each word
must occur in the title or the text.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import Greatest, Left, RowNumber

from members.models import is_network_member
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
    kind: str
    object_id: int
    title: str  # safe HTML
    snippet: str  # safe HTML
    url: str
    rank: float = 0
    context: str = ""

    @cached_property
    def object(self):
        """The record found, for scripts and tests: one query per hit, which
        a page of results never needs (the index holds what it shows)."""
        model = registry.searchables[self.kind].model
        return model._default_manager.get(pk=self.object_id)


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


def _record_is_visible(entry, user, topic=None):
    """The entry's record is in the kind's ``visible_to(user)`` (of
    ``topic``): a correlated ``EXISTS`` looks up only the records of the
    entries it is asked for, by primary key, instead of gathering everything
    a person may see."""
    objects = entry.visible_to(user)
    if topic is not None:
        objects = objects.filter(**{entry.topics: topic})
    return Exists(objects.filter(pk=OuterRef("object_id")))


def levels_of(user):
    """The levels of search entries open to ``user`` (see
    ``SearchEntry.audience``)."""
    levels = [SearchEntry.Audience.EVERYONE]
    if is_network_member(user):
        levels.append(SearchEntry.Audience.MEMBERS)
    return levels


def _kind_visible(entry, user, levels, matching, record_is_visible):
    """Of one kind, without a topic: the entries whose level is open to
    ``user``, and those whose record says so. The kind's ``everyone`` is all
    an anonymous visitor may open: for them the level alone decides.

    The records are asked of the entries among ``matching`` (the search's
    matches) whose level is not open to the person, in a subquery of their
    own: PostgreSQL then reckons with the few entries it asks about, and
    looks their records up by primary key. Asked inside the condition on
    every match, it would reckon with all of them and gather every record
    the person may see instead (a sequential scan of events and documents)."""
    if not user.is_authenticated and entry.everyone is not None:
        return Q(audience=SearchEntry.Audience.EVERYONE)
    declared = {
        SearchEntry.Audience.EVERYONE: entry.everyone,
        SearchEntry.Audience.MEMBERS: entry.members,
    }
    open_levels = [level for level in levels if declared[level] is not None]
    if not open_levels:
        return record_is_visible
    others = [level for level in SearchEntry.Audience.values if level not in open_levels]
    asked = matching.filter(kind=entry.kind, audience__in=others)
    return Q(audience__in=open_levels) | Q(pk__in=asked.filter(record_is_visible).values("pk"))


def record_checks(entries, user, topic=None):
    """``{kind: _record_is_visible(…)}``, built once for the conditions of
    a search (``visible_entries`` and ``may_open``): each kind's
    ``visible_to`` is a query of its own to build."""
    return {entry.kind: _record_is_visible(entry, user, topic) for entry in entries}


def visible_entries(entries, user, matching, checks, topic=None):
    """The condition on the search entries among ``matching`` that ``user``
    may open (of ``topic``): per kind, by the entry's level where the kind
    has levels, else by its record (see the module's docstring). For the
    counts and the choice of hits; what is shown is checked with
    ``may_open``. ``checks``: ``record_checks(entries, user, topic)``."""
    condition = Q(pk__in=[])
    levels = levels_of(user)
    for entry in entries:
        if topic is None and entry.has_levels:
            visible = _kind_visible(entry, user, levels, matching, checks[entry.kind])
        else:
            visible = checks[entry.kind]
        condition |= Q(kind=entry.kind) & visible
    return condition


def may_open(entries, checks, topic=None):
    """The condition that ``user`` may open the record of the entry, asked
    of the record whatever the entry's level says: the safety net under the
    hits shown. Cheap for the few entries of a page (a look-up by primary
    key each), never to be asked of all the matches. The kinds that
    ``visible_entries`` asks of the record anyway pass. ``checks``:
    ``record_checks(entries, user, topic)``."""
    condition = Q(pk__in=[])
    for entry in entries:
        if topic is None and entry.has_levels:
            condition |= Q(kind=entry.kind) & checks[entry.kind]
        else:
            condition |= Q(kind=entry.kind)
    return condition


class _FullText:
    typo_tolerant = False

    def __init__(self, query):
        self.query = query
        self.ts_query = SearchQuery(query, config="german", search_type="websearch")

    def matching(self):
        return SearchEntry.objects.filter(vector=self.ts_query)

    def rank(self):
        # Normalised by the length of the text, so that a short exact match
        # (a town's name) is not outranked by a long text.
        return SearchRank(F("vector"), self.ts_query, normalization=1)

    def with_snippets(self, entries):
        return entries.annotate(
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
        )

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

    def rank(self):
        return Greatest(
            TrigramWordSimilarity(self.query, "title"),
            TrigramWordSimilarity(self.query, "text"),
        )

    def with_snippets(self, entries):
        return entries.annotate(snippet_source=Left("text", SNIPPET_SOURCE_LENGTH))

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

    def rank(self):
        # A word in the title counts more than one in the text.
        in_title = [
            Case(
                When(title__icontains=word, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
            for word in self.words
        ]
        return sum(in_title[1:], in_title[0])

    def with_snippets(self, entries):
        return entries.annotate(snippet_source=F("text"))

    def marked(self, hit_entry):
        return (
            mark_words(hit_entry.title, self.words),
            mark_words(excerpt(hit_entry.snippet_source, self.words), self.words),
        )


BEST_FIRST = (F("rank").desc(), F("title").asc(), F("pk").asc())


def _counts(matcher, visible):
    rows = matcher.matching().filter(visible).order_by().values("kind").annotate(count=Count("pk"))
    return {row["kind"]: row["count"] for row in rows}


def _best_of_every_kind(matcher, visible, per_kind):
    """The ``per_kind`` best matches of every kind, each with the number of
    its kind's matches: one query for the counts and the choice."""
    return list(
        matcher.matching()
        .filter(visible)
        .annotate(rank=matcher.rank())
        .annotate(
            matches=Window(Count("pk"), partition_by=[F("kind")]),
            position=Window(RowNumber(), partition_by=[F("kind")], order_by=BEST_FIRST),
        )
        .filter(position__lte=per_kind)
        .values("pk", "kind", "rank", "matches", "position")
    )


def _hit(matcher, found, rank):
    title, snippet = matcher.marked(found)
    return Hit(
        kind=found.kind,
        object_id=found.object_id,
        title=marked_html(title or found.title),
        snippet=marked_html(snippet),
        url=found.url,
        rank=rank,
        context=found.context,
    )


def _with_addresses(hits):
    """Entries written before the index kept addresses have none: their
    records give them (until ``rebuild_search_index`` has run)."""
    missing = {}
    for hit in hits:
        if not hit.url:
            missing.setdefault(hit.kind, []).append(hit)
    for kind, incomplete in missing.items():
        entry = registry.searchables[kind]
        objects = entry.model._default_manager.select_related(*entry.select_related).in_bulk(
            [hit.object_id for hit in incomplete]
        )
        for hit in incomplete:
            obj = objects.get(hit.object_id)
            if obj is not None:
                hit.url, hit.context = entry.url_of(obj), entry.context_of(obj)
    return hits


def _overview(matcher, entries, visible, openable):
    best = _best_of_every_kind(matcher, visible, RESULTS_PER_KIND)
    counts = {row["kind"]: row["matches"] for row in best}
    # A hit whose record its stale level let through is left out here.
    shown = matcher.with_snippets(
        SearchEntry.objects.filter(openable, pk__in=[row["pk"] for row in best]).defer(
            "text", "vector"
        )
    ).in_bulk()
    hits = {}
    for row in sorted(best, key=lambda row: row["position"]):
        if row["pk"] in shown:
            hits.setdefault(row["kind"], []).append(_hit(matcher, shown[row["pk"]], row["rank"]))
    _with_addresses([hit for kind_hits in hits.values() for hit in kind_hits])
    groups = [
        Group(kind=entry.kind, label=entry.label, count=counts[entry.kind], hits=hits[entry.kind])
        for entry in entries
        if entry.kind in hits
    ]
    groups.sort(key=lambda group: group.best_rank, reverse=True)
    return counts, groups


def _one_kind(matcher, entries, visible, openable, kind, page):
    counts = _counts(matcher, visible)
    labels = {entry.kind: entry.label for entry in entries}
    if not counts.get(kind) or kind not in labels:
        return counts, []
    ranked = (
        matcher.matching()
        .filter(visible, kind=kind)
        .annotate(rank=matcher.rank())
        .order_by(*BEST_FIRST)
        .values("pk")
    )
    group = Group(kind=kind, label=labels[kind], count=counts[kind])
    paginator = Paginator(ranked, RESULTS_PER_PAGE)
    paginator.count = group.count  # counted above, with the same conditions
    group.page = paginator.get_page(page)
    # The page's entries are chosen in a subquery, so that the records are
    # asked of those alone (a look-up each); a hit whose record its stale
    # level let through is left out.
    shown = matcher.with_snippets(
        SearchEntry.objects.filter(openable, pk__in=group.page.object_list)
        .annotate(rank=matcher.rank())
        .order_by(*BEST_FIRST)
        .defer("text", "vector")
    )
    group.page.object_list = list(shown)
    group.hits = _with_addresses(
        [_hit(matcher, found, found.rank) for found in group.page.object_list]
    )
    return counts, [group]


def _results(matcher, entries, user, topic, kind, page):
    checks = record_checks(entries, user, topic)
    visible = visible_entries(entries, user, matcher.matching(), checks, topic)
    openable = may_open(entries, checks, topic)
    if kind:
        counts, groups = _one_kind(matcher, entries, visible, openable, kind, page)
    else:
        counts, groups = _overview(matcher, entries, visible, openable)
    return Results(
        query=matcher.query, groups=groups, counts=counts, typo_tolerant=matcher.typo_tolerant
    )


def search(*, user, query, kind=None, topic=None, page=1):
    """What ``user`` finds for ``query`` (already cleaned with
    ``search.text.clean_query``): one group per kind with matches, the best
    group first; with ``kind``, that group alone, page by page."""
    if not is_searchable(query):
        return Results(query=query, groups=[], counts={})
    entries = searchable_kinds(topic)
    if not uses_full_text_search():
        return _results(_Words(query), entries, user, topic, kind, page)
    results = _results(_FullText(query), entries, user, topic, kind, page)
    typos = _Trigram(query)
    if results.counts or not typos.query:
        return results
    with transaction.atomic():  # the loosened threshold lasts as long as this
        typos.loosen_threshold()
        results = _results(typos, entries, user, topic, kind, page)
    results.query = query
    return results
