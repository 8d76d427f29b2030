import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from odaq.surveys.choices import Kind, Status
from odaq.surveys.models import Question, Survey


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = Survey

    title_kk = factory.Sequence(lambda n: f"Сауалнама {n}")
    title_ru = factory.Sequence(lambda n: f"Опрос {n}")
    intro_ru = "Пожалуйста, ответьте на вопросы."
    anonymous = True
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = Kind.SINGLE
    text_kk = factory.Sequence(lambda n: f"Сұрақ {n}")
    text_ru = factory.Sequence(lambda n: f"Вопрос {n}")
    required = True
    options = factory.LazyAttribute(
        lambda o: [{"kk": "Иә", "ru": "Да"}, {"kk": "Жоқ", "ru": "Нет"}] if o.kind in (Kind.SINGLE, Kind.MULTIPLE)
        else [{"kk": "Жалақы", "ru": "Зарплата"}, {"kk": "Жүктеме", "ru": "Нагрузка"}] if o.kind == Kind.MATRIX
        else [])


def full_survey(organisation, *, anonymous: bool = True, open_: bool = True, **extra) -> Survey:
    """A survey with one question of every kind (single, multiple, scale, text, matrix), open by default."""
    survey = SurveyFactory(organisation=organisation, anonymous=anonymous, **extra)
    for kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.TEXT, Kind.MATRIX):
        QuestionFactory(survey=survey, kind=kind, required=kind != Kind.TEXT)
    if open_:
        survey.status = Status.OPEN
        survey.opens_at = timezone.now() - dt.timedelta(minutes=1)
        survey.opened_at = survey.opens_at
        survey.save()
    return survey


def good_answers(survey: Survey, *, text: str = "Всё хорошо") -> dict:
    """Valid answers for a ``full_survey``, keyed as the API takes them."""
    out = {}
    for q in survey.questions.all():
        out[str(q.pk)] = {Kind.SINGLE: 0, Kind.MULTIPLE: [0, 1], Kind.SCALE: 4, Kind.TEXT: text,
                          Kind.MATRIX: {"0": 5, "1": 2}}[q.kind]
    return out
