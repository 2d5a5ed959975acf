"""Keeps the search index current.

Saving or deleting a record of a registered model rewrites or removes its
entry; this is wiring that does not belong to the apps, hence signals.

Every write of an entry writes its level too (``SearchEntry.audience``,
from the kind's ``everyone`` and ``members``), in the same UPDATE where the
entry exists: a save, a partial save of a field the level reads (``watch``),
a save of a record the level depends on (``refresh_with``: an event's
status or audience decides its documents'), and ``rebuild``, which writes
the levels of a whole kind in one statement. A bulk ``.update()`` sends no
signal and leaves a level stale until the next save or rebuild; the search
never trusts a stored level for what it shows (``search.query``).
"""

from functools import reduce

from django.contrib.postgres.search import SearchVector
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, TextField, Value, When
from django.db.models.signals import post_delete, post_save

from search.models import SearchEntry
from search.registry import WEIGHTS, registry
from search.text import clean_text

TITLE_LENGTH = SearchEntry._meta.get_field("title").max_length
URL_LENGTH = SearchEntry._meta.get_field("url").max_length
CONTEXT_LENGTH = SearchEntry._meta.get_field("context").max_length
# PostgreSQL refuses a tsvector over 1 MB; the text of a long file is cut
# well before (the extraction keeps at most 200,000 characters anyway).
TEXT_LENGTH = 300_000


def uses_full_text_search():
    return connection.vendor == "postgresql"


def texts_by_weight(entry, obj):
    texts = {}
    for field_name, weight in entry.fields.items():
        value = clean_text(getattr(obj, field_name, "") or "")[:TEXT_LENGTH].strip()
        if value:
            texts.setdefault(weight, []).append(value)
    return {weight: "\n".join(parts) for weight, parts in texts.items()}


def vector_of(texts):
    vectors = [
        SearchVector(Value(texts[weight], output_field=TextField()), config="german", weight=weight)
        for weight in WEIGHTS
        if weight in texts
    ]
    if not vectors:
        return SearchVector(Value("", output_field=TextField()), config="german")
    return reduce(lambda left, right: left + right, vectors)


def entry_values(entry, obj):
    texts = texts_by_weight(entry, obj)
    # The title shows what the record is; the text holds the rest for snippets.
    values = {
        "title": clean_text(str(obj))[:TITLE_LENGTH],
        "text": "\n".join(text for weight, text in sorted(texts.items()) if weight != "A"),
        "url": entry.url_of(obj)[:URL_LENGTH],
        "context": clean_text(entry.context_of(obj))[:CONTEXT_LENGTH],
    }
    if uses_full_text_search():
        values["vector"] = vector_of(texts)
    return values


def level(entry, objects):
    """An expression for the level of the search entries of ``entry``'s
    kind whose records are among ``objects`` (a queryset of its model): the
    most open level whose records include it, else "ask the record". Its
    subqueries do not refer to the entry, so that the database reads each
    once however many entries it writes."""
    Audience = SearchEntry.Audience
    levels = [(entry.everyone, Audience.EVERYONE), (entry.members, Audience.MEMBERS)]
    return Case(
        *[
            When(object_id__in=of_level(objects).values("pk"), then=Value(audience))
            for of_level, audience in levels
            if of_level is not None
        ],
        default=Value(Audience.RECORD),
    )


def write_levels(entry, objects=None):
    """Writes the levels of the entries of ``entry``'s kind whose records
    are among ``objects`` (default: all of them), in one UPDATE."""
    if not entry.has_levels:
        return
    if objects is None:
        objects = entry.model._default_manager.all()
    SearchEntry.objects.filter(kind=entry.kind, object_id__in=objects.values("pk")).update(
        audience=level(entry, objects)
    )


def index_object(entry, obj):
    """Writes the entry of ``obj``, or removes it when ``obj`` does not
    belong in the index (see ``Searchable.indexed``)."""
    if entry.indexed is not None and not entry.indexed_queryset().filter(pk=obj.pk).exists():
        remove_object(entry, obj.pk)
        return
    _write(entry, obj.pk, entry_values(entry, obj), with_level=True)


def _write(entry, pk, values, *, with_level=False):
    """Writes the entry of the record ``pk``; ``with_level``: its level as
    well, in the same UPDATE (one more when the entry is new, which starts
    at "ask the record")."""
    entries = SearchEntry.objects.filter(kind=entry.kind, object_id=pk)
    if with_level and entry.has_levels:
        values = {**values, "audience": level(entry, entry.model._default_manager.filter(pk=pk))}
    if entries.update(**values):
        return
    fields = {name: value for name, value in values.items() if name != "audience"}
    try:
        with transaction.atomic():
            SearchEntry.objects.create(kind=entry.kind, object_id=pk, **fields)
    except IntegrityError:  # written at the same moment by another request
        entries.update(**values)
        return
    if "audience" in values:
        entries.update(audience=values["audience"])


def remove_object(entry, pk):
    SearchEntry.objects.filter(kind=entry.kind, object_id=pk).delete()


def rebuild(kinds=None):
    """Writes the whole index anew (or that of ``kinds``); returns the number
    of entries written. Running it again gives the same index."""
    written = 0
    for entry in registry.searchables.values():
        if kinds and entry.kind not in kinds:
            continue
        with transaction.atomic():
            for obj in entry.indexed_queryset().iterator(chunk_size=500):
                _write(entry, obj.pk, entry_values(entry, obj))
                written += 1
            write_levels(entry)
            SearchEntry.objects.filter(kind=entry.kind).exclude(
                object_id__in=entry.indexed_queryset().values("pk")
            ).delete()
    known = list(registry.searchables)
    if not kinds:
        SearchEntry.objects.exclude(kind__in=known).delete()
    return written


def _on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    for entry in registry.by_model(sender):
        relevant = set(entry.fields) | set(entry.watch)
        if update_fields is not None and not relevant & set(update_fields):
            continue  # e.g. a login that only set last_login
        index_object(entry, instance)


def _on_delete(sender, instance, **kwargs):
    for entry in registry.by_model(sender):
        remove_object(entry, instance.pk)


def _refreshed_by(model):
    return [
        (entry, followed[1], tuple(followed[2]) if len(followed) > 2 else ())
        for entry in registry.searchables.values()
        for followed in entry.refresh_with
        if followed[0] is model
    ]


def _on_related_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Rewrites the entries that show something of ``instance`` (e.g. the
    documents of an event whose title or address changed), and their levels
    (an event's documents are open to whom the event is). A partial save
    (e.g. a counter) rewrites only the levels, and only when it saved a
    field they depend on (e.g. a cancelled draft)."""
    if raw:
        return
    for entry, lookup, level_fields in _refreshed_by(sender):
        objects = entry.model._default_manager.filter(**{lookup: instance})
        if update_fields is None:
            related = entry.indexed_queryset().filter(**{lookup: instance})
            for obj in related.iterator(chunk_size=500):
                _write(entry, obj.pk, entry_values(entry, obj))
        elif not set(level_fields) & set(update_fields):
            continue
        write_levels(entry, objects)


def connect_receivers():
    for model in {entry.model for entry in registry.searchables.values()}:
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta.label}"
        )
    followed = {
        followed[0] for entry in registry.searchables.values() for followed in entry.refresh_with
    }
    for model in followed:
        post_save.connect(
            _on_related_save, sender=model, dispatch_uid=f"search-refresh-{model._meta.label}"
        )
