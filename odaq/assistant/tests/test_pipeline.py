"""Each pipeline step on its own, then the whole extractive answer on a tiny Labour Code."""

import pytest

from odaq.assistant import pipeline
from odaq.assistant.pipeline import citations, topics
from odaq.assistant.pipeline.language import answer_language, detect_language
from odaq.assistant.pipeline.masking import luhn_ok, mask

JOURNEY_KK = "Директор демалысты бөліп беруге мәжбүрлеп жатыр, заңды ма?"


@pytest.mark.parametrize("text, lang", [
    (JOURNEY_KK, "kk"),
    ("Демалыс қашан?", "kk"),
    ("жалақы кешікті", "kk"),
    ("Отпуск?", "ru"),
    ("Можно ли делить отпуск на части?", "ru"),
    ("Мен мұғаліммін, директор отпуск бермей жатыр", "kk"),  # Kazakh with a Russian word
    ("Меня зовут Әйгерім, мне не платят зарплату третий месяц", "ru"),  # Russian with a Kazakh name
    ("Здравствуйте! Сколько дней отпуска у учителя?", "ru"),
    ("Сәлеметсіз бе! Мұғалімнің демалысы неше күн?", "kk"),
])
def test_language_of_short_and_mixed_questions(text, lang):
    assert detect_language(text) == lang


def test_undecidable_questions_take_the_interface_language():
    assert detect_language("How many days of leave?") is None
    assert detect_language("12345 ?!") is None
    assert answer_language("How many days of leave?", "ru") == "ru"
    assert answer_language("How many days of leave?", "en") == "kk"
    assert answer_language(JOURNEY_KK, "ru") == "kk"


def test_masking_hides_iin_phones_emails_and_cards():
    text = ("ИИН 880101400123, тел. +7 (701) 123-45-67 или 87011234567, почта a.b@mail.kz, "
            "карта 4111 1111 1111 1111, приказ № 45 от 01.09.2024, договор 1234567890123")
    masked, kinds = mask(text)
    for secret in ("880101400123", "123-45-67", "87011234567", "a.b@mail.kz", "4111 1111 1111 1111"):
        assert secret not in masked
    assert masked.count("[PHONE]") == 2 and "[IIN]" in masked and "[EMAIL]" in masked and "[CARD]" in masked
    assert "№ 45 от 01.09.2024" in masked  # numbers that are not personal data stay
    assert "1234567890123" in masked  # 13 digits failing the Luhn check are not a card
    assert set(kinds) == {"iin", "phone", "email", "card"}
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


def test_citation_forms_in_russian_kazakh_and_links():
    found = citations.parse("По ст. 96 ТК РК и статье 8 Закона РК «О статусе педагога»; см. также статьи 87 и 52. "
                            "Еңбек кодексінің 113-бабы, 2-1-бап. Подробно: /law/K1500000414/64/?lang=ru")
    assert [(c.act, c.number) for c in found] == [
        ("K1500000414", "96"), ("Z1900000293", "8"), ("K1500000414", "87"), ("K1500000414", "52"),
        ("K1500000414", "113"), ("K1500000414", "2-1"), ("K1500000414", "64")]
    assert citations.parse("«Педагог мәртебесі туралы» Заңның 8-бабы")[0].act == "Z1900000293"
    assert citations.parse("Отпуск 24 дня, 2 недели") == []


def test_unverifiable_sentences_are_removed_and_good_ones_linked():
    text = "Отпуск делится по статье 96 ТК РК. Директор прав по статье 999 ТК РК. А статья 52 ТК РК о другом."
    exists = {("K1500000414", "96"), ("K1500000414", "52")}.__contains__
    verdicts, good = citations.verify(text, [("K1500000414", "96")], lambda a, n: exists((a, n)))
    assert good == {("K1500000414", "96")}
    assert {v["number"]: v["reason"] for v in verdicts} == {"96": "", "999": "not_in_knowledge_base",
                                                            "52": "not_retrieved"}
    clean, removed = citations.strip(text, good)
    assert clean == "Отпуск делится по статье 96 ТК РК." and removed == 2
    html = citations.render(clean + " <b>", good, "ru")
    assert '<a class="cite" href="/law/K1500000414/96/?lang=ru">статье 96</a>' in html and "&lt;b&gt;" in html


def test_topics():
    assert topics.detect_topic(JOURNEY_KK) == "leave"
    assert topics.detect_topic("Меня хотят уволить по сокращению") == "dismissal"
    assert topics.detect_topic("Жалақы үш ай төленбей жатыр") == "pay"
    assert topics.detect_topic("Объявили выговор без объяснительной") == "discipline"
    assert topics.detect_topic("Какая погода?") == "other"
    assert topics.appeal_topic("disputes") == "other" and topics.appeal_topic("pay") == "pay"


def test_extractive_answer_in_kazakh_cites_the_article_and_reads_like_help(law):
    result = pipeline.run(JOURNEY_KK, ui_language="ru")
    assert result.language == "kk" and result.composer == "extractive" and result.topic == "leave"
    assert ("K1500000414", "96") in result.good
    assert "Еңбек кодексінің 96-бабы" in result.text
    assert result.text.startswith("Еңбек кодексінің 96-бабының 1-тармағы")  # the rule first, no canned lead
    assert topics.LEADS["kk"]["leave"] not in result.text and topics.WORDING["kk"]["next"] in result.text
    assert result.invented == 0 and result.stripped == 0
    assert all(c["verified"] for c in result.citations)


def test_quoted_law_text_may_name_other_articles(law):
    """Article 87 refers to article 96 in its own words; quoting it is not a citation to strip."""
    result = pipeline.run("Какие виды отпусков бывают у работников?", ui_language="ru")
    assert ("K1500000414", "87") in result.good
    assert result.stripped == 0 and "статьей 96 настоящего Кодекса" in result.text


def test_no_article_found_says_so(db, settings, tmp_path):
    settings.ODAQ_LAW_INDEX_DIR = tmp_path / "empty"
    from odaq.law import search

    search.rebuild()
    result = pipeline.run("Можно ли делить отпуск на части?")
    assert result.sources == [] and result.good == set() and "no_sources" in result.flags
    assert result.text == topics.WORDING["ru"]["nothing"]


def test_sensitive_topics_are_flagged(law):
    assert "sensitive_topic" in pipeline.run("Меня хотят уволить по сокращению штата").flags
    assert "sensitive_topic" not in pipeline.run("Можно ли делить отпуск на части?").flags
