"""Every catalogue entry must be translated: users must never meet an empty Kazakh or Russian string."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])


def _catalogue(lang: str) -> polib.POFile:
    path = LOCALE / lang / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"missing catalogue {path}"
    return polib.pofile(str(path))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_empty_or_fuzzy_translations(lang):
    catalogue = _catalogue(lang)
    assert len(catalogue) > 100
    empty = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    assert not empty, f"{lang}: {len(empty)} untranslated, e.g. {empty[:5]}"
    assert not fuzzy, f"{lang}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogues_cover_the_same_messages(lang):
    english = {e.msgid for e in _catalogue("en") if not e.obsolete}
    assert {e.msgid for e in _catalogue(lang) if not e.obsolete} == english


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_placeholders_survive_translation(lang):
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for entry in _catalogue(lang):
        if entry.obsolete or not entry.msgstr:
            continue
        assert sorted(pattern.findall(entry.msgid)) == sorted(pattern.findall(entry.msgstr)), entry.msgid
