"""`manage.py eval_assistant` on the tiny corpus: the report and its RESULT line."""

import json

import pytest
from django.core.management import CommandError, call_command

from odaq.aigov.models import AIRecord


def test_eval_assistant_prints_the_result_line_last(law, tmp_path, capsys):
    path = tmp_path / "q.jsonl"
    rows = [
        {"id": "1", "lang": "ru", "question": "Можно ли разделить ежегодный отпуск на части?",
         "gold": [["K1500000414", "96"]], "accept": []},
        {"id": "2", "lang": "kk", "question": "Жалақы қашан төленуі керек?", "gold": [["K1500000414", "113"]]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    call_command("eval_assistant", questions=str(path))
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].startswith("RESULT assistant cite_hit_ru=1.000 cite_hit_kk=1.000 invented=0 lang_match=1.000 ")
    assert lines[-1].split()[-1].startswith("p95_ms=")
    assert AIRecord.objects.count() == 0  # evaluation stores nothing


def test_eval_assistant_refuses_what_it_cannot_run(db, tmp_path, settings):
    with pytest.raises(CommandError):
        call_command("eval_assistant", questions=str(tmp_path / "missing.jsonl"))
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "1", "lang": "ru", "question": "Отпуск?", "gold": []}', encoding="utf-8")
    with pytest.raises(CommandError):  # no knowledge base
        call_command("eval_assistant", questions=str(path))
