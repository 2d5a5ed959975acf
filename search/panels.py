"""What the search app contributes to pages of other apps (see asskomm.panels)."""

from asskomm.panels import Panel
from search.registry import registry
from search.services import record_visit

NEW_ITEMS_SHOWN = 10


def new_since_last_visit(request):
    since = record_visit(user=request.user)
    sections = []
    for entry in registry.new_since:
        items = entry.items(request.user, since)
        shown = list(items[: NEW_ITEMS_SHOWN + 1])
        if shown:
            sections.append(
                {
                    "label": entry.label,
                    "items": shown[:NEW_ITEMS_SHOWN],
                    "more": len(shown) > NEW_ITEMS_SHOWN,
                }
            )
    return Panel("search/panels/new_since.html", {"since": since, "sections": sections})
