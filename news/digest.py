"""The news in the weekly digest (see news.services)."""

from django.utils.translation import gettext_lazy as _

from news.models import News

DIGEST_SECTIONS = [
    {
        "label": _("News"),
        "items": lambda user, since: (
            News.objects.visible_to(user).current().filter(publish_from__gt=since)
        ),
    },
]
