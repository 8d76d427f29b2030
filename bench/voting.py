"""Benchmark of e-voting on PostgreSQL with a union-wide electorate (about 600,000 active members).

    make bench-voting
    BENCH_REUSE=1 .venv/bin/python bench/voting.py      # keep the built union, only run a new vote

Steps, each timed: build the demo union with ``demo_data`` (COPY), open a vote of the central committee
(freezing the electorate in one INSERT … SELECT), start the production server (granian, production settings)
on a free port of 127.0.0.1 against the same database, warm it up, then cast ballots through the real HTTP stack
(``POST /api/v1/votes/<id>/ballots``, one API token per voter) from BENCH_CLIENTS keep-alive connections for
BENCH_HTTP_SECONDS; cast the rest of the electorate directly in bulk (COPY of roll rows and ballots: HTTP for all
600,000 would take half an hour on this machine), then close and count (hash chain + tally + rewrite in
tracking-code order), publish (which writes ballots.json once) and run the standalone verifier on it.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/odaq_bench_voting; dropped and
created again, so its name must contain "bench"), BENCH_MEMBERS (646000 → about 600,000 active),
BENCH_HTTP_VOTERS (voters with tokens, 60000; wrk or the Python client cast as many as they can in
BENCH_HTTP_SECONDS, 30), BENCH_CLIENTS (16), BENCH_WORKERS (4 granian workers), BENCH_REUSE (0), BENCH_SEED (1),
BENCH_HTTP_ONLY (0; 1 stops after the HTTP casts). Figures are printed, never asserted.
"""

from __future__ import annotations

import os
import queue
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import cpu  # noqa: E402
from run import recreate_database, setup_django  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/odaq_bench_voting"
figures: list[tuple[str, str]] = []
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def note(name: str, value: str) -> None:
    figures.append((name, value))
    print(f"  {name}: {value}", flush=True)


def timed(name: str, func, *args, **kwargs):
    started = time.perf_counter()
    result = func(*args, **kwargs)
    note(name, f"{time.perf_counter() - started:.1f} s")
    return result


def build(members: int, seed: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    timed("migrate", call_command, "migrate", verbosity=0, interactive=False)
    timed("demo_data (COPY)", call_command, "demo_data", members=members, seed=seed, batch=5000, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def make_vote():
    import datetime as dt

    from django.utils import timezone

    from odaq.orgs.models import Organisation
    from odaq.voting import services
    from odaq.voting.models import Election, Kind, Option, Question, Status

    central = Organisation.objects.filter(depth=1).first()
    now = timezone.now()
    election = Election.objects.create(organisation=central, title_kk="Бенчмарк", title_ru="Бенчмарк",
                                       quorum="half", status=Status.SCHEDULED,
                                       opens_at=now - dt.timedelta(minutes=1), closes_at=now + dt.timedelta(days=1))
    q1 = Question.objects.create(election=election, position=0, kind=Kind.YES_NO, rule="simple",
                                 text_kk="Иә ме?", text_ru="Да?")
    Option.objects.bulk_create([Option(question=q1, position=i, text_kk=kk, text_ru=ru)
                                for i, (kk, ru) in enumerate(services._yes_no_texts())])
    q2 = Question.objects.create(election=election, position=1, kind=Kind.SEATS, k=3, rule="simple",
                                 text_kk="Кандидаттар", text_ru="Кандидаты")
    Option.objects.bulk_create([Option(question=q2, position=i, text_kk=f"Кандидат {i}", text_ru=f"Кандидат {i}")
                                for i in range(6)])
    election = timed("open: freeze the electorate", services.open_election, election, announce=False)
    note("electorate", f"{election.electorate_count:,} active members")
    return election


def make_http_voters(election, count: int) -> list[str]:
    """Accounts and API tokens for ``count`` random members of the electorate (COPY, not timed as casting)."""
    from django.db import connection
    from django.utils import timezone

    from odaq.voting.models import Eligible

    table = Eligible._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT e.person_id FROM {table} e JOIN orgs_person p ON p.id = e.person_id "
                       "WHERE e.election_id = %s AND p.user_id IS NULL ORDER BY random() LIMIT %s",
                       [election.pk, count])
        people = [row[0] for row in cursor.fetchall()]
        now = timezone.now()
        with cursor.cursor.copy("COPY core_user (password, is_superuser, email, display_name, language, "
                                "is_active, is_staff, date_joined) FROM STDIN") as copy:
            for pid in people:
                copy.write_row(("!", False, f"bench{pid}@bench.odaq.kz", "", "kk", True, False, now))
        cursor.execute("UPDATE orgs_person p SET user_id = u.id FROM core_user u "
                       "WHERE u.email = 'bench' || p.id || '@bench.odaq.kz' AND p.id = ANY(%s)", [people])
        keys = [secrets.token_hex(20) for _ in people]
        cursor.execute("CREATE TEMP TABLE bench_keys (email text, key text)")
        with cursor.cursor.copy("COPY bench_keys (email, key) FROM STDIN") as copy:
            for pid, key in zip(people, keys, strict=True):
                copy.write_row((f"bench{pid}@bench.odaq.kz", key))
        cursor.execute("INSERT INTO authtoken_token (key, user_id, created) SELECT k.key, u.id, now() "
                       "FROM bench_keys k JOIN core_user u ON u.email = k.email")
        cursor.execute("DROP TABLE bench_keys")
    return keys


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    # Production settings, as behind nginx (which sets X-Forwarded-Proto): static files collected rather than
    # looked up per request, Redis for the shared cache and the broker.
    env = {**os.environ, "DATABASE_URL": url, "ODAQ_ENV": "production", "LOG_LEVEL": "WARNING",
           "SECRET_KEY": secrets.token_urlsafe(48), "ODAQ_AUDIT_KEY": secrets.token_urlsafe(48),
           "ALLOWED_HOSTS": "127.0.0.1",
           "DB_CONN_MAX_AGE": "60", "DJANGO_SETTINGS_MODULE": "odaq.config.settings"}
    log = open(ROOT / "var" / "bench_voting_server.log", "w")  # noqa: SIM115
    command = [str(ROOT / ".venv" / "bin" / "granian"), "--interface", "wsgi", "odaq.config.wsgi:application",
               "--workers", str(workers), "--host", "127.0.0.1", "--port", str(port), "--no-ws",
               "--log-level", "warning"]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(120):
        try:
            if httpx.get(base + "/healthz", timeout=2, headers=PROXY_HEADERS).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("the server did not start; see var/bench_voting_server.log")


def cast_over_http(base: str, election, keys: list[str], clients: int, seconds: int) -> None:
    """Warm the workers up (each loads its code, translations and prepared statements on its first requests), then
    cast for ``seconds`` from ``clients`` keep-alive connections. With wrk (C; ``apt-get install wrk``) if present, so
    that the two cores go to the server; else with Python client threads, which cost about 1 ms of CPU a request."""
    questions = list(election.questions.prefetch_related("options"))
    spec = [f"{q.pk}={','.join(str(o.pk) for o in q.options.all())}:{q.max_choices}" for q in questions]
    warm, keys = keys[:1000], keys[1000:]
    if shutil.which("wrk"):
        run_wrk(base, election, warm, spec, clients, 3, warm_up=True)
        before = cpu.snapshot()
        created, refused, elapsed, p50, p95, top = run_wrk(base, election, keys, spec, clients, seconds)
        client = "wrk"
    else:
        cast_with_threads(base, election, warm, clients, 3)
        before = cpu.snapshot()
        created, refused, elapsed, p50, p95, top = cast_with_threads(base, election, keys, clients, seconds)
        client = "Python threads"
    used = cpu.report(before, cpu.snapshot(), per=created)
    note("HTTP casts", f"{created:,} ballots by {clients} concurrent clients ({client}) in {elapsed:.1f} s, "
                       f"{refused} refused")
    note("HTTP ballots/s", f"{created / elapsed:.0f}")
    note("cast latency p50 / p95 / max", f"{p50:.0f} / {p95:.0f} / {top:.0f} ms")
    note("CPU seconds while casting", used)


def run_wrk(base, election, keys, spec, clients, seconds, *, warm_up=False):
    tokens = ROOT / "var" / "bench_voting_tokens.txt"
    tokens.write_text("\n".join(keys) + "\n")
    threads = 2
    run = subprocess.run(["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "-s",
                          str(ROOT / "bench" / "voting_cast.lua"), base, "--", str(tokens),
                          f"/api/v1/votes/{election.pk}/ballots", str(threads), *spec],
                         capture_output=True, text=True, check=True)
    tokens.unlink()
    line = next(x for x in run.stdout.splitlines() if x.startswith("CASTS "))
    got = dict(part.split("=") for part in line.split()[1:])
    if int(got["no_voter"]) and not warm_up:
        note("warning", f"the {len(keys):,} voters ran out ({got['no_voter']} requests had no token left): the rate "
                        "below is a lower bound; raise BENCH_HTTP_VOTERS")
    return (int(got["created"]), int(got["refused"]) - int(got["no_voter"]), float(got["seconds"]),
            float(got["p50_ms"]), float(got["p95_ms"]), float(got["max_ms"]))


def cast_with_threads(base, election, keys, clients, seconds):
    import http.client
    import json
    from urllib.parse import urlsplit

    host, port = urlsplit(base).hostname, urlsplit(base).port
    questions = list(election.questions.prefetch_related("options"))
    options = [([o.pk for o in q.options.all()], q.max_choices) for q in questions]
    work: queue.Queue[str] = queue.Queue()
    for key in keys:
        work.put(key)
    latencies: list[float] = []
    refused = [0]
    lock = threading.Lock()
    path = f"/api/v1/votes/{election.pk}/ballots"

    def client() -> None:
        rng = secrets.SystemRandom()
        conn = http.client.HTTPConnection(host, port, timeout=60)
        while True:
            try:
                if time.perf_counter() > deadline:
                    raise queue.Empty
                key = work.get_nowait()
            except queue.Empty:
                conn.close()
                return
            body = json.dumps({"choices": {str(q.pk): rng.sample(ids, rng.randint(1, k))
                                           for q, (ids, k) in zip(questions, options, strict=True)}})
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers={"Authorization": f"Token {key}",
                                                               "Content-Type": "application/json", **PROXY_HEADERS})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
                status = 0
            took = time.perf_counter() - started
            with lock:
                if status == 201:
                    latencies.append(took)
                else:
                    refused[0] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    deadline = started + seconds
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(x * 1000 for x in latencies) or [0.0]
    return (len(latencies), refused[0], elapsed, statistics.median(latencies), latencies[int(len(latencies) * 0.95)],
            latencies[-1])


def cast_rest_in_bulk(election) -> None:
    """Everyone else in the electorate votes, written directly with COPY (same rows the service writes)."""
    import json
    import uuid

    from django.db import connection, transaction

    from odaq.voting import services, verify
    from odaq.voting.models import Ballot, Eligible, VoterRoll

    questions = list(election.questions.prefetch_related("options"))
    options = [[o.pk for o in q.options.all()] for q in questions]
    rng = secrets.SystemRandom()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT e.person_id, e.weight FROM {Eligible._meta.db_table} e WHERE e.election_id = %s "
                       f"AND NOT EXISTS (SELECT 1 FROM {VoterRoll._meta.db_table} r WHERE r.election_id = "
                       "e.election_id AND r.person_id = e.person_id)", [election.pk])
        rest = cursor.fetchall()
        with cursor.cursor.copy(f"COPY {VoterRoll._meta.db_table} (id, election_id, person_id) FROM STDIN") as copy:
            for person_id, _weight in rest:
                copy.write_row((uuid.uuid4(), election.pk, person_id))
        columns = "id, election_id, tracking_code, choices, weight, digest, prev_hash, hash"
        with cursor.cursor.copy(f"COPY {Ballot._meta.db_table} ({columns}) FROM STDIN") as copy:
            for _person_id, weight in rest:
                yes = rng.choices(options[0], weights=[6, 3, 1])[0]
                choices = {str(questions[0].pk): [yes], str(questions[1].pk): sorted(rng.sample(options[1], 3))}
                code = services.new_tracking_code()
                copy.write_row((uuid.uuid4(), election.pk, code, json.dumps(choices), weight,
                                verify.ballot_digest(code, choices, weight), "", ""))
    note("bulk ballots", f"{len(rest):,}")


def close_and_count(election):
    import datetime as dt

    from django.db import connection
    from django.utils import timezone

    from odaq.voting import services
    from odaq.voting.models import Election

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE voting_ballot")
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    election = timed("close + count (chain, tally, rewrite)", services.close_election,
                     Election.objects.get(pk=election.pk))
    note("ballots counted", f"{election.result['ballots']:,}; quorum reached: {election.result['quorum_reached']}")
    return election


def export_and_verify(election) -> None:
    from django.core.files.storage import default_storage

    from odaq.voting import services

    election = timed("publish (writes ballots.json once)", services.publish_election, _central_admin(), election)
    path = Path(default_storage.path(election.ballot_list.name))
    note("ballots.json", f"{path.stat().st_size / 1e6:.0f} MB, SHA-256 {election.ballot_list_sha256[:16]}…")
    started = time.perf_counter()
    run = subprocess.run([sys.executable, str(ROOT / "odaq" / "voting" / "verify.py"), str(path), "--head",
                          election.chain_head], capture_output=True, text=True)
    note("verifier (standalone verify.py)", f"{time.perf_counter() - started:.1f} s, exit {run.returncode}: "
                                            f"{run.stdout.strip()[:100]}")
    default_storage.delete(election.ballot_list.name)  # 150 MB; a download would write it again


def _central_admin():
    from odaq.core.models import User

    return User.objects.filter(roles__role="central_admin", roles__revoked_at__isnull=True).first()


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    members = int(os.environ.get("BENCH_MEMBERS", "646000"))
    http_voters = int(os.environ.get("BENCH_HTTP_VOTERS", "60000"))
    clients = int(os.environ.get("BENCH_CLIENTS", "16"))
    workers = int(os.environ.get("BENCH_WORKERS", "4"))
    seconds = int(os.environ.get("BENCH_HTTP_SECONDS", "30"))
    reuse = os.environ.get("BENCH_REUSE") == "1"
    (ROOT / "var").mkdir(exist_ok=True)
    if not reuse:
        recreate_database(url)
    setup_django(url)
    print(f"E-voting benchmark on {url.rsplit('/', 1)[-1]} ({os.cpu_count()} CPUs)", flush=True)
    if not reuse:
        build(members, int(os.environ.get("BENCH_SEED", "1")))
    election = make_vote()
    keys = timed("accounts and tokens for HTTP voters", make_http_voters, election, http_voters)
    proc, base = start_server(url, workers)
    try:
        note("server", f"granian, {workers} WSGI workers, {base}")
        cast_over_http(base, election, keys, clients, seconds)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    if os.environ.get("BENCH_HTTP_ONLY") == "1":
        return
    timed("bulk cast of the rest (COPY)", cast_rest_in_bulk, election)
    election = close_and_count(election)
    export_and_verify(election)
    print("\nSummary")
    for name, value in figures:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
