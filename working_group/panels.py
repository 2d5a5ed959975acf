"""What the working group contributes to pages of other apps (see
asskomm.panels)."""

from asskomm.panels import Panel
from events.models import Event
from working_group.models import recorded_sessions_for


def session_records(request, event):
    """A session's event page: a link to its minutes, decisions and action
    items, for those who may read them."""
    if event.kind != Event.Kind.WORKING_GROUP:
        return None
    if not recorded_sessions_for(request.user).filter(pk=event.pk).exists():
        return None
    return Panel("working_group/panels/event.html", {"event": event})
