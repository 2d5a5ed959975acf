from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One searchable record, with its text as the search reads it.

    Kept current when a registered record is saved or deleted
    (``search.index``); ``manage.py rebuild_search_index`` writes it anew.
    What a result shows besides the match (its address and the line that
    places it) is stored, so that a page of results needs no query per kind.
    So is who may open the record at the coarse level (``audience``:
    everyone, every network member, or "ask the record"), so that a search
    for a common word need not look up thousands of records; the finer
    rules (drafts, invitations, participants) are asked of the record, and
    the hits shown are always checked against it (see ``search.query``).
    On PostgreSQL ``vector`` holds the weighted German text-search vector
    (GIN-indexed, like ``title`` and ``text`` for trigram similarity: see
    migration 0002); on SQLite it stays empty.
    """

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("everyone")
        MEMBERS = "members", _("all network members")
        RECORD = "", _("as the record allows")

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    vector = SearchVectorField(_("search vector"), null=True, editable=False)
    url = models.CharField(_("address"), max_length=500, blank=True)
    context = models.CharField(_("context"), max_length=300, blank=True)
    audience = models.CharField(
        _("who may open it"),
        max_length=10,
        choices=Audience.choices,
        blank=True,
        default=Audience.RECORD,
        editable=False,
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique"),
        ]
        indexes = [
            # The counts and the choice of each kind's best matches ask the
            # kind and the level first.
            models.Index(fields=["kind", "audience"], name="search_entry_audience_idx"),
        ]

    def __str__(self):
        return self.title


class Visit(models.Model):
    """When a person last looked at their dashboard, for "new since your
    last visit"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="dashboard_visit",
    )
    seen_at = models.DateTimeField(_("last visit"))
    previous_seen_at = models.DateTimeField(_("visit before"))

    class Meta:
        verbose_name = _("dashboard visit")
        verbose_name_plural = _("dashboard visits")
        ordering = ["user"]

    def __str__(self):
        return str(self.user)
