"""What the search may find in the library, and what is new in it
(the contract of ``search``: SEARCHABLES and NEW_SINCE)."""

from django.utils.translation import gettext_lazy as _

from library.models import Resource

SEARCHABLES = [
    {
        "kind": "resource",
        "label": _("Library"),
        "model": Resource,
        "visible_to": lambda user: Resource.objects.visible_to(user),
        "fields": {"title": "A", "summary": "B", "extracted_text": "C"},
        "topics": "topics",
    },
]

NEW_SINCE = [
    {
        "label": _("New in the library"),
        "items": lambda user, since: Resource.objects.visible_to(user).filter(created_at__gt=since),
        "values": ("title",),
        "link": lambda pk, title: Resource(pk=pk, title=title),
    },
]
