"""What the one search finds among municipalities and the member directory
(see the search app)."""

from django.utils.translation import gettext_lazy as _

from members.models import Municipality, Organisation, User

SEARCHABLES = [
    {
        "kind": "municipality",
        "label": _("Municipalities"),
        "model": Municipality,
        "visible_to": lambda user: Municipality.objects.visible_to(user),
        "fields": {"name": "A"},
        "topics": None,
        # The level of the search index (see search.registry): municipality
        # pages are for every network member. (The directory has none:
        # whether a person is a member changes with their groups, which
        # saves no one.)
        "members": lambda municipalities: municipalities,
    },
    {
        "kind": "person",
        "label": _("Member directory"),
        "model": User,
        "visible_to": lambda user: User.objects.directory_for(user),
        "fields": {
            "first_name": "A",
            "last_name": "A",
            "title": "B",
            "function": "B",
            "expertise_keywords": "B",
            "profile_text": "C",
        },
        "topics": "expertise_topics",
        # Only people who chose to be listed are in the index at all.
        "indexed": lambda people: people.filter(listed_in_directory=True, is_active=True),
        "watch": ("listed_in_directory", "is_active", "municipality", "organisation"),
        "select_related": ("municipality", "organisation"),
        "context": lambda person: " · ".join(
            str(part) for part in (person.function, person.affiliation) if part
        ),
        # The context names the person's municipality or organisation.
        "refresh_with": ((Municipality, "municipality"), (Organisation, "organisation")),
    },
]
