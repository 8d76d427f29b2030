"""Law pages with the real acts (figures printed, never asserted).

    .venv/bin/python bench/law_pages.py        # odaq_bench_law (recreated), acts from ../shared/data/law/

Imports the acts of ``manifest.json`` (the Labour Code K1500000414 among them), then times through
``django.test.Client`` (middleware, session, template): the home page, the list of acts, the Labour Code
contents in Kazakh and Russian — the first request after an import (contents built, one query) and the
following ones (contents cached per edition) — and one article page.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/odaq_bench_law; must contain
"bench"; a sqlite:/// URL works too), BENCH_LAW_DIR (../shared/data/law), BENCH_RUNS (50).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from run import recreate_database, setup_django  # noqa: E402
from timing import Scenario, print_table, run_scenario  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/odaq_bench_law"
CODE = "K1500000414"


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    law_dir = Path(os.environ.get("BENCH_LAW_DIR", ROOT.parent / "shared" / "data" / "law"))
    runs = max(int(os.environ.get("BENCH_RUNS", "50")), 1)
    if not (law_dir / "manifest.json").exists():
        sys.exit(f"No {law_dir / 'manifest.json'}: set BENCH_LAW_DIR to the folder of the law texts.")
    if url.startswith("postgres"):
        recreate_database(url)
    os.environ.setdefault("ODAQ_LAW_DENSE_IN_BACKGROUND", "1")
    setup_django(url)
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("law_import", manifest=str(law_dir / "manifest.json"), stdout=open(os.devnull, "w"))
    print(f"import of {law_dir.name}/manifest.json: {time.perf_counter() - started:.1f} s")

    client = Client()

    def get(path, lang="kk", cold=False):
        def call(_):
            if cold:
                cache.clear()
            response = client.get(path, HTTP_ACCEPT_LANGUAGE=lang)
            assert response.status_code == 200, (path, response.status_code)
            return None
        return call

    scenarios = [
        Scenario("home page", get("/")),
        Scenario("list of acts", get("/law/")),
        Scenario("Labour Code contents kk, first after import", get(f"/law/{CODE}/?lang=kk", cold=True)),
        Scenario("Labour Code contents kk", get(f"/law/{CODE}/?lang=kk")),
        Scenario("Labour Code contents ru, first after import", get(f"/law/{CODE}/?lang=ru", "ru", cold=True)),
        Scenario("Labour Code contents ru", get(f"/law/{CODE}/?lang=ru", "ru")),
        Scenario("Labour Code article 52 ru", get(f"/law/{CODE}/52/?lang=ru", "ru")),
    ]
    print_table([run_scenario(s, runs) for s in scenarios])


if __name__ == "__main__":
    main()
