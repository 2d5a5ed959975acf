"""What the working group contributes to pages of other apps (see
asskomm.panels)."""

from asskomm.panels import Panel
from working_group.models import may_read_records_of


def session_records(request, event):
    """A session's event page: a link to its minutes, decisions and action
    items, for those who may read them."""
    if not may_read_records_of(event, request.user):
        return None
    return Panel("working_group/panels/event.html", {"event": event})
