"""New library entries in the weekly digest (see news.services)."""

from django.utils.translation import gettext_lazy as _

from library.models import Resource

DIGEST_SECTIONS = [
    {
        "label": _("New in the library"),
        "items": lambda user, since: (
            Resource.objects.visible_to(user).filter(created_at__gt=since).order_by("-created_at")
        ),
    },
]
