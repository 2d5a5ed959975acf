"""Keeps the search index current.

Saving or deleting a record of a registered model rewrites or removes its
entry; this is wiring that does not belong to the apps, hence signals.
"""

from functools import reduce

from django.contrib.postgres.search import SearchVector
from django.db import IntegrityError, connection, transaction
from django.db.models import TextField, Value
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


def index_object(entry, obj):
    """Writes the entry of ``obj``, or removes it when ``obj`` does not
    belong in the index (see ``Searchable.indexed``)."""
    if entry.indexed is not None and not entry.indexed_queryset().filter(pk=obj.pk).exists():
        remove_object(entry, obj.pk)
        return
    _write(entry, obj.pk, entry_values(entry, obj))


def _write(entry, pk, values):
    entries = SearchEntry.objects.filter(kind=entry.kind, object_id=pk)
    if entries.update(**values):
        return
    try:
        with transaction.atomic():
            SearchEntry.objects.create(kind=entry.kind, object_id=pk, **values)
    except IntegrityError:  # written at the same moment by another request
        entries.update(**values)


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
        (entry, lookup)
        for entry in registry.searchables.values()
        for followed, lookup in entry.refresh_with
        if followed is model
    ]


def _on_related_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Rewrites the entries that show something of ``instance`` (e.g. the
    documents of an event whose title or address changed)."""
    if raw or update_fields is not None:  # a partial save, e.g. a counter
        return
    for entry, lookup in _refreshed_by(sender):
        for obj in entry.indexed_queryset().filter(**{lookup: instance}).iterator(chunk_size=500):
            _write(entry, obj.pk, entry_values(entry, obj))


def connect_receivers():
    for model in {entry.model for entry in registry.searchables.values()}:
        post_save.connect(_on_save, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"search-delete-{model._meta.label}"
        )
    followed = {model for entry in registry.searchables.values() for model, _ in entry.refresh_with}
    for model in followed:
        post_save.connect(
            _on_related_save, sender=model, dispatch_uid=f"search-refresh-{model._meta.label}"
        )
