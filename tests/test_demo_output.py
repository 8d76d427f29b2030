"""`make demo` on a fresh database: each step prints one accurate line, and no log noise from inline tasks."""

import json
import logging
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from odaq.law.tests.test_command import KK_V1, RU_V1

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


def _run(*args, **kwargs) -> list[str]:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out, **kwargs)
    return out.getvalue().splitlines()


@pytest.fixture
def law_data(tmp_path, settings):
    settings.ODAQ_LAW_DATA_DIR = tmp_path
    settings.ODAQ_LAW_INDEX_DIR = tmp_path / "index"
    (tmp_path / "ru.md").write_text(RU_V1, encoding="utf-8")
    (tmp_path / "kk.md").write_text(KK_V1, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps({"acts": [
        {"act": "K0000000001", "lang": "ru", "file": "ru.md", "format": "markdown"},
        {"act": "K0000000001", "lang": "kk", "file": "kk.md", "format": "markdown"},
    ]}), encoding="utf-8")
    return tmp_path


def test_each_demo_step_prints_one_line(law_data, caplog):
    from django.core.cache import cache

    cache.clear()  # the index update is queued once per hour; let this run queue it
    caplog.set_level(logging.DEBUG)
    steps = {
        "demo_data": _run("demo_data", members=60, seed=1, if_empty=True),
        "law_demo_import": _run("law_demo_import"),
        "demo_appeals": _run("demo_appeals", count=40, seed=1, if_empty=True),
        "demo_disputes": _run("demo_disputes", seed=1, if_empty=True),
        "starter_cards": _run("starter_cards", approve_demo=True),
        "demo_voting": _run("demo_voting", seed=1, if_empty=True),
        "demo_surveys": _run("demo_surveys", seed=1, if_empty=True),
    }
    assert {name: len(lines) for name, lines in steps.items()} == dict.fromkeys(steps, 1), steps
    law = steps["law_demo_import"][0]
    # the test law holds none of the starter answers' articles: every card is refused, none shown
    assert "40 refused" in steps["starter_cards"][0] and "0 approved as the demo lawyer" in steps["starter_cards"][0]
    assert "added 0" not in law and re.search(r"1 acts imported \(2 texts, 6 articles\)", law)
    # Inline tasks ran (the law index update, the appeals tick) without a log line each or a kombu warning.
    noisy = [r for r in caplog.records if r.name.startswith(("celery", "kombu")) and r.levelno >= logging.INFO]
    assert not noisy, [r.getMessage() for r in noisy]


def test_a_first_import_does_not_report_zero_additions(law_data):
    lines = _run("law_import", manifest=str(law_data / "manifest.json"))
    assert lines[0].endswith("3 articles (first edition)") and "added 0" not in "\n".join(lines)


def test_makefile_port_and_readme_scheduler():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^PORT \?= 8000$", makefile, re.M) and "runserver 127.0.0.1:$(PORT)" in makefile
    readme = (ROOT / "README.md").read_text()
    assert "run `manage.py appeals_tick`" not in readme
    assert (ROOT / "docs" / "law.md").exists()
    for doc in (ROOT / "docs").glob("*.md"):  # every link between the guides leads somewhere
        for target in re.findall(r"\]\(([a-z_]+\.md)\)", doc.read_text()):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
    assert settings.CELERY_BROKER_URL != "memory://"
