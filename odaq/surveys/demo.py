"""Demo surveys for `manage.py demo_surveys`: one open anonymous survey in the demo region (the demo member may
answer it) and one closed named survey with results. Written through the services, so everything is audited."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from odaq.core.models import User
from odaq.orgs.demo.staff import DEMO_DOMAIN, demo_places

from . import selectors, services
from .choices import SCALE_MAX, SCALE_MIN, Kind
from .models import Survey

OPEN_SURVEY = {
    "title_kk": "Цифрлық құралдар және жұмыс жүктемесі",
    "title_ru": "Цифровые инструменты и рабочая нагрузка",
    "intro_kk": "Облыстық комитет мұғалімдердің цифрлық жүктемесі туралы пікіріңізді сұрайды. Сауалнама анонимді.",
    "intro_ru": "Областной комитет спрашивает ваше мнение о цифровой нагрузке учителей. Опрос анонимный.",
    "anonymous": True,
}
OPEN_QUESTIONS = [
    (Kind.SINGLE, "Электрондық журналмен жұмыс аптасына қанша уақыт алады?",
     "Сколько времени в неделю занимает работа с электронным журналом?",
     [("2 сағаттан аз", "Меньше 2 часов"), ("2–5 сағат", "2–5 часов"), ("5 сағаттан көп", "Больше 5 часов")]),
    (Kind.MULTIPLE, "Жұмыс уақытынан тыс сізге қалай хабарласады?", "Как с вами связываются вне рабочего времени?",
     [("WhatsApp", "WhatsApp"), ("Телефон", "Телефон"), ("Электрондық пошта", "Электронная почта"),
      ("Хабарласпайды", "Не связываются")]),
    (Kind.SCALE, "Цифрлық жүктемені бағалаңыз (1 — өте аз, 5 — өте көп)",
     "Оцените цифровую нагрузку (1 — очень мала, 5 — очень велика)", []),
    (Kind.MATRIX, "Келесі құралдарды бағалаңыз", "Оцените следующие инструменты",
     [("Электрондық журнал", "Электронный журнал"), ("Оқу платформалары", "Учебные платформы"),
      ("Мектеп чаттары", "Школьные чаты")]),
    (Kind.TEXT, "Кәсіподақ не істеуі керек?", "Что должен сделать профсоюз?", []),
]
CLOSED_SURVEY = {
    "title_kk": "Кәсіподақ жиналысының уақыты",
    "title_ru": "Время профсоюзного собрания",
    "intro_kk": "Атаулы сауалнама: жиналысқа ыңғайлы уақытты таңдаңыз.",
    "intro_ru": "Именной опрос: выберите удобное время собрания.",
    "anonymous": False,
}
CLOSED_QUESTIONS = [
    (Kind.SINGLE, "Жиналысқа қай күн ыңғайлы?", "Какой день удобен для собрания?",
     [("Сейсенбі", "Вторник"), ("Бейсенбі", "Четверг"), ("Сенбі", "Суббота")]),
    (Kind.SCALE, "Өткен жиналыс қаншалықты пайдалы болды?", "Насколько полезным было прошлое собрание?", []),
]
TEXTS = ["Жұмыс уақытынан кейін хабарлама жібермеу туралы ереже керек.",
         "Нужно правило: не писать учителям после 20:00.",
         "Электронный журнал дублирует бумажный — это лишняя работа.",
         "Оқу платформаларына арналған семинарлар өткізу керек."]


def _random_answers(rng: random.Random, survey: Survey) -> dict:
    out = {}
    for q in survey.questions.all():
        key = str(q.pk)
        if q.kind == Kind.SINGLE:
            out[key] = min(int(rng.triangular(0, len(q.options), 0.6)), len(q.options) - 1)
        elif q.kind == Kind.MULTIPLE:
            out[key] = sorted(rng.sample(range(len(q.options)), rng.randint(1, 2)))
        elif q.kind == Kind.SCALE:
            out[key] = rng.choice([3, 4, 4, 5, 5, 2])
        elif q.kind == Kind.MATRIX:
            out[key] = {str(i): rng.randint(SCALE_MIN, SCALE_MAX) for i in range(len(q.options))}
        elif q.kind == Kind.TEXT:
            out[key] = rng.choice(TEXTS) if rng.random() < 0.5 else ""
    return out


def _build(organiser, organisation, fields: dict, questions, closes_at) -> Survey:
    survey = services.create_survey(organiser, {"organisation": organisation, "closes_at": closes_at,
                                                "young_only": False, "positions": [], **fields})
    for kind, text_kk, text_ru, options in questions:
        services.add_question(organiser, survey, {"kind": kind, "text_kk": text_kk, "text_ru": text_ru,
                                                  "required": kind != Kind.TEXT,
                                                  "options": [{"kk": kk, "ru": ru} for kk, ru in options]})
    return services.open_survey(organiser, survey)


def _answer(rng: random.Random, survey: Survey, count: int, skip_user: User | None) -> int:
    memberships = selectors.eligible_memberships(survey).filter(person__user__isnull=False).select_related("person")
    if skip_user is not None:
        memberships = memberships.exclude(person__user=skip_user)
    pool = list(memberships.order_by("pk")[:2000])
    for membership in rng.sample(pool, min(count, len(pool))):
        services.submit_response(membership.person, survey, _random_answers(rng, survey))
    return min(count, len(pool))


def build_demo_surveys(seed: int = 1, out=print) -> list[Survey]:
    rng = random.Random(seed)
    places = demo_places()
    organiser = (User.objects.filter(email=f"regional.staff@{DEMO_DOMAIN}").first()
                 or User.objects.filter(email=f"central.admin@{DEMO_DOMAIN}").first())
    member = User.objects.filter(email=f"member@{DEMO_DOMAIN}").first()
    now = timezone.now()
    with transaction.atomic():
        closed = _build(organiser, places["region"], CLOSED_SURVEY, CLOSED_QUESTIONS, now + dt.timedelta(days=1))
        n_closed = _answer(rng, closed, 30, member)
        services.close_survey(organiser, closed)
        open_ = _build(organiser, places["region"], OPEN_SURVEY, OPEN_QUESTIONS, now + dt.timedelta(days=21))
        n_open = _answer(rng, open_, 25, member)
    out(f"Demo surveys: '{open_.title_ru}' open with {n_open} responses; "
        f"'{closed.title_ru}' closed with {n_closed} responses.")
    return [open_, closed]
