"""Reports of barriers: the feedback mechanism the accessibility statement
offers (Art. 7 (1) b of Directive (EU) 2016/2102). Anyone may send one,
without an account; the team answers and marks it answered."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BarrierReport(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("barrier report", "open")
        ANSWERED = "answered", pgettext_lazy("barrier report", "answered")

    page = models.CharField(
        _("page"),
        max_length=500,
        help_text=_("The address or the name of the page where the barrier is."),
    )
    description = models.TextField(_("description of the barrier"), max_length=5000)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    team_note = models.TextField(
        _("note of the team"),
        blank=True,
        help_text=_("What the team found and answered; only staff see it."),
    )

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "received_at"], name="barrier_status_received")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", answered_at__isnull=True)
                | models.Q(status="answered", answered_at__isnull=False),
                name="barrier_answered_has_date",
            )
        ]

    def __str__(self):
        return f"{self.page} ({self.received_at:%d.%m.%Y})"

    @property
    def wants_reply(self):
        return bool(self.email)
