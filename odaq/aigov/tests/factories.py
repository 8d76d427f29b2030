import factory
from factory.django import DjangoModelFactory

from odaq.aigov.models import AIRecord, AnswerCard


class AIRecordFactory(DjangoModelFactory):
    class Meta:
        model = AIRecord

    channel = "cabinet"
    language = "ru"
    question = factory.Sequence(lambda n: f"Вопрос об отпуске номер {n}")
    topic = "leave"
    composer = "extractive"
    answer = "Отпуск делится по соглашению сторон (статья 96 Трудового кодекса РК)."
    citations = factory.LazyFunction(lambda: [{"act": "K1500000414", "number": "96", "verified": True, "reason": ""}])
    review_status = "pending"
    review_requested_at = factory.LazyFunction(lambda: __import__("django.utils.timezone").utils.timezone.now())


class AnswerCardFactory(DjangoModelFactory):
    class Meta:
        model = AnswerCard

    questions_kk = "Демалысты бөліктерге бөлуге бола ма?"
    questions_ru = "Можно ли делить отпуск на части?"
    answer_kk = "Иә, келісім бойынша (Еңбек кодексінің 96-бабы)."
    answer_ru = "Да, по соглашению сторон (статья 96 Трудового кодекса РК)."
