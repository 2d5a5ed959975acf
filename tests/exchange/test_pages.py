"""The exchange's pages: who may open them, what they show, escaping,
query budgets."""

import pytest
from django.urls import reverse

from exchange.models import Follow, Question
from tests.exchange.factories import AnswerFactory, QuestionFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "applicant", "member", "other_member", "staff"]


def person(request, kind):
    return None if kind == "anonymous" else request.getfixturevalue(kind)


@pytest.fixture
def question(member):
    return QuestionFactory(author=member)


def pages(question):
    return [
        reverse("exchange:list"),
        reverse("exchange:ask"),
        reverse("exchange:follows"),
        question.get_absolute_url(),
    ]


@pytest.mark.parametrize("kind", PEOPLE)
def test_who_may_open_the_pages(request, client_for, question, kind):
    client = client_for(person(request, kind))
    for url in pages(question):
        response = client.get(url)
        if kind == "anonymous":
            assert response.status_code == 302
            assert reverse("account_login") in response["Location"]
        elif kind == "applicant":
            assert response.status_code == 403
        else:
            assert response.status_code == 200, url


@pytest.mark.parametrize("kind", PEOPLE)
def test_a_hidden_question_is_only_for_staff(request, client_for, member, staff, kind):
    hidden = QuestionFactory(author=member, hidden=True, hidden_reason="Werbung", hidden_by=staff)
    response = client_for(person(request, kind)).get(hidden.get_absolute_url())
    expected = {"anonymous": 302, "applicant": 403, "staff": 200}.get(kind, 404)
    assert response.status_code == expected
    if kind == "staff":
        assert "Werbung" in response.content.decode()


def test_hidden_answers_stay_for_staff_with_their_reason(client_for, question, staff, member):
    AnswerFactory(question=question, text="Sichtbar")
    AnswerFactory(question=question, text="Verborgen", hidden=True, hidden_reason="Beleidigung")
    page = client_for(member).get(question.get_absolute_url()).content.decode()
    assert "Sichtbar" in page and "Verborgen" not in page
    page = client_for(staff).get(question.get_absolute_url()).content.decode()
    assert "Verborgen" in page and "Beleidigung" in page


def test_a_member_asks_and_another_answers(client_for, member, other_member, mailoutbox):
    response = client_for(member).post(
        reverse("exchange:ask"), {"title": "Videoschutz?", "text": "Wer hat Erfahrung?"}
    )
    found = Question.objects.get(title="Videoschutz?")
    assert response.status_code == 302 and found.author == member
    client = client_for(other_member)
    response = client.post(found.get_absolute_url(), {"text": "Wir in Pirna."})
    assert response.status_code == 302
    assert found.answers.get().author == other_member
    assert [m.to for m in mailoutbox] == [[member.email]]


def test_only_the_asker_marks_the_answer_that_helped(client_for, question, other_member):
    reply = AnswerFactory(question=question)
    url = reverse("exchange:accept", args=[question.pk])
    assert client_for(other_member).post(url, {"answer": reply.pk}).status_code == 403
    question.refresh_from_db()
    assert question.accepted_answer is None
    client_for(question.author).post(url, {"answer": reply.pk})
    question.refresh_from_db()
    assert question.accepted_answer == reply


def test_staff_hide_with_a_reason_members_hide_nothing(client_for, question, staff, other_member):
    url = reverse("exchange:hide_question", args=[question.pk])
    assert client_for(other_member).post(url, {"reason": "x"}).status_code == 403
    client_for(staff).post(url, {"reason": "Doppelt gestellt"})
    question.refresh_from_db()
    assert question.hidden and question.hidden_reason == "Doppelt gestellt"
    assert question.hidden_by == staff


def test_a_closed_question_takes_no_answers(client_for, member, other_member):
    closed = QuestionFactory(author=member, closed=True)
    client_for(other_member).post(closed.get_absolute_url(), {"text": "Noch was"})
    assert not closed.answers.exists()


EVIL = '<script>alert(1)</script><b onmouseover="x()">fett</b>'


def test_html_and_script_are_escaped_in_every_text_field(client_for, member, other_member):
    question = QuestionFactory(
        author=member, title=EVIL, text=EVIL + "\nhttps://example.org/a?b=1&c=2"
    )
    AnswerFactory(question=question, author=other_member, text=EVIL)
    for url in [question.get_absolute_url(), reverse("exchange:list")]:
        page = client_for(other_member).get(url).content.decode()
        assert "<script>alert" not in page
        assert "<b onmouseover" not in page
        assert "&lt;script&gt;" in page
    page = client_for(other_member).get(question.get_absolute_url()).content.decode()
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener">'
        "https://example.org/a?b=1&amp;c=2</a>"
    ) in page


def test_the_list_filters_by_topic_region_and_open(client_for, member):
    from asskomm.models import Topic

    topic = Topic.objects.create(name="Jugend", slug="jugend-x")
    with_topic = QuestionFactory(title="Mit Thema")
    with_topic.topics.add(topic)
    QuestionFactory(title="In Leipzig", region="leipzig")
    QuestionFactory(title="Geschlossen", closed=True)
    client = client_for(member)
    page = client.get(reverse("exchange:list"), {"topic": "jugend-x"}).content.decode()
    assert "Mit Thema" in page and "In Leipzig" not in page
    page = client.get(reverse("exchange:list"), {"region": "leipzig"}).content.decode()
    assert "In Leipzig" in page and "Mit Thema" not in page
    page = client.get(reverse("exchange:list"), {"open": "on"}).content.decode()
    assert "Geschlossen" not in page and "Mit Thema" in page
    page = client.get(reverse("exchange:list"), {"q": "thema mit"}).content.decode()
    assert "Mit Thema" in page and "In Leipzig" not in page


def test_the_list_shows_its_filter_fields(client_for, member):
    page = client_for(member).get(reverse("exchange:list")).content.decode()
    for name in ("q", "topic", "region", "open"):
        assert f'name="{name}"' in page


def test_query_budget_of_the_list_does_not_grow(client_for, member, django_assert_max_num_queries):
    client = client_for(member)
    for _ in range(3):
        AnswerFactory(question=QuestionFactory())
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("exchange:list"))
    for _ in range(10):
        AnswerFactory(question=QuestionFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("exchange:list"))


def test_query_budget_of_a_thread_does_not_grow(
    client_for, member, question, django_assert_max_num_queries
):
    client = client_for(member)
    AnswerFactory(question=question)
    with django_assert_max_num_queries(15) as few:
        client.get(question.get_absolute_url())
    for _ in range(10):
        AnswerFactory(question=question, author=MemberFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(question.get_absolute_url())


def test_following_on_the_follows_page(client_for, member):
    client = client_for(member)
    client.post(reverse("exchange:follows"), {"region": "dresden", "delivery": "digest"})
    found = Follow.objects.get(user=member)
    assert found.region == "dresden" and found.delivery == "digest"
    client.post(reverse("exchange:follows"), {"remove": found.pk})
    assert not Follow.objects.filter(user=member).exists()


def test_nobody_removes_another_persons_follow(client_for, member, other_member):
    theirs = Follow.objects.create(user=other_member, region="leipzig")
    client_for(member).post(reverse("exchange:follows"), {"remove": theirs.pk})
    assert Follow.objects.filter(pk=theirs.pk).exists()


def test_the_search_and_the_topic_page_find_a_question(client_for, member, other_member):
    from asskomm.models import Topic
    from exchange import services

    topic = Topic.objects.create(name="Videoschutz", slug="videoschutz")
    found = services.ask(
        author=member, title="Kameras am Bahnhofsvorplatz", text="Erfahrungen?", topics=[topic]
    )
    client = client_for(other_member)
    page = client.get(reverse("search:results"), {"q": "Bahnhofsvorplatz"}).content.decode()
    assert found.get_absolute_url() in page
    page = client.get(topic.get_absolute_url()).content.decode()
    assert found.get_absolute_url() in page


def test_staff_pin_and_close_questions_in_the_admin_with_a_counted_message(client_for, staff):
    question = QuestionFactory()
    changelist = reverse("admin:exchange_question_changelist")
    client = client_for(staff)
    for action in ("pin", "close"):
        response = client.post(
            changelist, {"action": action, "_selected_action": [question.pk]}, follow=True
        )
        assert "1 Eintrag geändert." in response.content.decode()
    question.refresh_from_db()
    assert question.pinned and question.closed
