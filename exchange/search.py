"""What the search may find in the exchange, and what is new in it."""

from django.utils.translation import gettext_lazy as _

from exchange.models import Answer, Question

SEARCHABLES = [
    {
        "kind": "question",
        "label": _("Exchange"),
        "model": Question,
        "visible_to": lambda user: Question.objects.visible_to(user),
        "fields": {"title": "A", "text": "B"},
        "topics": "topics",
        # The level of the search index (see search.registry), from
        # ``Question.objects.visible_to``: every network member may open a
        # question that is not hidden.
        "members": lambda questions: questions.filter(hidden=False),
        "watch": ("hidden",),
    },
]

NEW_SINCE = [
    {
        "label": _("New answers to your questions"),
        "items": lambda user, since: (
            Answer.objects.visible_to(user)
            .filter(question__author=user, created_at__gt=since)
            .exclude(author=user)
            .select_related("question")
        ),
        "values": ("question_id", "question__title"),
        "link": lambda pk, question, title: Answer(
            pk=pk, question=Question(pk=question, title=title)
        ),
    },
]
