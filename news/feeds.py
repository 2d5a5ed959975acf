"""The Atom feed of the public news."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from news.models import News

FEED_LENGTH = 20


class PublicNewsFeed(Feed):
    feed_type = Atom1Feed
    title = _("ASSKomm news")
    subtitle = _("News of the Alliance of Safe Saxon Municipalities")

    def link(self):
        return reverse("news:list")

    def items(self):
        return News.objects.public().current().order_by("-publish_from")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Plain text: the syndication framework escapes it for the feed.
        return item.text

    def item_pubdate(self, item):
        return item.publish_from

    def item_author_name(self, item):
        return settings.SITE_NAME
