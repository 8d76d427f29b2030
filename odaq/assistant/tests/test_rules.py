"""The rule first (issue 15, item 1) and "not found" outside the knowledge base (item 6)."""

import json
from pathlib import Path

from django.core.management import call_command

from odaq.assistant import pipeline
from odaq.assistant.pipeline import rules, topics
from odaq.assistant.pipeline.compose import ExtractiveComposer, Source

DATA = Path(__file__).parent / "data"
ART54 = Source(
    act="K1500000414", number="54", lang="ru", title="Ограничения расторжения трудового договора",
    passage="", text="1. Не допускается расторжение в период временной нетрудоспособности.\n2. Расторжение …",
    points=[
        {"number": "1", "text": "Не допускается расторжение трудового договора по инициативе работодателя в период "
                               "временной нетрудоспособности и пребывания работника в отпуске.", "subpoints": []},
        {"number": "2", "text": "Расторжение трудового договора по инициативе работодателя не допускается с "
                               "беременными женщинами, предоставившими работодателю справку о беременности, "
                               "женщинами, имеющими детей в возрасте до трех лет.", "subpoints": []},
    ])


def test_the_point_that_fits_the_question_is_quoted_whole_with_its_citation():
    choice = rules.choose("Можно ли уволить беременную учительницу, если она дала справку о беременности?", "ru",
                          [ART54], None)
    assert choice.rules and choice.rules[0].unit.label == "2"
    text = ExtractiveComposer().compose("…", "ru", "dismissal", [ART54], choice).text
    first = text.splitlines()[0]
    assert first.startswith("Пункт 2 статьи 54 Трудового кодекса РК")
    assert "с беременными женщинами, предоставившими работодателю справку о беременности, женщинами, имеющими " \
           "детей в возрасте до трех лет.»" in first  # whole: conditions kept, not cut at a passage window


def test_subpoints_are_quoted_with_the_words_of_their_point():
    units = rules.units("", [{"number": "1", "text": "Работодатель обязан:", "subpoints": [
        {"number": "1", "text": "выплачивать заработную плату в срок;", "subpoints": []},
        {"number": "2", "text": "обеспечить безопасные условия труда;", "subpoints": []}]}])
    assert [(u.label, u.sub) for u in units] == [("1", ""), ("1", "1"), ("1", "2")]
    assert units[2].text == "Работодатель обязан: 2) обеспечить безопасные условия труда;"


def test_the_answer_opens_with_the_rule_in_russian_and_in_kazakh(law):
    ru = pipeline.run("В какой срок работодатель обязан выплачивать заработную плату?", ui_language="ru")
    assert ru.confidence == "sure" and ru.sources[0].key == ("K1500000414", "113")
    assert ru.text.startswith("Пункт 1 статьи 113 Трудового кодекса РК (Сроки выплаты заработной платы): "
                              "«1. Заработная плата выплачивается работнику не реже одного раза в месяц")
    assert "Коротко" not in ru.text and topics.WORDING["ru"]["next"] in ru.text
    kk = pipeline.run("Жалақы қандай мерзімде төленуі тиіс?", ui_language="kk")
    assert kk.sources[0].key == ("K1500000414", "113")
    assert kk.text.startswith("Еңбек кодексінің 113-бабының 1-тармағы (Жалақы төлеу мерзімдері): «1. Жалақы")
    assert kk.good == {("K1500000414", "113")} and kk.invented == 0


def test_questions_outside_the_knowledge_base_are_answered_not_found(law):
    rows = [json.loads(line) for line in (DATA / "out_of_corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["lang"] for r in rows} == {"ru", "kk"}
    not_found = 0
    for row in rows:
        result = pipeline.run(row["question"], ui_language=row["lang"])
        if result.confidence == "none":
            not_found += 1
            assert result.text == topics.WORDING[row["lang"]]["nothing"]
            assert result.sources == [] and result.good == set()  # never an unrelated article
    assert not_found / len(rows) >= 0.8


def test_an_unsure_answer_says_so_quotes_one_rule_and_offers_the_lawyer():
    weak = rules.Choice(rules=[rules.Rule(ART54, rules.units("", ART54.points)[0], 0.2)], confidence="unsure")
    text = ExtractiveComposer().compose("…", "kk", "other", [ART54], weak).text
    assert text.startswith(topics.WORDING["kk"]["unsure"]) and topics.WORDING["kk"]["ask_lawyer"] in text
    assert text.count("«") == 1


def test_eval_assistant_writes_answers_and_reports_top1_and_cited(law, tmp_path, capsys):
    path, out = tmp_path / "q.jsonl", tmp_path / "answers.jsonl"
    rows = [{"id": "a", "lang": "ru", "question": "В какой срок выплачивается заработная плата?",
             "gold": [["K1500000414", "113"]]},
            {"id": "b", "lang": "kk", "question": "Жалақы қандай мерзімде төленеді?",
             "gold": [["K1500000414", "52"]], "accept": []}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    call_command("eval_assistant", questions=str(path), answers_out=str(out))
    result = capsys.readouterr().out.strip().splitlines()[-1]
    assert " top1_ru=1.000 top1_kk=0.000 cited_avg=1.00 " in result and result.split()[-1].startswith("p95_ms=")
    answers = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in answers] == ["a", "b"]
    assert answers[0]["citations"] == [["K1500000414", "113"]] and answers[0]["answer"].startswith("Пункт 1")
