"""Run a callable many times and report percentiles."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

TARGET_MS = 100.0


@dataclass
class Scenario:
    name: str
    call: Callable[[int], int | None]  # gets the run number, may return the number of matching rows


@dataclass
class Result:
    name: str
    rows: int | None
    p50: float
    p95: float
    worst: float


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def run_scenario(scenario: Scenario, runs: int, warmup: int = 5) -> Result:
    rows = None
    for i in range(warmup):
        rows = scenario.call(i)
    times = []
    for i in range(runs):
        started = time.perf_counter()
        result = scenario.call(warmup + i)
        times.append((time.perf_counter() - started) * 1000)
        rows = result if result is not None else rows
    return Result(scenario.name, rows, statistics.median(times), percentile(times, 95), max(times))


def print_table(results: list[Result]) -> None:
    width = max(len(r.name) for r in results)
    print(f"{'scenario':<{width}}  {'rows':>8}  {'p50 ms':>8}  {'p95 ms':>8}  {'max ms':>8}")
    print("-" * (width + 40))
    for r in results:
        rows = f"{r.rows:,}" if r.rows is not None else "–"
        flag = "" if r.p95 < TARGET_MS else "  > target"
        print(f"{r.name:<{width}}  {rows:>8}  {r.p50:8.1f}  {r.p95:8.1f}  {r.worst:8.1f}{flag}")
