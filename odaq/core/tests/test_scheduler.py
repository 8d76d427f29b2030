import pytest
from django.conf import settings

from odaq.core import scheduler


def test_entries_run_when_their_interval_has_passed_and_failures_do_not_stop_others():
    calls = []

    def resolve(path):
        if path == "broken":
            def fail():
                calls.append(path)
                raise RuntimeError("boom")
            return fail
        return lambda: calls.append(path)

    schedule = {"fast": {"task": "a", "schedule": 60.0}, "bad": {"task": "broken", "schedule": 60.0},
                "slow": {"task": "b", "schedule": 3600.0}}
    last: dict[str, float] = {}
    assert scheduler.run_due(schedule, last, 1000.0, resolve) == ["fast", "slow"]
    assert calls == ["a", "broken", "b"]
    assert scheduler.run_due(schedule, last, 1059.0, resolve) == []
    assert scheduler.run_due(schedule, last, 1060.0, resolve) == ["fast"]
    assert calls[-2:] == ["a", "broken"] and calls.count("b") == 1


@pytest.mark.django_db
def test_the_real_schedule_runs_in_process():
    ran = scheduler.run_due(settings.CELERY_BEAT_SCHEDULE, {}, 0.0)
    assert ran == list(settings.CELERY_BEAT_SCHEDULE) and len(ran) >= 3


def test_only_runserver_in_the_embedded_default_starts_it(settings):
    settings.ODAQ_EMBEDDED_SCHEDULER = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert scheduler.should_start(["manage.py", "runserver"], {"RUN_MAIN": "true"})
    assert scheduler.should_start(["manage.py", "runserver", "--noreload"], {})
    assert not scheduler.should_start(["manage.py", "runserver"], {})  # the reloader's watcher process
    assert not scheduler.should_start(["manage.py", "migrate"], {"RUN_MAIN": "true"})
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a real broker: Celery beat does the work
    assert not scheduler.should_start(["manage.py", "runserver"], {"RUN_MAIN": "true"})
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.ODAQ_EMBEDDED_SCHEDULER = False
    assert not scheduler.should_start(["manage.py", "runserver"], {"RUN_MAIN": "true"})
