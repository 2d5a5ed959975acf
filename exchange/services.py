"""The rules of the exchange: asking, answering, moderating, following –
and who hears of what."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from asskomm.emails import send_to_user
from exchange.models import Answer, Follow, Question, is_moderator
from members.models import is_network_member

UNSUBSCRIBE_SALT = "exchange.unsubscribe"


def may_take_part(user):
    return is_network_member(user)


@transaction.atomic
def ask(*, author, title, text, topics=(), region=""):
    if not may_take_part(author):
        raise PermissionDenied
    question = Question.objects.create(author=author, title=title, text=text, region=region)
    question.topics.set(topics)
    notify_followers(question)
    return question


@transaction.atomic
def answer(*, question, author, text):
    if (
        not may_take_part(author)
        or not Question.objects.visible_to(author).filter(pk=question.pk).exists()
    ):
        raise PermissionDenied
    if question.closed:
        raise ValidationError(_("This question is closed; it takes no more answers."))
    reply = Answer.objects.create(question=question, author=author, text=text)
    asker = question.author
    if (
        Question.objects.filter(pk=question.pk, notify_author=True).exists()
        and asker != author
        and Answer.objects.visible_to(asker).filter(pk=reply.pk).exists()
    ):
        link = unsubscribe_url({"question": question.pk})
        send_to_user(
            user=asker,
            template="exchange/new_answer",
            context={"question": question, "answer": reply, "unsubscribe_url": link},
            headers=unsubscribe_headers(link),
        )
    return reply


def accept_answer(*, question, user, answer):
    """The asker (or staff) marks the answer that helped; ``None`` unmarks it."""
    if user != question.author and not is_moderator(user):
        raise PermissionDenied
    if answer is not None and (answer.question_id != question.pk or answer.hidden):
        raise ValidationError(_("Only a visible answer to this question can be marked."))
    question.accepted_answer = answer
    question.save(update_fields=["accepted_answer"])


def moderate(*, question, user, pinned=None, closed=None):
    if not is_moderator(user):
        raise PermissionDenied
    if pinned is not None:
        question.pinned = pinned
    if closed is not None:
        question.closed = closed
    question.save(update_fields=["pinned", "closed"])


def hide(*, item, user, reason):
    """Hides a question or an answer from members; staff still see it with the reason."""
    if not is_moderator(user):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Please give a reason for hiding."))
    item.hidden = True
    item.hidden_reason = reason.strip()
    fields = ["hidden", "hidden_reason"]
    if isinstance(item, Question):
        item.hidden_by = user
        fields.append("hidden_by")
    elif item.question.accepted_answer_id == item.pk:
        item.question.accepted_answer = None
        item.question.save(update_fields=["accepted_answer"])
    item.save(update_fields=fields)


def unhide(*, item, user):
    if not is_moderator(user):
        raise PermissionDenied
    item.hidden = False
    item.hidden_reason = ""
    item.save(update_fields=["hidden", "hidden_reason"])


def follow(*, user, topic=None, region="", delivery=Follow.Delivery.IMMEDIATELY):
    if not may_take_part(user):
        raise PermissionDenied
    if bool(topic) == bool(region):
        raise ValidationError(_("Choose either a topic or a region."))
    found, _created = Follow.objects.update_or_create(
        user=user,
        topic=topic,
        region=region or "",
        defaults={"delivery": delivery},
    )
    return found


def unfollow(*, user, follow_id):
    Follow.objects.filter(user=user, pk=follow_id).delete()


def follows_matching(question):
    """The follows that concern ``question``."""
    condition = Q(topic__in=question.topics.all())
    if question.region:
        condition |= Q(region=question.region)
    return Follow.objects.filter(condition)


def notify_followers(question):
    """One e-mail to each follower who wants it at once and may see the
    question – however many of their follows match; never to the asker."""
    follows = (
        follows_matching(question)
        .filter(delivery=Follow.Delivery.IMMEDIATELY)
        .exclude(user=question.author)
        .select_related("user")
        .order_by("user_id", "pk")
    )
    told = set()
    for found in follows:
        person = found.user
        if person.pk in told:
            continue
        told.add(person.pk)
        if not Question.objects.visible_to(person).filter(pk=question.pk).exists():
            continue
        link = unsubscribe_url({"follow": found.pk})
        send_to_user(
            user=person,
            template="exchange/new_question",
            context={"question": question, "follow": found, "unsubscribe_url": link},
            headers=unsubscribe_headers(link),
        )


def unsubscribe_headers(url):
    """RFC 8058: mail programs offer their own one-click unsubscribe button."""
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def unsubscribe_url(payload):
    token = signing.dumps(payload, salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("exchange:unsubscribe", kwargs={"token": token})


def unsubscribe(token):
    """Turns off what the e-mail's link stands for; returns a description
    of it, or ``None`` if the token is not valid (or already used up)."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if "follow" in payload:
        found = Follow.objects.filter(pk=payload["follow"]).first()
        if found is None:
            return _("You no longer follow this.")
        label = str(found)
        found.delete()
        return _("You no longer follow “%(what)s”.") % {"what": label}
    if "question" in payload:
        Question.objects.filter(pk=payload["question"]).update(notify_author=False)
        return _("You will no longer be told about answers to this question.")
    return None
