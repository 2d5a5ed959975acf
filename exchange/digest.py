"""The exchange's sections of the digest, for follows set to "digest"."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exchange.models import Answer, Follow, Question


def _followed(user, prefix=""):
    follows = Follow.objects.filter(user=user, delivery=Follow.Delivery.DIGEST)
    topics = [f.topic_id for f in follows if f.topic_id]
    regions = [f.region for f in follows if f.region]
    return Q(**{f"{prefix}topics__in": topics}) | Q(**{f"{prefix}region__in": regions})


def new_questions(user, since):
    return (
        Question.objects.visible_to(user)
        .filter(_followed(user), created_at__gt=since)
        .exclude(author=user)
        .distinct()
        .order_by("-created_at")
    )


def new_answers(user, since):
    return (
        Answer.objects.visible_to(user)
        .filter(_followed(user, "question__"), created_at__gt=since)
        .exclude(author=user)
        .select_related("question")
        .distinct()
        .order_by("-created_at")
    )


DIGEST_SECTIONS = [
    {"label": _("New questions in topics you follow"), "items": new_questions},
    {"label": _("New answers in topics you follow"), "items": new_answers},
]
