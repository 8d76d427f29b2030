"""Demo appeals: several thousand (or, for the benchmark, a million) appeals over the last twelve months across
topics, regions and statuses, with timelines and outcomes, written in batches (COPY on PostgreSQL).

Also gives every region a lawyer on duty and the central committee a legal service, and makes sure the demo
logins (member, chair, lawyer) have appeals to look at.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import time
from itertools import accumulate

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from odaq.core.models import User
from odaq.orgs.choices import Level, MembershipStatus, Role
from odaq.orgs.demo.writer import RowWriter
from odaq.orgs.models import Membership, Organisation, RoleAssignment

from . import calendar
from .choices import Channel, EventKind, Result, Status
from .models import Appeal, AppealCounter, AppealEvent, DutyLawyer, Topic

DEMO_DOMAIN = "demo.odaq.kz"
TOPIC_WEIGHTS = {"pay": 26, "working_time": 14, "leave": 10, "certification": 10, "dismissal": 8, "discipline": 7,
                 "contract": 7, "social": 6, "safety": 4, "digital": 3, "harassment": 2, "other": 3}
SUBJECTS = {
    "pay": [("Недоплата за сентябрь", "Қыркүйек айындағы жалақы толық төленбеді"),
            ("Не оплачена классная руководство", "Сынып жетекшілігі үшін үстемақы төленбеді"),
            ("Задержка заработной платы", "Жалақы кешіктіріліп төленеді")],
    "working_time": [("Нагрузка свыше ставки без оплаты", "Ақысыз қосымша сағаттар"),
                     ("Работа в выходные дни", "Демалыс күндері жұмысқа шақыру")],
    "leave": [("Отказ в отпуске летом", "Жазғы демалыс берілмеді"),
              ("Не выплачены отпускные", "Демалыс ақысы төленбеді")],
    "certification": [("Не присвоена категория", "Біліктілік санаты берілмеді"),
                      ("Доплата за категорию не начисляется", "Санат үшін қосымша ақы есептелмейді")],
    "dismissal": [("Увольнение без согласия профсоюза", "Кәсіподақтың келісімінсіз жұмыстан шығару"),
                  ("Принуждают написать заявление", "Өз еркімен арыз жазуға мәжбүрлейді")],
    "discipline": [("Выговор без объяснительной", "Түсініктеме алынбай сөгіс берілді")],
    "contract": [("Не продлевают трудовой договор", "Еңбек шарты ұзартылмайды"),
                 ("Изменили условия договора", "Шарт талаптары келісімсіз өзгертілді")],
    "social": [("Не выплачено пособие на оздоровление", "Сауықтыру жәрдемақысы төленбеді")],
    "safety": [("Холодно в классах", "Сыныптарда суық"), ("Несчастный случай на работе", "Жұмыстағы жазатайым оқиға")],
    "digital": [("Оценка работы по электронному журналу", "Жұмысты электрондық журнал бойынша бағалау"),
                ("Видеонаблюдение в учительской", "Мұғалімдер бөлмесіндегі бейнебақылау")],
    "harassment": [("Давление со стороны администрации", "Әкімшілік тарапынан қысым")],
    "other": [("Вопрос о профсоюзных взносах", "Кәсіподақ жарнасы туралы сұрақ")],
}
# Money recovered or saved (tenge), by topic, for appeals resolved in the member's favour.
EFFECT = {"pay": (20_000, 600_000), "leave": (60_000, 350_000), "dismissal": (300_000, 2_500_000),
          "certification": (40_000, 400_000), "working_time": (15_000, 250_000), "social": (30_000, 200_000),
          "contract": (50_000, 500_000), "discipline": (0, 80_000)}
RESULTS = [Result.RESOLVED, Result.PARTLY, Result.NOT_RESOLVED, Result.REDIRECTED]
RESULT_W = list(accumulate([0.48, 0.2, 0.18, 0.14]))
BASIS = ["Еңбек кодексі, 113-бап", "Трудовой кодекс РК, статья 52", "Трудовой кодекс РК, статья 88",
         "Закон «О статусе педагога», статья 15", "Трудовой кодекс РК, статья 134", "Отраслевое соглашение, п. 4.2"]
ANSWERS = ["Работодатель произвёл перерасчёт и выплатил разницу.",
           "Направлено представление работодателю; нарушение устранено.",
           "Нарушения не установлено: приказ соответствует Трудовому кодексу.",
           "Обращение направлено в инспекцию труда по подведомственности."]


def _pick(rng: random.Random, cumulative: list[float], items: list):
    return items[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


class WorkingDays:
    """``add_working_days`` for many dates without a query each: overrides read once."""

    def __init__(self, start: dt.date, end: dt.date):
        self.overrides = calendar._overrides(start, end)  # noqa: SLF001 - same app

    def add(self, day: dt.date, n: int) -> dt.date:
        while n > 0:
            day += dt.timedelta(days=1)
            if calendar._working(day, self.overrides):  # noqa: SLF001
                n -= 1
        return day


def _demo_user(email: str, role: str, organisation: Organisation, name: str, password: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, password=password, display_name=name, language="kk")
    if not RoleAssignment.objects.filter(user=user, role=role, organisation=organisation,
                                         revoked_at__isnull=True).exists():
        RoleAssignment.objects.create(user=user, role=role, organisation=organisation)
    return user


def ensure_lawyers() -> dict[int, User]:
    """A lawyer on duty in every region (the demo lawyer login where it works), and a central legal service."""
    from odaq.orgs.demo.staff import DEMO_PASSWORD

    password = make_password(DEMO_PASSWORD)
    duty: dict[int, User] = {}
    root = Organisation.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        _demo_user(f"legal.central@{DEMO_DOMAIN}", Role.LAWYER, root, "Central legal service", password)
    demo_lawyer = User.objects.filter(email=f"lawyer@{DEMO_DOMAIN}").first()
    for region in Organisation.objects.filter(depth=2).order_by("path"):
        existing = DutyLawyer.objects.filter(region=region).select_related("user").first()
        if existing:
            duty[region.pk] = existing.user
            continue
        user = None
        if demo_lawyer and RoleAssignment.objects.filter(user=demo_lawyer, organisation=region, role=Role.LAWYER,
                                                         revoked_at__isnull=True).exists():
            user = demo_lawyer
        if user is None:
            slug = region.code or str(region.pk)
            user = _demo_user(f"lawyer.{slug}@{DEMO_DOMAIN}", Role.LAWYER, region, f"Lawyer {slug}", password)
        DutyLawyer.objects.create(region=region, user=user)
        duty[region.pk] = user
    return duty


def _status_for(age_days: int, rng: random.Random) -> str:
    r = rng.random()
    if age_days < 10:
        return [Status.REGISTERED, Status.IN_PROGRESS, Status.WAITING, Status.ANSWERED][min(int(r * 4), 3)]
    if age_days < 30:
        return (Status.IN_PROGRESS if r < 0.25 else Status.WAITING if r < 0.35 else Status.ANSWERED if r < 0.6
                else Status.CLOSED)
    return Status.IN_PROGRESS if r < 0.03 else Status.WAITING if r < 0.04 else Status.ANSWERED if r < 0.2 \
        else Status.CLOSED


class AppealBuilder:
    def __init__(self, count: int, seed: int, batch: int = 5000, events: bool = True, out=print,
                 today: dt.date | None = None):
        self.count, self.batch, self.events, self.out = count, batch, events, out
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.writer = RowWriter(batch)

    def run(self) -> dict:
        started = time.monotonic()
        members = list(Membership.objects.filter(status=MembershipStatus.ACTIVE)
                       .values_list("person_id", "organisation_id", "organisation__path", "person__user_id"))
        if not members:
            raise ValueError("No active members: run demo_data first.")
        regions = {o.path: o for o in Organisation.objects.filter(depth=2)}
        employers = dict(Organisation.objects.filter(level=Level.PRIMARY).values_list("pk", "employer_name"))
        topics = {t.code: t.pk for t in Topic.objects.all()}
        codes = [c for c in TOPIC_WEIGHTS if c in topics]
        topic_w = list(accumulate(TOPIC_WEIGHTS[c] for c in codes))
        with transaction.atomic():
            duty = ensure_lawyers()
            filer = User.objects.filter(email=f"member@{DEMO_DOMAIN}").values_list("pk", flat=True).first()
            fallback_filer = filer or User.objects.order_by("pk").values_list("pk", flat=True).first()
            days = WorkingDays(self.today - dt.timedelta(days=400), self.today + dt.timedelta(days=90))
            counters = {(c.region_id, c.year): c.last for c in AppealCounter.objects.all()}
            special = self._demo_member_rows(members)
            made = events = 0
            while made < self.count:
                n = min(self.batch, self.count - made)
                rows, plans = [], []
                for i in range(n):
                    member = special[made + i] if made + i < len(special) else self.rng.choice(members)
                    row, plan = self._row(member, regions, employers, topics, codes, topic_w, duty, days, counters,
                                          fallback_filer)
                    rows.append(row)
                    plans.append(plan)
                ids = self.writer.insert(Appeal, rows, ids=True)
                if self.events:
                    event_rows = [e for pk, row, plan in zip(ids, rows, plans, strict=True)
                                  for e in self._events(pk, row, plan)]
                    self.writer.insert(AppealEvent, event_rows)
                    events += len(event_rows)
                made += n
                if made % 100_000 == 0:
                    self.out(f"  {made:,} appeals …")
            for (region_id, year), last in counters.items():
                AppealCounter.objects.update_or_create(region_id=region_id, year=year, defaults={"last": last})
        return {"appeals": made, "events": events, "duty_lawyers": len(duty),
                "seconds": round(time.monotonic() - started, 1)}

    def _demo_member_rows(self, members):
        """The demo member (member@demo.odaq.kz) files the first few appeals, so her cabinet is not empty."""
        person = Membership.objects.filter(person__user__email=f"member@{DEMO_DOMAIN}",
                                           status=MembershipStatus.ACTIVE).values_list(
            "person_id", "organisation_id", "organisation__path", "person__user_id").first()
        return [person] * 4 if person else []

    def _row(self, member, regions, employers, topics, codes, topic_w, duty, days, counters, fallback_filer):
        rng = self.rng
        person_id, org_id, path, user_id = member
        region = regions[path[:8]]
        age = int(365 * rng.random() ** 1.3)  # more appeals lately
        created_day = self.today - dt.timedelta(days=age)
        created = dt.datetime.combine(created_day, dt.time(3, 0), tzinfo=dt.UTC) + dt.timedelta(
            minutes=rng.randint(0, 600))
        code = _pick(rng, topic_w, codes)
        status = _status_for(age, rng)
        key = (region.pk, created_day.year)
        counters[key] = counters.get(key, 0) + 1
        subject_ru, subject_kk = rng.choice(SUBJECTS[code])
        kk = rng.random() < 0.55
        extended = status in (Status.IN_PROGRESS, Status.WAITING) and rng.random() < 0.1
        due = days.add(created_day, 30 if extended else 15)
        answered = closed = None
        result, effect, basis, rating, rating_comment = "", None, "", None, ""
        if status in (Status.ANSWERED, Status.CLOSED):
            spent = max(1, min(int(rng.triangular(2, 25, 10)), age))
            answered = created + dt.timedelta(days=spent, hours=rng.randint(0, 6))
            result = _pick(rng, RESULT_W, RESULTS)
            basis = rng.choice(BASIS)
            low_high = EFFECT.get(code)
            if low_high and result in (Result.RESOLVED, Result.PARTLY):
                effect = int(round(rng.randint(*low_high) * (1 if result == Result.RESOLVED else 0.5), -3))
            if status == Status.CLOSED:
                closed = answered + dt.timedelta(days=rng.randint(0, 5))
                if rng.random() < 0.6:
                    rating = 5 if rng.random() < 0.5 else 4 if rng.random() < 0.6 else rng.randint(1, 3)
        row = {
            "number": f"{region.code or '00'}-{created_day.year}-{counters[key]:05d}",
            "person_id": person_id, "organisation_id": org_id, "region_id": region.pk,
            "filed_by_id": user_id or fallback_filer, "topic_id": topics[code],
            "subject": subject_kk if kk else subject_ru,
            "description": (subject_kk if kk else subject_ru) + ". " + ("Көмектесуіңізді сұраймын." if kk
                                                                        else "Прошу помочь разобраться."),
            "employer": employers.get(org_id) or "", "confidential": rng.random() < 0.15,
            "answer_language": "kk" if kk else "ru",
            "answer_channel": Channel.CABINET if rng.random() < 0.7 else Channel.EMAIL,
            "status": status, "assignee_id": duty[region.pk].pk if region.pk in duty else None,
            "escalated": False, "created_at": created, "due_date": due, "extended": extended,
            "extension_reason": "Запрошены документы у работодателя" if extended else "",
            "reminded_at": None, "overdue_at": None, "answered_at": answered, "closed_at": closed, "result": result,
            "legal_basis": basis, "economic_effect": effect, "rating": rating, "rating_comment": rating_comment,
            "rated_at": closed if rating else None, "idempotency_key": None, "ai_record_id": None,
        }
        return row, status

    def _events(self, pk, row, status):
        created, actor = row["created_at"], row["assignee_id"]

        def ev(kind, when, visible=True, text="", st=""):
            return {"appeal_id": pk, "kind": kind, "actor_id": actor if kind not in ("submitted", "reply") else
                    row["filed_by_id"], "visible_to_member": visible, "text": text, "status": st or status,
                    "created_at": when}

        out = [ev(EventKind.SUBMITTED, created, st=Status.SUBMITTED),
               ev(EventKind.REGISTERED, created, st=Status.REGISTERED)]
        if status != Status.REGISTERED:
            out.append(ev(EventKind.TAKEN, created + dt.timedelta(hours=20), st=Status.IN_PROGRESS))
        if status == Status.WAITING:
            out.append(ev(EventKind.QUESTION, created + dt.timedelta(days=1), text="Приложите, пожалуйста, "
                          "расчётный лист / Есеп парағын жіберіңіз.", st=Status.WAITING))
        if row["answered_at"]:
            out.append(ev(EventKind.ANSWER, row["answered_at"], text=self.rng.choice(ANSWERS), st=Status.ANSWERED))
        if row["closed_at"]:
            out.append(ev(EventKind.CLOSED, row["closed_at"], st=Status.CLOSED))
        return out
