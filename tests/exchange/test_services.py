"""The exchange's rules: notifications, unsubscribing, moderation, the
digest and search contracts, the text filter."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from asskomm.markup import linkify
from asskomm.models import Topic
from exchange import digest, search, services
from exchange.models import Follow, Question
from tests.exchange.factories import AnswerFactory, QuestionFactory
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Videoschutz", slug="videoschutz")


def ask(author, topic=None, region=""):
    return services.ask(
        author=author,
        title="Videoschutz am Bahnhof?",
        text="Wer hat Erfahrung?",
        topics=[topic] if topic else [],
        region=region,
    )


def unsubscribe_link(message):
    return next(line for line in message.body.splitlines() if "/exchange/unsubscribe/" in line)


def test_followers_get_one_email_however_many_follows_match(
    member, other_member, topic, mailoutbox
):
    Follow.objects.create(user=other_member, topic=topic)
    Follow.objects.create(user=other_member, region="dresden")
    with time_machine.travel(timezone.now(), tick=False):
        ask(member, topic, "dresden")
    assert [m.to for m in mailoutbox] == [[other_member.email]]
    assert "Videoschutz am Bahnhof?" in mailoutbox[0].subject


def test_no_email_to_the_asker_digest_followers_or_non_members(member, topic, mailoutbox):
    Follow.objects.create(user=member, topic=topic)
    Follow.objects.create(user=MemberFactory(), topic=topic, delivery=Follow.Delivery.DIGEST)
    former = MemberFactory()
    Follow.objects.create(user=former, topic=topic)
    former.is_active = False
    former.save()
    ask(member, topic)
    assert mailoutbox == []


def test_unsubscribe_link_turns_off_the_follow(client, member, other_member, topic, mailoutbox):
    Follow.objects.create(user=other_member, topic=topic)
    ask(member, topic)
    link = unsubscribe_link(mailoutbox[0])
    path = link[link.index("/exchange/") :]
    response = client.get(path)
    assert response.status_code == 200
    assert not Follow.objects.filter(user=other_member).exists()
    assert client.get(path).status_code == 200  # a second click does no harm
    ask(member, topic)
    assert len(mailoutbox) == 1


def test_mail_programs_unsubscribe_with_one_click(member, other_member, topic, mailoutbox):
    from django.test import Client

    Follow.objects.create(user=other_member, topic=topic)
    ask(member, topic)
    header = mailoutbox[0].extra_headers
    assert header["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = header["List-Unsubscribe"].strip("<>")
    response = Client(enforce_csrf_checks=True).post(
        url[url.index("/exchange/") :], {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Follow.objects.filter(user=other_member).exists()


def test_a_forged_unsubscribe_token_does_nothing(client, other_member, topic):
    Follow.objects.create(user=other_member, topic=topic)
    response = client.get("/exchange/unsubscribe/eyJmb2xsb3ciOjF9:forged/")
    assert response.status_code == 400
    assert Follow.objects.filter(user=other_member).exists()


def test_the_asker_hears_of_answers_and_can_unsubscribe(client, member, other_member, mailoutbox):
    question = ask(member)
    services.answer(question=question, author=other_member, text="Wir in Pirna.")
    assert [m.to for m in mailoutbox] == [[member.email]]
    link = unsubscribe_link(mailoutbox[0])
    client.get(link[link.index("/exchange/") :])
    services.answer(question=question, author=MemberFactory(), text="Und wir in Meißen.")
    assert len(mailoutbox) == 1


def test_no_email_for_ones_own_answer(member, mailoutbox):
    question = ask(member)
    services.answer(question=question, author=member, text="Nachtrag")
    assert mailoutbox == []


def test_applicants_may_not_ask_or_answer(member):
    with pytest.raises(PermissionDenied):
        ask(UserFactory())
    with pytest.raises(PermissionDenied):
        services.answer(question=QuestionFactory(), author=UserFactory(), text="x")


def test_members_may_not_answer_a_hidden_question(member):
    hidden = QuestionFactory(hidden=True)
    with pytest.raises(PermissionDenied):
        services.answer(question=hidden, author=member, text="x")


def test_a_closed_question_refuses_answers(member):
    with pytest.raises(ValidationError):
        services.answer(question=QuestionFactory(closed=True), author=member, text="x")


def test_accepting_an_answer(member, other_member, staff):
    question = QuestionFactory(author=member)
    reply = AnswerFactory(question=question)
    with pytest.raises(PermissionDenied):
        services.accept_answer(question=question, user=other_member, answer=reply)
    with pytest.raises(ValidationError):
        services.accept_answer(question=question, user=member, answer=AnswerFactory())
    services.accept_answer(question=question, user=member, answer=reply)
    assert question.accepted_answer == reply


def test_hiding_needs_staff_and_a_reason(member, staff):
    question = QuestionFactory()
    with pytest.raises(PermissionDenied):
        services.hide(item=question, user=member, reason="x")
    with pytest.raises(ValidationError):
        services.hide(item=question, user=staff, reason=" ")
    services.hide(item=question, user=staff, reason="Werbung")
    assert question.hidden_by == staff
    assert not Question.objects.visible_to(member).exists()
    assert Question.objects.visible_to(staff).get() == question


def test_hiding_the_accepted_answer_unmarks_it(staff):
    reply = AnswerFactory()
    services.accept_answer(question=reply.question, user=staff, answer=reply)
    services.hide(item=reply, user=staff, reason="Falsch")
    reply.question.refresh_from_db()
    assert reply.question.accepted_answer is None


def test_pin_and_close_only_by_staff(member, staff):
    question = QuestionFactory()
    with pytest.raises(PermissionDenied):
        services.moderate(question=question, user=member, pinned=True)
    services.moderate(question=question, user=staff, pinned=True, closed=True)
    question.refresh_from_db()
    assert question.pinned and question.closed


def test_follow_needs_a_topic_or_a_region(member, topic):
    with pytest.raises(ValidationError):
        services.follow(user=member)
    services.follow(user=member, topic=topic)
    services.follow(user=member, topic=topic, delivery=Follow.Delivery.DIGEST)
    assert Follow.objects.get(user=member).delivery == Follow.Delivery.DIGEST


def test_digest_lists_new_questions_and_answers_of_digest_follows(member, other_member, topic):
    Follow.objects.create(user=other_member, topic=topic, delivery=Follow.Delivery.DIGEST)
    since = timezone.now() - timedelta(days=7)
    old = QuestionFactory(created_at=since - timedelta(days=1))
    old.topics.add(topic)
    new = ask(member, topic)
    QuestionFactory(hidden=True).topics.add(topic)
    QuestionFactory()  # another topic
    reply = AnswerFactory(question=old)
    sections = {str(s["label"]): s["items"] for s in digest.DIGEST_SECTIONS}
    questions, answers = sections.values()
    assert list(questions(other_member, since)) == [new]
    assert list(answers(other_member, since)) == [reply]
    assert list(questions(member, since)) == []


def test_search_finds_questions_for_members_hidden_ones_for_staff(member, staff, applicant):
    visible = QuestionFactory()
    hidden = QuestionFactory(hidden=True)
    visible_to = search.SEARCHABLES[0]["visible_to"]
    assert list(visible_to(member)) == [visible]
    assert set(visible_to(staff)) == {visible, hidden}
    assert list(visible_to(applicant)) == []


def test_new_answers_to_my_questions(member, other_member):
    since = timezone.now() - timedelta(days=1)
    question = QuestionFactory(author=member)
    reply = AnswerFactory(question=question, author=other_member)
    AnswerFactory(question=question, author=member)
    AnswerFactory(question=question, hidden=True)
    assert list(search.NEW_SINCE[0]["items"](member, since)) == [reply]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a\nb", "a<br>\nb"),
        (
            "Siehe https://www.sachsen.de.",
            'Siehe <a href="https://www.sachsen.de" rel="nofollow noopener">'
            "https://www.sachsen.de</a>.",
        ),
        (
            'https://x.de/"onclick="a()',
            '<a href="https://x.de/" rel="nofollow noopener">'
            "https://x.de/</a>&quot;onclick=&quot;a()",
        ),
        ("javascript:alert(1)", "javascript:alert(1)"),
    ],
)
def test_linkify(text, html):
    assert linkify(text) == html
