"""Good-practice projects of the network, the security analyses of
municipalities and their recommendations (Handlungsempfehlungen) with a
dated history of every status change.

"Who may see what" lives in the ``visible_to`` queryset methods below; the
rules that change data (editing a municipality's projects, changing a
recommendation's status) in ``projects.services``.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from asskomm.chips import Chip
from asskomm.models import Topic
from events.uploads import get_private_storage, validate_document
from members.models import Municipality, is_network_member
from projects.access import is_projects_staff


def _own_municipality(user):
    """The municipality whose records ``user`` works on as a member, or None."""
    if is_network_member(user) and user.municipality_id:
        return user.municipality_id
    return None


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The network's projects are for its members (and staff)."""
        if is_projects_staff(user) or is_network_member(user):
            return self
        return self.none()

    def editable_by(self, user):
        """Staff edit every project; members those of their own municipality."""
        if is_projects_staff(user):
            return self
        municipality = _own_municipality(user)
        if municipality is None:
            return self.none()
        return self.filter(municipality=municipality)


class Project(models.Model):
    """A prevention project a municipality entered itself."""

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        IN_PROGRESS = "in_progress", _("in progress")
        IMPLEMENTED = "implemented", _("implemented")
        ENDED = "ended", _("ended")

    title = models.CharField(_("title"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="good_practice_projects",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="projects", blank=True
    )
    goal = models.TextField(_("goal"))
    approach = models.TextField(_("approach"), blank=True)
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("Who takes part, e.g. police, schools, clubs.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IDEA
    )
    results = models.TextField(_("results"), blank=True)
    contact = models.CharField(
        _("contact person"),
        max_length=200,
        blank=True,
        help_text=_("Name, and how to reach them, as they agreed to be named."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("good-practice project")
        verbose_name_plural = _("good-practice projects")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["municipality", "status"], name="project_municipality_idx"),
            models.Index(fields=["status"], name="project_status_idx"),
            models.Index(fields=["title"], name="project_title_idx"),
            models.Index(fields=["created_at"], name="project_created_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"pk": self.pk})

    def may_be_edited_by(self, user):
        """Whether ``user`` may change this project (or enter it, when new):
        staff, and members of the project's municipality."""
        if is_projects_staff(user):
            return True
        municipality = _own_municipality(user)
        return municipality is not None and municipality == self.municipality_id

    @property
    def status_chip(self):
        return status_chip(self.status, self.get_status_display())


def status_chip(status, label):
    tone = "green" if status == Project.Status.IMPLEMENTED else ""
    return Chip(label, tone)


class ProjectAttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(project__in=Project.objects.visible_to(user))


class ProjectAttachment(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        storage=get_private_storage,
        upload_to="projects/%Y/",
        validators=[validate_document],
        help_text=_("PDF, Office, PNG or JPEG, at most 20 MB."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = ProjectAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "projects:attachment", kwargs={"pk": self.project_id, "attachment_id": self.pk}
        )


class SecurityAnalysisQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every analysis; members those of their own municipality
        and those staff marked as shared with all members."""
        # Its name says the municipality: lists (search) load it along.
        analyses = self.select_related("municipality")
        if is_projects_staff(user):
            return analyses
        if not is_network_member(user):
            return analyses.none()
        shown = Q(shared_with_members=True)
        municipality = _own_municipality(user)
        if municipality is not None:
            shown |= Q(municipality=municipality)
        return analyses.filter(shown)


class SecurityAnalysis(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="security_analyses",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    conducted_by = models.CharField(
        _("conducted by"), max_length=200, help_text=_("e.g. Institut B3 e. V. with the LPR")
    )
    summary = models.TextField(_("summary"))
    report = models.FileField(
        _("report"),
        storage=get_private_storage,
        upload_to="analyses/%Y/",
        validators=[validate_document],
        blank=True,
        help_text=_("PDF, Office, PNG or JPEG, at most 20 MB."),
    )
    shared_with_members = models.BooleanField(
        _("shared with all members"),
        default=False,
        help_text=_(
            "Otherwise only the municipality's members and the ASSKomm team see the analysis."
        ),
    )

    objects = SecurityAnalysisQuerySet.as_manager()

    class Meta:
        verbose_name = _("security analysis")
        verbose_name_plural = _("security analyses")
        ordering = ["-year", "municipality__name"]
        indexes = [
            models.Index(fields=["municipality", "year"], name="analysis_municipality_idx"),
            models.Index(fields=["shared_with_members"], name="analysis_shared_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="analysis_unique_year",
                violation_error_message=_(
                    "The municipality already has a security analysis of this year."
                ),
            ),
        ]

    def __str__(self):
        return _("Security analysis %(municipality)s %(year)s") % {
            "municipality": self.municipality,
            "year": self.year,
        }

    def get_absolute_url(self):
        return reverse("projects:analysis", kwargs={"pk": self.pk})

    def get_report_url(self):
        return reverse("projects:analysis_report", kwargs={"pk": self.pk})


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The recommendations of the analyses ``user`` sees."""
        return self.filter(analysis__in=SecurityAnalysis.objects.visible_to(user))

    def changeable_by(self, user):
        """Staff change every recommendation's status; members those of
        their own municipality's analyses."""
        if is_projects_staff(user):
            return self
        municipality = _own_municipality(user)
        if municipality is None:
            return self.none()
        return self.filter(analysis__municipality=municipality)

    def for_workshop(self, event, user):
        """What the invitation-only workshop ``event`` shows ``user``: the
        recommendations of its invited municipalities that ``user`` sees
        anyway (``visible_to``) – for a member of an invited municipality its
        own and the shared ones of the others; for staff all. Whether
        ``user`` may see the event is the caller's question."""
        return self.visible_to(user).filter(
            analysis__municipality__in=event.invited_municipalities.values("pk")
        )

    def progress(self):
        """``{"implemented": n, "total": m}`` over these recommendations,
        the dropped ones not counted."""
        return self.exclude(status=Recommendation.Status.DROPPED).aggregate(
            implemented=Count("pk", filter=Q(status=Recommendation.Status.IMPLEMENTED)),
            total=Count("pk"),
        )


class Recommendation(models.Model):
    """A recommendation (Handlungsempfehlung) of a security analysis."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("recommendation status", "open")
        IN_PROGRESS = "in_progress", _("in progress")
        IMPLEMENTED = "implemented", _("implemented")
        DROPPED = "dropped", _("dropped")

    class Priority(models.TextChoices):
        HIGH = "high", _("high")
        MEDIUM = "medium", _("medium")
        LOW = "low", _("low")

    analysis = models.ForeignKey(
        SecurityAnalysis,
        verbose_name=_("security analysis"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="recommendations",
        null=True,
        blank=True,
    )
    priority = models.CharField(
        _("priority"), max_length=6, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["analysis", "pk"]
        indexes = [
            models.Index(fields=["status", "topic"], name="recommendation_status_idx"),
            models.Index(fields=["topic", "status"], name="recommendation_topic_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """A short address that leads to ``place_on_page``: lists of many
        recommendations (search results) need not load their analyses."""
        return reverse("projects:recommendation", kwargs={"pk": self.pk})

    def place_on_page(self):
        """The recommendation on its analysis's page."""
        return f"{self.analysis.get_absolute_url()}#recommendation-{self.pk}"

    @property
    def status_chip(self):
        tone = {self.Status.IMPLEMENTED: "green", self.Status.IN_PROGRESS: "amber"}.get(
            self.status, ""
        )
        return Chip(self.get_status_display(), tone)


class RecommendationStatusChange(models.Model):
    """One entry of a recommendation's history: who changed its status,
    when, from what to what, and a note on why or how."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    from_status = models.CharField(
        pgettext_lazy("status change", "from"),
        max_length=12,
        choices=Recommendation.Status.choices,
    )
    to_status = models.CharField(
        pgettext_lazy("status change", "to"),
        max_length=12,
        choices=Recommendation.Status.choices,
    )
    note = models.TextField(_("note"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(fields=["recommendation", "changed_at"], name="recommendationchange_idx"),
            models.Index(fields=["changed_at"], name="recommendationchange_at_idx"),
        ]

    def __str__(self):
        return _("%(from)s → %(to)s") % {
            "from": self.get_from_status_display(),
            "to": self.get_to_status_display(),
        }
