"""What the search may find in the library, and what is new in it
(the contract of ``search``: SEARCHABLES and NEW_SINCE)."""

from django.utils.translation import gettext_lazy as _

from events.audiences import Audience
from library.models import Resource

SEARCHABLES = [
    {
        "kind": "resource",
        "label": _("Library"),
        "model": Resource,
        "visible_to": lambda user: Resource.objects.visible_to(user),
        "fields": {"title": "A", "summary": "B", "extracted_text": "C"},
        "topics": "topics",
        # The levels of the search index (see search.registry), from
        # ``Resource.objects.visible_to``: public resources are open to
        # everyone, those for members to every network member.
        "everyone": lambda resources: resources.filter(audience=Audience.PUBLIC),
        "members": lambda resources: resources.filter(
            audience__in=[Audience.PUBLIC, Audience.MEMBERS]
        ),
        "watch": ("audience",),
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
