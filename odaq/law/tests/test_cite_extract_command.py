import json

import pytest
from django.core.management import CommandError, call_command

from .conftest import make_act


def test_cite_extract_writes_one_line_per_case(imported, tmp_path):
    imported(make_act("ru"))
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in [
        {"id": "a", "lang": "ru", "text": "Уволен по подпункту 2) пункта 1 статьи 52 ТК РК."},
        {"id": "b", "lang": "kk", "text": "ҚР Еңбек кодексінің 20-1-бабы және 99-бабы"},
        {"id": "c", "lang": "ru", "text": "статья 52 ГПК РК"},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    call_command("cite_extract", cases=str(cases), out=str(out))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    assert lines[0]["citations"] == [{"act": "K1500000414", "article": "52", "point": "1", "subpoint": "2",
                                      "start": 10, "end": 41}]
    assert [(c["act"], c["article"]) for c in lines[1]["citations"]] == [("K1500000414", "20-1")]
    assert lines[2]["citations"] == []


def test_cite_extract_needs_the_knowledge_base(db, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "text": "статья 52 ТК РК"}\n', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("cite_extract", cases=str(cases), out=str(tmp_path / "out.jsonl"))
