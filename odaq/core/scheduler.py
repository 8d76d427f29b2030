"""The embedded default has no Celery beat: this runs the same beat schedule in a thread of the web process.

Only ``manage.py runserver`` starts it (in the reloader's serving process), and only when Celery runs tasks
inline (``CELERY_TASK_ALWAYS_EAGER``, the embedded default) and ``ODAQ_EMBEDDED_SCHEDULER`` is on. Every task
in the schedule is idempotent, so a restart that runs one again early does no harm.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable

from django.conf import settings

log = logging.getLogger(__name__)
TICK_SECONDS = 15.0


def _task(path: str) -> Callable[[], object]:
    from django.utils.module_loading import import_string

    return import_string(path)


def run_due(schedule: dict, last_run: dict[str, float], now: float, resolve=_task) -> list[str]:
    """Run every entry whose interval has passed since its last run; return the names that ran.

    A failing task is logged and retried at its next interval; it never stops the others."""
    ran = []
    for name, entry in schedule.items():
        interval = float(entry["schedule"])
        if now - last_run.get(name, float("-inf")) < interval:
            continue
        last_run[name] = now
        try:
            resolve(entry["task"])()
            ran.append(name)
        except Exception:  # noqa: BLE001 - a periodic task must not kill the loop
            log.exception("embedded scheduler: %s failed", name)
    return ran


def _loop() -> None:
    from django.db import close_old_connections

    last_run: dict[str, float] = {}
    time.sleep(TICK_SECONDS)
    while True:
        close_old_connections()
        run_due(settings.CELERY_BEAT_SCHEDULE, last_run, time.monotonic())
        close_old_connections()
        time.sleep(TICK_SECONDS)


def should_start(argv: list[str] | None = None, environ: dict | None = None) -> bool:
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    return (
        settings.ODAQ_EMBEDDED_SCHEDULER
        and settings.CELERY_TASK_ALWAYS_EAGER
        and "runserver" in argv[1:2]
        and (environ.get("RUN_MAIN") == "true" or "--noreload" in argv)
    )


def start() -> bool:
    if not should_start():
        return False
    threading.Thread(target=_loop, name="embedded-beat", daemon=True).start()
    log.info("embedded scheduler started: %s", ", ".join(settings.CELERY_BEAT_SCHEDULE))
    return True
