"""Demo votes: one open vote of the demo region (the demo member may vote) and one published result."""

import datetime as dt
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from odaq.core.models import User
from odaq.orgs.models import Organisation, Person
from odaq.orgs.selectors import current_membership
from odaq.voting import services
from odaq.voting.models import Election, Eligible, Kind, Option, Question, Status

MEMBER = "member@demo.odaq.kz"


def _question(election, position, kind, k, rule, kk, ru, options):
    question = Question.objects.create(election=election, position=position, kind=kind, k=k, rule=rule,
                                       text_kk=kk, text_ru=ru)
    if kind == Kind.YES_NO:
        options = services._yes_no_texts()
    Option.objects.bulk_create([Option(question=question, position=i, text_kk=a, text_ru=b)
                                for i, (a, b) in enumerate(options)])


class Command(BaseCommand):
    help = "Create a demo open vote (the demo member can vote) and a closed, published one with results."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when any vote exists")
        parser.add_argument("--voters", type=int, default=60, help="ballots in the published demo vote")

    def handle(self, *args, seed, if_empty, voters, **options):
        if if_empty and Election.objects.exists():
            self.stdout.write("Votes already exist: nothing to do.")
            return
        person = Person.objects.filter(user__email=MEMBER).first()
        user = User.objects.filter(email=MEMBER).first()
        membership = current_membership(person)
        if membership is None:
            self.stderr.write("The demo member is missing: run demo_data first.")
            return
        path = membership.organisation.path
        region = Organisation.objects.filter(level="region", path__in=[path[:i] for i in range(
            Organisation.steplen, len(path) + 1, Organisation.steplen)]).first() or membership.organisation
        rng = random.Random(seed)
        now = timezone.now()
        with transaction.atomic():
            open_vote = Election.objects.create(
                organisation=region, created_by=user, quorum="half", status=Status.SCHEDULED,
                title_kk="Өңірлік кеңестің шешімі: оқытушылардың жүктемесі туралы",
                title_ru="Решение регионального совета о нагрузке преподавателей",
                description_kk="Аптасына 16 сағаттан аспайтын жүктеме туралы ұсынысты қолдайсыз ба?",
                description_ru="Поддерживаете ли вы предложение ограничить нагрузку 16 часами в неделю?",
                opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(days=14))
            _question(open_vote, 0, Kind.YES_NO, 1, "simple", "Ұсынысты қолдайсыз ба?",
                      "Поддерживаете ли вы предложение?", [])
            _question(open_vote, 1, Kind.UP_TO_K, 2, "simple", "Қандай басымдықтар маңызды? (2-ге дейін)",
                      "Какие приоритеты важнее? (до 2)",
                      [("Жалақы", "Зарплата"), ("Жүктеме", "Нагрузка"), ("Құжаттар азайту", "Меньше бумаг"),
                       ("Біліктілікті арттыру", "Повышение квалификации")])
            open_vote = services.open_election(open_vote, announce=False)

            past = Election.objects.create(
                organisation=region, created_by=user, quorum="none", status=Status.SCHEDULED,
                title_kk="Өңірлік комитет төрағасының орынбасарын сайлау",
                title_ru="Выборы заместителя председателя областного комитета",
                opens_at=now - dt.timedelta(days=10), closes_at=now + dt.timedelta(days=1))
            _question(past, 0, Kind.SEATS, 1, "simple", "Орынбасар кандидаттары", "Кандидаты в заместители",
                      [("Ахметова Айгүл", "Ахметова Айгуль"), ("Сейітов Болат", "Сеитов Болат"),
                       ("Нұрланова Дана", "Нурланова Дана")])
            _question(past, 1, Kind.YES_NO, 1, "two_thirds", "Жарғыға өзгерістерді бекітесіз бе?",
                      "Утверждаете ли вы изменения в устав?", [])
            past = services.open_election(past, announce=False)
            people = list(Eligible.objects.filter(election=past).exclude(person=person).values_list(
                "person_id", flat=True)[:2000])
            rng.shuffle(people)
            qs = list(past.questions.prefetch_related("options"))
            for person_id in people[:voters]:
                seat = qs[0].options.all()[rng.choices([0, 1, 2], weights=[6, 3, 2])[0]].pk
                charter = qs[1].options.all()[rng.choices([0, 1, 2], weights=[8, 2, 1])[0]].pk
                services.cast_for_person(Person(pk=person_id), past.pk, {str(qs[0].pk): [seat],
                                                                         str(qs[1].pk): [charter]})
            Election.objects.filter(pk=past.pk).update(closes_at=now - dt.timedelta(days=3))
            services.close_election(Election.objects.get(pk=past.pk))
            admin = User.objects.filter(email="central.admin@demo.odaq.kz").first()
            past = services.publish_election(admin, Election.objects.get(pk=past.pk))
        self.stdout.write(f"Demo votes: open vote #{open_vote.pk} in {region.name_ru} "
                          f"({open_vote.electorate_count} voters), published vote #{past.pk}.")
