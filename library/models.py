"""The library: guides, recommendation papers, expert input, studies,
templates and links the network shares – its knowledge store, together
with the documents of its events (``library.catalogue``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from asskomm.models import Topic
from events import audiences, uploads
from events.uploads import get_private_storage, validate_document
from members.models import Municipality, Organisation


class ResourceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The resources ``user`` may see anywhere – list, page, download,
        search, topic pages: those of the audiences the person belongs to
        (as for events); everything for staff who manage the library."""
        if user.is_authenticated and user.is_staff and user.has_perm("library.change_resource"):
            return self.all()
        return self.filter(
            audiences.audience_condition(user, Resource.invited_municipalities.through, "resource")
        )


class Resource(models.Model):
    class Kind(models.TextChoices):
        GUIDE = "guide", _("guide")
        RECOMMENDATION = "recommendation", _("recommendation paper")
        EXPERT_INPUT = "expert_input", _("expert input / slides")
        STUDY = "study", _("study")
        TEMPLATE = "template", _("template / form")
        DOCUMENTATION = "documentation", _("documentation")
        LINK = "link", _("link")

    Audience = audiences.Audience

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="resources"
    )
    file = models.FileField(
        _("file"),
        storage=get_private_storage,
        upload_to="library/%Y/",
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG; at most 20 MB."),
    )
    external_url = models.URLField(
        _("external link"), blank=True, help_text=_("Instead of a file: where it is published.")
    )
    published_on = models.DateField(_("publication date"))
    publisher_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("publisher (organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_resources",
    )
    publisher_municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("publisher (municipality)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_resources",
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    invited_municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("invited municipalities"),
        blank=True,
        related_name="invited_resources",
        help_text=_("Only for the audience “invited municipalities”."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, editable=False)
    extracted_text = models.TextField(
        _("text of the file"),
        blank=True,
        editable=False,
        help_text=_("Read from the file when it is uploaded, for the search."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_on", "title"]
        indexes = [
            models.Index(fields=["-published_on", "title"], name="resource_newest_idx"),
            models.Index(fields=["kind"], name="resource_kind_idx"),
            # With the key: the count of what a person may see (most of the
            # library) is read from this index alone.
            models.Index(fields=["audience", "id"], name="resource_audience_idx"),
            models.Index(fields=["created_at"], name="resource_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(external_url="")) | (~Q(file="") & Q(external_url="")),
                name="resource_file_or_link",
                violation_error_message=_("Give either a file or an external link."),
            ),
            models.CheckConstraint(
                condition=Q(publisher_organisation__isnull=True)
                | Q(publisher_municipality__isnull=True),
                name="resource_one_publisher",
                violation_error_message=_(
                    "The publisher is either an organisation or a municipality."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:resource", kwargs={"pk": self.pk})

    def get_download_url(self):
        return reverse("library:download", kwargs={"pk": self.pk})

    @property
    def publisher(self):
        return self.publisher_organisation or self.publisher_municipality

    @property
    def file_label(self):
        """Type and size of the file, e.g. "PDF, 1,2 MB"; "" for a link."""
        return uploads.file_label(self.file, self.file_size)

    @property
    def download_name(self):
        extension = self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else ""
        return f"{self.title}.{extension}" if extension else self.title
