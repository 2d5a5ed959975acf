"""News the team posts, and who gets the weekly digest e-mail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import is_network_member


class NewsQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The news ``user`` may read anywhere (list, page, feed, panels,
        digest): public ones for everybody, members' ones for members and
        the team."""
        audiences = [News.Audience.PUBLIC]
        if is_network_member(user) or (user.is_authenticated and user.is_staff):
            audiences.append(News.Audience.MEMBERS)
        return self.filter(audience__in=audiences)

    def current(self, now=None):
        """Published (from ``publish_from``) and not yet expired."""
        now = now or timezone.now()
        return self.filter(
            Q(publish_from__lte=now), Q(publish_until__isnull=True) | Q(publish_until__gt=now)
        )

    def public(self):
        return self.filter(audience=News.Audience.PUBLIC)


class News(models.Model):
    class Audience(models.TextChoices):
        PUBLIC = "public", _("public")
        MEMBERS = "members", _("all network members")

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text"),
        help_text=_("Plain text: line breaks are kept and web addresses become links."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS
    )
    publish_from = models.DateTimeField(_("published from"), default=timezone.now)
    publish_until = models.DateTimeField(
        _("published until"), null=True, blank=True, help_text=_("Empty: without end.")
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned news are shown first.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-pinned", "-publish_from"]
        indexes = [models.Index(fields=["-pinned", "-publish_from"], name="news_order_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(publish_until__isnull=True)
                | Q(publish_until__gt=models.F("publish_from")),
                name="news_until_after_from",
                violation_error_message=_("The end of publication must be after its start."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"pk": self.pk})


class DigestSubscription(models.Model):
    """A person's opt-in to the weekly digest e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="digest_subscription",
    )
    active = models.BooleanField(_("receives the weekly digest"), default=False)
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")

    def __str__(self):
        return str(self.user)
