"""`manage.py law_import`: files, manifests, refusals that leave the previous edition intact."""

import json

import pytest
from django.core.management import CommandError, call_command

from odaq.law import selectors
from odaq.law.models import Edition

RU_V1 = """# Тестовый кодекс

## Глава 1. Общие положения

### Статья 1. Предмет кодекса

1. Кодекс регулирует трудовые отношения.

> *Сноска. Статья 1 с изменением, внесенным Законом РК от 01.01.2024.*

### Статья 2. Отпуск

1. Работнику предоставляется ежегодный оплачиваемый трудовой отпуск.
2. Отпуск может быть разделен на части по соглашению сторон.

### Статья 2-1. Дистанционная работа

Работник вправе работать дистанционно.
"""

KK_V1 = """# Сынақ кодексі

## 1-тарау. Жалпы ережелер

### 1-бап. Кодекстің мәні

1. Кодекс еңбек қатынастарын реттейді.

### 2-бап. Демалыс

1. Қызметкерге жыл сайынғы ақы төленетін еңбек демалысы беріледі.

### 2-1-бап. Қашықтан жұмыс

Қызметкер қашықтан жұмыс істеуге құқылы.
"""


@pytest.fixture
def law_dir(tmp_path, settings):
    settings.ODAQ_LAW_INDEX_DIR = tmp_path / "index"
    (tmp_path / "ru.md").write_text(RU_V1, encoding="utf-8")
    (tmp_path / "kk.md").write_text(KK_V1, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps({"acts": [
        {"act": "K0000000001", "lang": "ru", "file": "ru.md", "format": "markdown", "as_of": "2026-01-09",
         "title": "Тестовый кодекс"},
        {"act": "K0000000001", "lang": "kk", "file": "kk.md", "format": "markdown", "as_of": "2026-03-02",
         "title": "Сынақ кодексі", "note": "Kazakh copy lags."},
    ]}), encoding="utf-8")
    return tmp_path


def test_manifest_import_reads_every_act(db, law_dir, capsys):
    call_command("law_import", manifest=str(law_dir / "manifest.json"))
    out = capsys.readouterr().out
    assert "[1/2]" in out and "[2/2]" in out
    ru = selectors.article("K0000000001", "2-1", "ru")
    assert ru.title == "Дистанционная работа" and str(ru.edition.as_of) == "2026-01-09"
    assert selectors.other_language_article(ru).title == "Қашықтан жұмыс"
    assert Edition.objects.get(lang="kk").note == "Kazakh copy lags."
    assert selectors.article("K0000000001", "1", "ru").notes  # the footnote went to notes


def test_reimport_of_a_changed_file_records_the_change(db, law_dir, capsys):
    call_command("law_import", str(law_dir / "ru.md"), act="K0000000001", lang="ru")
    (law_dir / "ru.md").write_text(RU_V1.replace("по соглашению сторон", "по письменному соглашению"), "utf-8")
    call_command("law_import", str(law_dir / "ru.md"), act="K0000000001", lang="ru")
    assert "changed 1" in capsys.readouterr().out
    assert selectors.last_change(selectors.article("K0000000001", "2", "ru")).kind == "changed"


@pytest.mark.parametrize("bad", ["", "просто текст без статей\n", "<<<binary\x00>>>"])
def test_bad_files_are_refused_and_the_old_edition_stays(db, law_dir, bad):
    call_command("law_import", str(law_dir / "ru.md"), act="K0000000001", lang="ru")
    before = list(Edition.objects.values_list("pk", "is_current"))
    (law_dir / "bad.md").write_text(bad, encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("law_import", str(law_dir / "bad.md"), act="K0000000001", lang="ru")
    assert list(Edition.objects.values_list("pk", "is_current")) == before
    assert selectors.article("K0000000001", "2-1", "ru")


def test_truncated_file_is_refused(db, law_dir):
    call_command("law_import", str(law_dir / "ru.md"), act="K0000000001", lang="ru")
    half = RU_V1[: RU_V1.index("### Статья 2.")] + "### Статья 9. Обрыв\n\nТекст обрыва" + "\n" * 2
    (law_dir / "half.md").write_text(half * 1, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("law_import", str(law_dir / "half.md"), act="K0000000001", lang="ru", format="markdown")
    assert selectors.current_articles("K0000000001", "ru").count() == 3


def test_unknown_format_and_missing_file_are_clear_errors(db, law_dir):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("law_import", str(law_dir / "nope.md"), act="K0000000001", lang="ru")
    with pytest.raises(CommandError, match="Unknown format"):
        call_command("law_import", str(law_dir / "ru.md"), act="K0000000001", lang="ru", format="pdf")


def test_adilet_fetch_offline_says_how_to_import(db, monkeypatch):
    import urllib.request

    def offline(*args, **kwargs):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(CommandError, match="save the page in a browser"):
        call_command("law_import", "adilet:K1500000414", lang="ru")
