"""The exchange's list of questions needs the same few queries for few and
for many questions, answers and topics, and counts only visible answers."""

import pytest
from django.urls import reverse

from tests.exchange.factories import AnswerFactory, QuestionFactory
from tests.projects.factories import TopicFactory
from tests.query_budget import get_within_budget

pytestmark = pytest.mark.django_db

LIST = reverse("exchange:list")


@pytest.fixture
def fill():
    topics = [TopicFactory(), TopicFactory()]

    def add(count):
        for number in range(count):
            question = QuestionFactory(title=f"Frage Q{number:03d}")
            question.topics.set(topics)
            AnswerFactory(question=question)
            AnswerFactory(question=question, hidden=True)
            QuestionFactory(title=f"Versteckt Q{number:03d}", hidden=True)
        return topics

    return add


@pytest.mark.parametrize("who", ["member", "staff"])
def test_the_list_needs_few_queries_whatever_the_rows(request, client_for, fill, who):
    client = client_for(request.getfixturevalue(who))
    fill(2)
    _few, few = get_within_budget(client, LIST)
    topics = fill(15)
    response, many = get_within_budget(client, LIST)
    assert len(many) == len(few), many.describe()
    questions = list(response.context["page_obj"])
    assert len(questions) == (17 if who == "member" else 20)
    hidden_shown = any(question.hidden for question in questions)
    assert hidden_shown == (who == "staff")
    assert {question.answer_count for question in questions if not question.hidden} == (
        {1} if who == "member" else {2}
    )
    assert topics[0].name in response.content.decode()
