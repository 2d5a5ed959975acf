"""What the search app contributes to pages of other apps (see asskomm.panels)."""

from dataclasses import dataclass

from django.db.models import F, TextField, Value, Window
from django.db.models.functions import Cast, RowNumber

from asskomm.panels import Panel
from search.registry import registry
from search.services import record_visit

NEW_ITEMS_SHOWN = 10


def new_since_last_visit(request):
    since = record_visit(user=request.user)
    found = new_items(request.user, since)
    sections = [
        {
            "label": entry.label,
            "items": found[index][:NEW_ITEMS_SHOWN],
            "more": len(found[index]) > NEW_ITEMS_SHOWN,
        }
        for index, entry in enumerate(registry.new_since)
        if found.get(index)
    ]
    return Panel("search/panels/new_since.html", {"since": since, "sections": sections})


@dataclass(frozen=True)
class NewItem:
    text: str
    url: str

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.url


def new_items(user, since):
    """The first ``NEW_ITEMS_SHOWN`` + 1 new items of each ``NEW_SINCE``
    entry (the one more says that there are more), by the entry's index.

    Entries that say how to name and link an item from a few values
    (``values`` and ``link``) share one query: a UNION of one branch per
    entry, each numbering its rows in the entry's order and keeping the
    first ones. Others are asked one by one."""
    found = {}
    branches = []
    width = max((len(entry.values) for entry in registry.new_since), default=0)
    for index, entry in enumerate(registry.new_since):
        items = entry.items(user, since)
        if items.query.is_empty():
            continue
        if entry.link is None:
            found[index] = [
                NewItem(str(item), item.get_absolute_url()) for item in items[: NEW_ITEMS_SHOWN + 1]
            ]
        else:
            branches.append(_branch(index, entry, items, width))
    if branches:
        rows = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
        for index, _position, pk, *values in sorted(rows, key=lambda row: (row[0], row[1])):
            entry = registry.new_since[index]
            item = entry.link(pk, *values[: len(entry.values)])
            found.setdefault(index, []).append(NewItem(str(item), item.get_absolute_url()))
    return found


def _branch(index, entry, items, width):
    model = items.model
    ordering = list(items.query.order_by or model._meta.ordering) + ["pk"]
    values = [Cast(F(path), output_field=TextField()) for path in entry.values]
    values += [Value("", output_field=TextField())] * (width - len(values))
    return (
        # The entry's rows once each (it may join), numbered in its order.
        model._default_manager.filter(pk__in=items.values("pk"))
        .annotate(new_since_position=Window(RowNumber(), order_by=ordering))
        .filter(new_since_position__lte=NEW_ITEMS_SHOWN + 1)
        .order_by()
        .values_list(Value(index), "new_since_position", "pk", *values)
    )
