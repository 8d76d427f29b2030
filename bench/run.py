"""Benchmark: build the demo union on PostgreSQL and time the staff member list and member search.

    make bench                                   # 750,000 members in odaq_bench (recreated)
    BENCH_MEMBERS=50000 .venv/bin/python bench/run.py
    BENCH_REUSE=1 .venv/bin/python bench/run.py  # keep an already built database, only measure

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/odaq_bench; the database is
dropped and created again, so its name must contain "bench"), BENCH_MEMBERS (750000), BENCH_RUNS (50),
BENCH_SEED (1), BENCH_REUSE (0). The figures are printed, never asserted.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from timing import Scenario, print_table, run_scenario  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/odaq_bench"


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to drop {name!r}: the benchmark database name must contain 'bench'.")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odaq.config.settings")
    os.environ.setdefault("ODAQ_ENV", "embedded")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def build(members: int, seed: int) -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    timings["migrate"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("demo_data", members=members, seed=seed, batch=5000, verbosity=1)
    timings["demo_data"] = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:  # what autovacuum would soon do on a live server
        cursor.execute("VACUUM ANALYZE")
    timings["vacuum_analyze"] = time.perf_counter() - started
    return timings


def server_settings() -> dict[str, str]:
    from django.db import connection

    names = ["server_version", "shared_buffers", "work_mem", "effective_cache_size", "random_page_cost"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(%s)", [names])
        found = dict(cursor.fetchall())
    return {name: found.get(name, "?") for name in names}


def scenarios(runs: int) -> list[Scenario]:
    from django.core.paginator import Paginator
    from django.test import Client
    from django.urls import reverse

    from odaq.core.models import User
    from odaq.orgs import selectors
    from odaq.orgs.choices import MembershipStatus
    from odaq.orgs.demo.names import KK_SURNAMES
    from odaq.orgs.models import Person
    from odaq.orgs.scopes import forget_roles

    regional = User.objects.get(email="regional.admin@demo.odaq.kz")
    central = User.objects.get(email="central.admin@demo.odaq.kz")
    region = regional.roles.get().organisation
    url = reverse("orgs:member_list")
    sample = list(
        Person.objects.filter(memberships__status=MembershipStatus.ACTIVE)
        .order_by("?")
        .values_list("iin", flat=True)[: runs + 10]
    )
    surname = KK_SURNAMES[0][:5]  # the most common surname of the demo, e.g. "Ахмет"

    def page(user, params):
        client = Client()
        client.force_login(user)

        def call(i):
            p = {k: (v(i) if callable(v) else v) for k, v in params.items()}
            response = client.get(url, p)
            assert response.status_code == 200, response.status_code
            return None

        return call

    def select(user, part="both", **kwargs):
        """selectors.member_list: page 1 and the exact count ("both"), or only one of them (diagnostics)."""

        def call(i):
            forget_roles(user)
            args = {k: (v(i) if callable(v) else v) for k, v in kwargs.items()}
            qs = selectors.member_list(user, **args)
            if part == "page":
                list(qs[:50])
                return None
            if part == "capped":  # what a paginator counting at most 1,000 rows would pay
                return qs.order_by()[:1001].count()
            paged = Paginator(qs, 50).get_page(1)
            list(paged)
            return paged.paginator.count

        return call

    full_iin = lambda i: sample[i % len(sample)]  # noqa: E731
    iin_prefix = lambda i: sample[i % len(sample)][:6]  # noqa: E731
    return [
        Scenario("page: member list, region (regional admin)", page(regional, {"organisation": region.pk})),
        Scenario("page: name search, surname prefix (central admin)", page(central, {"q": surname})),
        Scenario("page: IIN search, 12 digits (central admin)", page(central, {"q": full_iin})),
        Scenario("page: IIN search, 6-digit prefix (central admin)", page(central, {"q": iin_prefix})),
        Scenario("selector: region (regional admin)", select(regional, organisation=region)),
        Scenario("selector: region filter (central admin)", select(central, organisation=region)),
        Scenario(f"selector: name '{surname}' (central admin)", select(central, query=surname)),
        Scenario(f"selector: name '{surname}ова айгүл' (central admin)", select(central, query=f"{surname}ова айгүл")),
        Scenario("selector: IIN 12 digits (central admin)", select(central, query=full_iin)),
        Scenario("selector: IIN 6-digit prefix (central admin)", select(central, query=iin_prefix)),
        Scenario(f"diagnostic: name '{surname}', page 1 only", select(central, "page", query=surname)),
        Scenario(f"diagnostic: name '{surname}', count capped at 1,000", select(central, "capped", query=surname)),
        Scenario("diagnostic: region, page 1 only", select(regional, "page", organisation=region)),
    ]


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    members = int(os.environ.get("BENCH_MEMBERS", "750000"))
    runs = max(50, int(os.environ.get("BENCH_RUNS", "50")))
    seed = int(os.environ.get("BENCH_SEED", "1"))
    reuse = os.environ.get("BENCH_REUSE", "0") not in ("", "0")
    print(f"Odaq benchmark · {urlsplit(url)._replace(netloc=urlsplit(url).hostname or '').geturl()}")
    timings: dict[str, float] = {}
    if not reuse:
        recreate_database(url)
    setup_django(url)
    from odaq.orgs.models import Membership, Organisation, Person

    if not reuse or not Organisation.objects.exists():
        print(f"Building the demo union with {members:,} members …", flush=True)
        timings = build(members, seed)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)  # an older database may lack new migrations
    counts = {"organisations": Organisation.objects.count(), "people": Person.objects.count(),
              "memberships": Membership.objects.count()}
    print()
    print("Data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    for name, seconds in timings.items():
        print(f"  {name:<16} {seconds:8.1f} s")
    print("PostgreSQL: " + ", ".join(f"{k} {v}" for k, v in server_settings().items()))
    print(f"\nTimings: {runs} runs each after 5 warm-up runs (target p95 < 100 ms)")
    results = [run_scenario(s, runs) for s in scenarios(runs)]
    print_table(results)


if __name__ == "__main__":
    main()
