"""The exchange: members ask the network a question, colleagues answer,
and whoever follows a topic or region hears of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from asskomm.models import Topic
from members.models import Region, is_network_member


def is_moderator(user):
    return user.is_authenticated and user.is_staff


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Questions are for network members; hidden ones only for staff."""
        if is_moderator(user):
            return self.all()
        if is_network_member(user):
            return self.filter(hidden=False)
        return self.none()


class Question(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="exchange_questions",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="exchange_questions"
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    closed = models.BooleanField(_("closed"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_answer = models.OneToOneField(
        "Answer",
        verbose_name=_("answer that helped"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notify_author = models.BooleanField(_("tell the author about answers"), default=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-pinned", "-created_at"]
        indexes = [
            models.Index(fields=["-pinned", "-created_at", "-id"], name="question_list_idx"),
            models.Index(fields=["region"], name="question_region_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exchange:question", kwargs={"pk": self.pk})


class AnswerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Answers to questions ``user`` may see; hidden ones only for staff."""
        answers = self.filter(question__in=Question.objects.visible_to(user))
        if is_moderator(user):
            return answers
        return answers.filter(hidden=False)


class Answer(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="exchange_answers",
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return _("Answer to “%(title)s”") % {"title": self.question.title}

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"


class Follow(models.Model):
    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", _("an e-mail for each new question")
        DIGEST = "digest", _("only in the digest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="exchange_follows",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, null=True, blank=True
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATELY
    )

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(Q(topic__isnull=False) & Q(region=""))
                | (Q(topic__isnull=True) & ~Q(region="")),
                name="exchange_follow_topic_or_region",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=Q(topic__isnull=False),
                name="exchange_follow_unique_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "region"],
                condition=~Q(region=""),
                name="exchange_follow_unique_region",
            ),
        ]

    def __str__(self):
        return str(self.topic) if self.topic_id else Region(self.region).label
