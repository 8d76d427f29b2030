"""Every ``ODAQ_`` setting the code reads is declared in the settings package from the environment, read as
``settings.ODAQ_…`` (never ``getattr(settings, "ODAQ_…", default)``, which hides a missing declaration behind a
second default), and listed for operators in docs/operators.md."""

import re
from pathlib import Path

import odaq.config.settings as declared

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [p for d in ("odaq", "bench") for p in (ROOT / d).rglob("*.py") if "migrations" not in p.parts]
SETTINGS_DIR = ROOT / "odaq" / "config" / "settings"

READ = re.compile(r"\bsettings\.(ODAQ_\w+)")
GETATTR = re.compile(r"getattr\(\s*settings\s*,\s*[\"'](ODAQ_\w+)")
FROM_ENV = re.compile(r"(?:\benv|\.(?:str|int|bool|float|path|list|json|dict))\(\s*[\"'](ODAQ_\w+)[\"']")


def _found(pattern) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in SOURCES:
        for name in pattern.findall(path.read_text(encoding="utf-8")):
            out.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return out


def test_every_odaq_setting_read_by_the_code_is_declared():
    read = _found(READ) | _found(GETATTR)
    assert read, "the scan found nothing: wrong root?"
    missing = {name: sorted(where) for name, where in read.items() if not hasattr(declared, name)}
    assert not missing


def test_no_odaq_setting_is_read_with_getattr_and_a_second_default():
    assert not _found(GETATTR)


def test_every_odaq_variable_of_the_environment_is_documented_for_operators():
    names = {n for p in SETTINGS_DIR.glob("*.py") for n in FROM_ENV.findall(p.read_text(encoding="utf-8"))}
    assert "ODAQ_EMBEDDINGS_BASE_URL" in names and "ODAQ_APPEAL_ANSWER_DAYS" in names
    doc = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
    assert sorted(n for n in names if f"`{n}`" not in doc) == []
