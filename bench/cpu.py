"""Where the CPU time went during a benchmark step, read from /proc (Linux): per group of processes, plus idle
time and time stolen by the virtual machine's host (a busy neighbour shows up there, not in our figures)."""

from __future__ import annotations

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _group(pid: int, name: str, cmdline: str) -> str:
    if pid == os.getpid() or name == "wrk":  # the benchmark's own client threads, or wrk (its child)
        return "client"
    if name.startswith(("postgres", "postmaster")):
        return "PostgreSQL"
    if "granian" in cmdline or "gunicorn" in cmdline:
        return "server"
    return "other"


def snapshot() -> dict[str, float] | None:
    """CPU seconds so far: per group (exited children counted into their parents), idle, stolen, total."""
    if not Path("/proc/stat").exists():
        return None
    seconds: dict[str, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        used = sum(int(x) for x in fields[11:15]) / TICK  # utime, stime, cutime, cstime
        group = _group(int(entry.name), name, cmdline)
        seconds[group] = seconds.get(group, 0.0) + used
    cpu = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    seconds["idle"] = (cpu[3] + cpu[4]) / TICK
    seconds["stolen"] = cpu[7] / TICK if len(cpu) > 7 else 0.0
    seconds["total"] = sum(cpu[:8]) / TICK
    return seconds


def report(before: dict[str, float] | None, after: dict[str, float] | None, per: int = 0) -> str:
    """'server 40.1, PostgreSQL 9.8, …' in CPU seconds, and in ms per item if ``per`` items were done."""
    if not before or not after:
        return "not available (no /proc)"
    order = ["server", "PostgreSQL", "client", "other", "idle", "stolen"]
    parts = []
    for group in order:
        used = after.get(group, 0.0) - before.get(group, 0.0)
        extra = f" ({used / per * 1000:.2f} ms each)" if per and group not in ("idle", "stolen") else ""
        parts.append(f"{group} {used:.1f}{extra}")
    return ", ".join(parts) + f" of {after['total'] - before['total']:.1f} CPU-s"
