import factory

from exchange.models import Answer, Question
from tests.factories import MemberFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    author = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Frage {n}")
    text = "Wer hat Erfahrung damit?"


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(MemberFactory)
    text = "Wir haben gute Erfahrungen gemacht."
