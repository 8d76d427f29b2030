"""Benchmark of the disputes app on PostgreSQL (figures printed, never asserted).

    .venv/bin/python bench/disputes.py                     # builds odaq_bench_disputes (recreated)
    BENCH_REUSE=1 .venv/bin/python bench/disputes.py       # keep an already built database

A demo union (BENCH_MEMBERS members) gets BENCH_DISPUTES (default 100,000) disputes with three stages each,
bulk-loaded over the past two years across every region; a third of the demo lawyer's region is hers. Then
timed: the lawyer's dispute list page (open, nearest time limit first; and "mine only"), the selector behind
it, a dispute card, and the outcomes report of her region.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/odaq_bench_disputes; must contain
"bench"), BENCH_MEMBERS (20000), BENCH_DISPUTES (100000), BENCH_RUNS (50), BENCH_REUSE (0).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from run import build, recreate_database, server_settings, setup_django  # noqa: E402
from timing import Scenario, print_table, run_scenario  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/odaq_bench_disputes"
KINDS = ["conciliation", "first_instance", "appeal"]
OUTCOMES = ["won", "partly", "lost", "settled", "withdrawn"]


def load_disputes(count: int, rng: random.Random) -> float:
    from django.db import transaction
    from django.utils import timezone

    from odaq.core.models import User
    from odaq.disputes.models import Dispute, Stage
    from odaq.orgs.models import Membership, Organisation

    lawyer = User.objects.get(email="lawyer@demo.odaq.kz")
    lawyer_region = lawyer.roles.get().organisation_id
    regions = {o.path: o.pk for o in Organisation.objects.filter(depth=2)}
    steplen = Organisation.steplen
    rows = list(Membership.objects.values_list("person_id", "organisation_id", "organisation__path",
                                               "organisation__name_ru"))
    now = timezone.now()
    started = time.perf_counter()
    for start in range(0, count, 5000):
        with transaction.atomic():
            batch = []
            for n in range(start, min(count, start + 5000)):
                person, org, path, name = rng.choice(rows)
                region = regions.get(path[: 2 * steplen])
                opened = now - dt.timedelta(days=rng.randint(0, 730), minutes=rng.randint(0, 1440))
                closed = rng.random() < 0.6
                batch.append(Dispute(
                    number=f"B-{n:07d}", person_id=person, organisation_id=org, region_id=region,
                    subject="Восстановление на работе", employer=name, created_at=opened,
                    lawyer=lawyer if region == lawyer_region and rng.random() < 0.33 else None,
                    status="closed" if closed else "open", outcome=rng.choice(OUTCOMES) if closed else "",
                    awarded=rng.randrange(0, 2_000_000, 1000), recovered=rng.randrange(0, 1_000_000, 1000),
                    reinstated=rng.random() < 0.1, confidential=rng.random() < 0.05,
                    next_deadline=None if closed else (opened + dt.timedelta(days=rng.randint(10, 400))).date()))
            Dispute.objects.bulk_create(batch)
            Stage.objects.bulk_create([
                Stage(dispute=d, kind=kind, sequence=i + 1, outcome=rng.choice(OUTCOMES) if i < 2 else "",
                      filed_on=d.created_at.date())
                for d in batch for i, kind in enumerate(KINDS)], batch_size=5000)
    return time.perf_counter() - started


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    members = int(os.environ.get("BENCH_MEMBERS", "20000"))
    n_disputes = int(os.environ.get("BENCH_DISPUTES", "100000"))
    runs = max(50, int(os.environ.get("BENCH_RUNS", "50")))
    reuse = os.environ.get("BENCH_REUSE", "0") not in ("", "0")
    print(f"Odaq disputes benchmark · {urlsplit(url)._replace(netloc=urlsplit(url).hostname or '').geturl()}")
    if not reuse:
        recreate_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from odaq.core.models import User
    from odaq.disputes import selectors
    from odaq.disputes.models import Dispute, Stage
    from odaq.orgs.models import Organisation

    timings: dict[str, float] = {}
    if not reuse or not Organisation.objects.exists():
        print(f"Building the demo union with {members:,} members …", flush=True)
        timings.update(build(members, 1))
    else:
        call_command("migrate", verbosity=0, interactive=False)
    if not Dispute.objects.exists():
        print(f"Loading {n_disputes:,} disputes …", flush=True)
        timings["load disputes"] = load_disputes(n_disputes, random.Random(1))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE disputes_dispute, disputes_stage")
    lawyer = User.objects.get(email="lawyer@demo.odaq.kz")
    print(f"Data: disputes {Dispute.objects.count():,}, stages {Stage.objects.count():,}, "
          f"in the lawyer's scope {selectors.staff_disputes(lawyer).count():,}, "
          f"hers {Dispute.objects.filter(lawyer=lawyer).count():,}")
    for name, seconds in timings.items():
        print(f"  {name:<16} {seconds:8.1f} s")
    print("PostgreSQL: " + ", ".join(f"{k} {v}" for k, v in server_settings().items()))

    client = Client()
    client.force_login(lawyer)
    list_url = reverse("disputes:list")
    card = selectors.staff_disputes(lawyer).order_by("-pk").first()

    def page(params):
        def call(i):
            response = client.get(list_url, params)
            assert response.status_code == 200, response.status_code
        return call

    def selector(i):
        return len(list(selectors.dispute_list(lawyer, status="open")[:50]))

    def card_page(i):
        assert client.get(reverse("disputes:detail", args=[card.pk])).status_code == 200

    def report(i):
        return len(selectors.outcomes_summary(lawyer, by="employer"))

    print(f"\nTimings: {runs} runs each after 5 warm-up runs")
    print_table([
        run_scenario(Scenario("page: lawyer's dispute list (open, nearest limit first)", page({})), runs),
        run_scenario(Scenario("page: lawyer's dispute list, mine only", page({"mine": "1"})), runs),
        run_scenario(Scenario("page: lawyer's dispute list, search", page({"q": "школа", "status": "all"})), runs),
        run_scenario(Scenario("selector: dispute_list, first 50", selector), runs),
        run_scenario(Scenario("page: dispute card", card_page), runs),
        run_scenario(Scenario("selector: outcomes by employer (region)", report), 10, warmup=1),
    ])


if __name__ == "__main__":
    main()
