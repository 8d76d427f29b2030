"""Benchmark of the surveys app on PostgreSQL at union scale (figures printed, never asserted).

    .venv/bin/python bench/surveys.py                      # 600,000 members in odaq_bench_surveys (recreated)
    BENCH_REUSE=1 .venv/bin/python bench/surveys.py        # keep an already built database

A union-wide anonymous survey (one question of every kind) is opened; BENCH_RESPONSES (default 100,000)
responses are bulk-loaded; then timed: answering through the real page (Django test client: middleware,
session, CSRF-free form post, services, one transaction), the members' survey list, the results page and
selector, the CSV and XLSX exports, and the notification task per chunk of 1,000 members.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/odaq_bench_surveys; must contain
"bench"), BENCH_MEMBERS (600000), BENCH_RESPONSES (100000), BENCH_RUNS (50), BENCH_REUSE (0).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from run import build, recreate_database, server_settings, setup_django  # noqa: E402
from timing import Scenario, print_table, run_scenario  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/odaq_bench_surveys"


def make_survey():
    from django.utils import timezone

    from odaq.core.models import User
    from odaq.surveys import services
    from odaq.surveys.choices import Kind
    from odaq.surveys.models import Survey

    admin = User.objects.get(email="central.admin@demo.odaq.kz")
    Survey.objects.filter(title_ru="Бенчмарк").delete()
    central = admin.roles.get().organisation
    survey = services.create_survey(admin, {
        "organisation": central, "title_kk": "Бенчмарк", "title_ru": "Бенчмарк", "anonymous": True,
        "young_only": False, "positions": [], "closes_at": timezone.now() + dt.timedelta(days=30)})
    two = [{"kk": "Иә", "ru": "Да"}, {"kk": "Жоқ", "ru": "Нет"}, {"kk": "Білмеймін", "ru": "Не знаю"}]
    for kind, options in [(Kind.SINGLE, two), (Kind.MULTIPLE, two), (Kind.SCALE, []), (Kind.TEXT, []),
                          (Kind.MATRIX, two[:2])]:
        services.add_question(admin, survey, {"kind": kind, "text_kk": f"Сұрақ {kind}", "text_ru": f"Вопрос {kind}",
                                              "required": kind != Kind.TEXT, "options": options})
    survey.notified_at = timezone.now()  # the notification run is timed separately below
    survey.save(update_fields=["notified_at"])
    services.open_survey(admin, survey)
    return admin, survey


def load_responses(survey, count: int, rng: random.Random) -> tuple[float, list[int]]:
    """Bulk-load ``count`` responses of random members (as the services would store them); returns the
    seconds taken and the membership ids that remain free to answer."""
    from django.db import transaction

    from odaq.orgs.choices import MembershipStatus
    from odaq.orgs.models import Membership
    from odaq.surveys.choices import Kind
    from odaq.surveys.models import Answer, Participation, Response

    rows = list(Membership.objects.filter(status=MembershipStatus.ACTIVE).values_list("pk", "person_id",
                                                                                      "organisation_id"))
    rng.shuffle(rows)
    chosen, free = rows[:count], [pk for pk, _p, _o in rows[count:]]
    questions = list(survey.questions.all())
    started = time.perf_counter()
    for start in range(0, len(chosen), 5000):
        batch = chosen[start:start + 5000]
        with transaction.atomic():
            Participation.objects.bulk_create(Participation(survey=survey, person_id=p, organisation_id=o)
                                              for _m, p, o in batch)
            responses = [Response(id=uuid.uuid4(), survey=survey, organisation_id=o) for _m, _p, o in batch]
            Response.objects.bulk_create(responses)
            answers = []
            for r in responses:
                for q in questions:
                    if q.kind == Kind.SINGLE:
                        answers.append(Answer(response=r, question=q, option=rng.randrange(3)))
                    elif q.kind == Kind.MULTIPLE:
                        answers += [Answer(response=r, question=q, option=i) for i in (0, 2) if rng.random() < .6]
                    elif q.kind == Kind.SCALE:
                        answers.append(Answer(response=r, question=q, number=rng.randint(1, 5)))
                    elif q.kind == Kind.TEXT and rng.random() < .1:
                        answers.append(Answer(response=r, question=q, text="Нужно меньше отчётов."))
                    elif q.kind == Kind.MATRIX:
                        answers += [Answer(response=r, question=q, option=i, number=rng.randint(1, 5)) for i in (0, 1)]
            Answer.objects.bulk_create(answers, batch_size=5000)
    return time.perf_counter() - started, free


def members_with_logins(membership_ids: list[int], n: int) -> list:
    """Give ``n`` members a login (demo people mostly have none) and return their users."""
    from odaq.core.models import User
    from odaq.orgs.models import Membership

    users = []
    for membership in Membership.objects.filter(pk__in=membership_ids[:n]).select_related("person__user"):
        if membership.person.user is None:  # a rerun (BENCH_REUSE=1) keeps the logins made before
            membership.person.user = User.objects.create(email=f"bench-{membership.person_id}@example.kz",
                                                         password="!", language="ru")
            membership.person.save(update_fields=["user"])
        users.append(membership.person.user)
    return users


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    members = int(os.environ.get("BENCH_MEMBERS", "600000"))
    n_responses = int(os.environ.get("BENCH_RESPONSES", "100000"))
    runs = max(50, int(os.environ.get("BENCH_RUNS", "50")))
    reuse = os.environ.get("BENCH_REUSE", "0") not in ("", "0")
    print(f"Odaq surveys benchmark · {urlsplit(url)._replace(netloc=urlsplit(url).hostname or '').geturl()}")
    if not reuse:
        recreate_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from odaq.orgs.models import Membership, Organisation
    from odaq.surveys import exports, results, selectors, tasks
    from odaq.surveys.models import Answer

    timings: dict[str, float] = {}
    if not reuse or not Organisation.objects.exists():
        print(f"Building the demo union with {members:,} members …", flush=True)
        timings.update(build(members, 1))
    else:
        call_command("migrate", verbosity=0, interactive=False)
    admin, survey = make_survey()
    rng = random.Random(1)
    print(f"Loading {n_responses:,} responses …", flush=True)
    timings["load responses"], free = load_responses(survey, n_responses, rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE surveys_participation, surveys_response, surveys_answer")
    users = members_with_logins(free, runs + 5 + 1000)
    answering, notified = users[:runs + 5], users[runs + 5:]
    eligible = selectors.eligible_memberships(survey).count()
    print(f"Data: memberships {Membership.objects.count():,}, eligible {eligible:,}, "
          f"responses {survey.responses.count():,}, answers {Answer.objects.count():,}")
    for name, seconds in timings.items():
        print(f"  {name:<16} {seconds:8.1f} s")
    print("PostgreSQL: " + ", ".join(f"{k} {v}" for k, v in server_settings().items()))

    questions = list(survey.questions.all())
    answer_url = reverse("surveys:answer", args=[survey.pk])
    clients = []
    for user in answering:
        client = Client()
        client.force_login(user)
        clients.append(client)

    def post_answers(i):
        form = {}
        for q in questions:
            key = f"q{q.pk}"
            if q.kind == "matrix":
                form.update({f"{key}_0": "4", f"{key}_1": "5"})
            else:
                form[key] = {"single": "1", "multiple": ["0", "2"], "scale": "3", "text": "Всё хорошо"}[q.kind]
        response = clients[i].post(answer_url, form)
        assert response.status_code == 302, response.status_code
        return None

    results_client = Client()
    results_client.force_login(admin)
    member_client = Client()
    member_client.force_login(notified[0])

    def results_page(i):
        assert results_client.get(reverse("surveys:results", args=[survey.pk])).status_code == 200

    def results_selector(i):
        return results.survey_results(survey).responses

    def my_surveys(i):
        assert member_client.get(reverse("surveys:mine")).status_code == 200

    print(f"\nTimings: {runs} runs each after 5 warm-up runs")
    print_table([
        run_scenario(Scenario("page: answer a survey (POST, one member each)", post_answers), runs),
        run_scenario(Scenario("page: my surveys (member)", my_surveys), runs),
        run_scenario(Scenario("page: results, union-wide (central admin)", results_page), 10, warmup=1),
        run_scenario(Scenario("selector: survey_results", results_selector), 10, warmup=1),
    ])

    print("\nSingle runs:")
    started = time.perf_counter()
    size = len(exports.as_csv(survey))  # the page streams the same lines
    print(f"  CSV export of {survey.responses.count():,} responses: {time.perf_counter() - started:6.1f} s, "
          f"{size / 1e6:.1f} MB")
    started = time.perf_counter()
    size = len(exports.as_xlsx(survey))
    print(f"  XLSX export: {time.perf_counter() - started:6.1f} s, {size / 1e6:.1f} MB")
    tasks.CHUNK = 5000  # one chunk holds every member with a login here
    started = time.perf_counter()
    sent = tasks.notify_survey_members(survey.pk, 0)
    seconds = time.perf_counter() - started
    print(f"  notification task: {sent:,} members with a login in {seconds:.1f} s "
          f"({sent / seconds:,.0f}/s; 600,000 members ≈ {600000 / (sent / seconds) / 60:.0f} min of one worker)")


if __name__ == "__main__":
    main()
