"""Benchmark of the appeals app on PostgreSQL: one million appeals, the lawyer's queue and filing.

    make bench-appeals                                  # odaq_bench_appeals, recreated
    BENCH_APPEALS=200000 .venv/bin/python bench/appeals.py
    BENCH_REUSE=1 .venv/bin/python bench/appeals.py     # keep a built database, only measure

Environment: BENCH_APPEALS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/odaq_bench_appeals; dropped and
created again, so its name must contain "bench"), BENCH_APPEALS (1000000), BENCH_MEMBERS (100000, the demo union
the appeals are filed in), BENCH_RUNS (50), BENCH_SEED (1), BENCH_REUSE (0). Figures are printed, never asserted.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import timing  # noqa: E402
from run import recreate_database, server_settings, setup_django  # noqa: E402
from timing import Scenario, print_table, run_scenario  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/odaq_bench_appeals"
TARGETS = {"queue": 150.0, "filing": 200.0}


def build(appeals: int, members: int, seed: int) -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection

    timings = {}
    for name, call in [
        ("migrate", lambda: call_command("migrate", verbosity=0, interactive=False)),
        ("demo_data", lambda: call_command("demo_data", members=members, seed=seed, batch=5000, verbosity=0)),
        ("demo_appeals", lambda: call_command("demo_appeals", count=appeals, seed=seed, batch=10000, no_tick=True,
                                              verbosity=1)),
    ]:
        started = time.perf_counter()
        call()
        timings[name] = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["vacuum_analyze"] = time.perf_counter() - started
    return timings


def scenarios() -> list[Scenario]:
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from odaq.appeals import selectors, services
    from odaq.appeals.models import Topic
    from odaq.appeals.services import Filing
    from odaq.core.models import User
    from odaq.orgs.scopes import forget_roles
    from odaq.orgs.selectors import my_person

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # keep the console quiet
    lawyer = User.objects.get(email="lawyer@demo.odaq.kz")
    central = User.objects.get(email="central.admin@demo.odaq.kz")
    member = User.objects.get(email="member@demo.odaq.kz")
    region = lawyer.roles.get().organisation
    queue_url, new_url = reverse("appeals:queue"), reverse("appeals:new")
    person = my_person(member)
    pay = Topic.objects.get(code="pay")

    def page(user, params):
        client = Client()
        client.force_login(user)

        def call(_i):
            response = client.get(queue_url, params)
            assert response.status_code == 200, response.status_code
            return None

        return call

    def select(user, **filters):
        def call(_i):
            forget_roles(user)
            qs = selectors.queue(user, **filters)
            list(qs[:50])
            return qs.order_by()[:2001].count()

        return call

    def file_page(_i):
        client = file_page.client
        response = client.post(new_url, {
            "topic": "pay", "subject": "Недоплата", "description": "Зарплата за сентябрь выплачена не полностью.",
            "answer_language": "ru", "answer_channel": "cabinet", "idempotency_key": uuid.uuid4().hex})
        assert response.status_code == 302, response.status_code

    file_page.client = Client()
    file_page.client.force_login(member)

    def file_service(_i):
        services.file_appeal(member, person, Filing(topic=pay, subject="Недоплата", description="Зарплата"),
                             idempotency_key=uuid.uuid4().hex)

    return [
        Scenario("queue page: region + overdue (lawyer)", page(lawyer, {"organisation": region.pk, "overdue": "on"})),
        Scenario("queue page: region, waiting for an answer (lawyer)", page(lawyer, {"organisation": region.pk,
                                                                                      "status": "open"})),
        Scenario("queue page: region, all, newest first (lawyer)", page(lawyer, {"organisation": region.pk})),
        Scenario("queue page: search 'сентябр' in the region (lawyer)", page(lawyer, {"organisation": region.pk,
                                                                                       "q": "сентябр"})),
        Scenario("queue page: overdue, whole union (central admin)", page(central, {"overdue": "on"})),
        Scenario("queue page: all, newest first, whole union (central admin)", page(central, {})),
        Scenario("filing page: POST /appeals/new/ (member)", file_page),
        Scenario("selector: region + overdue (lawyer)", select(lawyer, organisation=region, overdue=True)),
        Scenario("service: file_appeal (member)", file_service),
    ]


def main() -> None:
    url = os.environ.get("BENCH_APPEALS_DATABASE_URL", DEFAULT_URL)
    appeals = int(os.environ.get("BENCH_APPEALS", "1000000"))
    members = int(os.environ.get("BENCH_MEMBERS", "100000"))
    runs = max(50, int(os.environ.get("BENCH_RUNS", "50")))
    seed = int(os.environ.get("BENCH_SEED", "1"))
    reuse = os.environ.get("BENCH_REUSE", "0") not in ("", "0")
    print(f"Odaq appeals benchmark · {urlsplit(url)._replace(netloc=urlsplit(url).hostname or '').geturl()}")
    if not reuse:
        recreate_database(url)
    setup_django(url)
    from django.core.management import call_command

    from odaq.appeals.models import Appeal, AppealEvent
    from odaq.orgs.models import Organisation

    timings: dict[str, float] = {}
    if not reuse or not Organisation.objects.exists():
        print(f"Building a union of {members:,} members and {appeals:,} appeals …", flush=True)
        timings = build(appeals, members, seed)
    else:
        call_command("migrate", verbosity=0, interactive=False)
    print(f"\nData: appeals {Appeal.objects.count():,}, events {AppealEvent.objects.count():,}")
    for name, seconds in timings.items():
        print(f"  {name:<16} {seconds:8.1f} s")
    print("PostgreSQL: " + ", ".join(f"{k} {v}" for k, v in server_settings().items()))
    print(f"\nTimings: {runs} runs each after 5 warm-up runs (targets: queue p95 < {TARGETS['queue']:.0f} ms, "
          f"filing p95 < {TARGETS['filing']:.0f} ms)")
    timing.TARGET_MS = TARGETS["queue"]
    results = [run_scenario(s, runs) for s in scenarios()]
    print_table(results)


if __name__ == "__main__":
    main()
