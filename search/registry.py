"""What the search may find, as the apps declare it in their ``search.py``.

Each app lists ``SEARCHABLES`` (a kind of record with its fields, who may
see it and its topics) and ``NEW_SINCE`` (what a person sees on /me/ as new
since their last visit). The search app gathers them here; the apps need no
import of it.

A kind may also say which of its records everyone, or every network member,
may open (``everyone``, ``members``): the index stores that level on each
entry (``SearchEntry.audience``), so that the search lets most matches
through without looking up their records (see ``search.query``). Declare
them only where they are safe:

- derived from the same conditions as the model's ``visible_to``, so that
  ``visible_to(user)`` contains them for every person of that level;
- ``everyone`` is all an anonymous visitor may open of the kind: the search
  shows anonymous visitors the entries of that level and nothing else;
- independent of the clock (no publication window: the stored level would
  not change when the window opens) and of anything whose change does not
  save the record or a record named in ``refresh_with`` (e.g. a person's
  groups, which decide whether they are a network member);
- every field they read is in ``fields`` or ``watch``, so that a partial
  save (``update_fields``) of it rewrites the level.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import autodiscover_modules, module_has_submodule

WEIGHTS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Searchable:
    kind: str
    label: str
    model: type
    visible_to: object  # callable(user) -> QuerySet of what the user may open
    fields: dict  # own field name -> weight "A" … "D"
    topics: str | None = None
    # Optional: which rows belong in the index at all (callable(queryset) -> QuerySet).
    indexed: object = None
    # Optional: fields besides ``fields`` whose change decides ``indexed`` or
    # the level (``everyone``, ``members``).
    watch: tuple = ()
    select_related: tuple = ()
    # Optional: callable(obj) -> the address of the result (default get_absolute_url).
    url: object = None
    # Optional: callable(obj) -> a short line that places the result (e.g. its event).
    context: object = None
    # Optional: ((model, lookup), …): saving a record of ``model`` rewrites the
    # entries of this kind whose ``lookup`` is that record, as their address or
    # context shows it (e.g. a document's event). A third item names the
    # fields of ``model`` the level depends on: a partial save of one of them
    # rewrites the levels too (e.g. an event's status or audience).
    refresh_with: tuple = ()
    # Optional: callable(queryset) -> the records of it that anyone may open,
    # anonymous visitors included, and all that they may open (see above).
    everyone: object = None
    # Optional: callable(queryset) -> the records of it that every network
    # member may open (those of ``everyone`` among them).
    members: object = None

    def url_of(self, obj):
        return self.url(obj) if self.url is not None else obj.get_absolute_url()

    def context_of(self, obj):
        return str(self.context(obj)) if self.context is not None else ""

    @property
    def has_levels(self):
        return self.everyone is not None or self.members is not None

    def indexed_queryset(self):
        queryset = self.model._default_manager.all()
        if self.select_related:  # (no arguments would mean every non-null relation)
            queryset = queryset.select_related(*self.select_related)
        return self.indexed(queryset) if self.indexed is not None else queryset


@dataclass(frozen=True)
class NewSince:
    label: str
    items: object  # callable(user, since) -> QuerySet
    # Optional, so that the dashboard needs one query for all entries rather
    # than one each: the values (field paths) that name and link an item,
    # and callable(pk, *values) -> an unsaved object of the model built from
    # them, whose ``str()`` and ``get_absolute_url()`` need nothing else.
    # The values arrive as text.
    values: tuple = ()
    link: object = None


@dataclass
class Registry:
    searchables: dict = field(default_factory=dict)  # kind -> Searchable
    new_since: list = field(default_factory=list)

    def by_model(self, model):
        return [entry for entry in self.searchables.values() if entry.model is model]


registry = Registry()


def discover():
    """Reads ``SEARCHABLES`` and ``NEW_SINCE`` of every app's ``search`` module."""
    autodiscover_modules("search")
    registry.searchables.clear()
    registry.new_since.clear()
    for app_config in apps.get_app_configs():
        if app_config.name == "search" or not module_has_submodule(app_config.module, "search"):
            continue
        module = import_module(f"{app_config.name}.search")
        for declared in getattr(module, "SEARCHABLES", []):
            entry = Searchable(**declared)
            if entry.kind in registry.searchables:
                raise ValueError(f"The search kind {entry.kind!r} is declared twice.")
            if set(entry.fields.values()) - set(WEIGHTS):
                raise ValueError(f"Unknown weight in the search fields of {entry.kind!r}.")
            registry.searchables[entry.kind] = entry
        for declared in getattr(module, "NEW_SINCE", []):
            registry.new_since.append(NewSince(**declared))
