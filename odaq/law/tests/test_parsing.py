"""Parsing of the plain-text export of adilet.zan.kz, the public API and the refusals (no database).

All act texts here are short made-up snippets in the shape of the official ones.
"""

import pytest

from odaq.law.parsing import FORMATS, ParseError, detect_format, parse_text


def filler(lo: int, hi: int, lang: str = "ru", toc: bool = False) -> str:
    """Articles lo..hi with one sentence each (or only their headings, for a table of contents)."""
    out = []
    for n in range(lo, hi + 1):
        out.append(f"Статья {n}. Порядок номер {n}" if lang == "ru" else f"{n}-бап. Тәртіп нөмірі {n}")
        if not toc:
            out.append(f"Текст статьи {n} простой." if lang == "ru" else f"{n}-баптың мәтіні қарапайым.")
    return "\n".join(out)


RU = f"""Примечание РЦПИ!
Вводится в действие с 01.01.2030.
СОДЕРЖАНИЕ
Статья 1. Понятия
Статья 2. Исключена
{filler(3, 20, toc=True)}
Статья 20-1. Советы работников
Статья 21. Отчет совета
ОБЩАЯ ЧАСТЬ
РАЗДЕЛ 1. ОБЩИЕ НОРМЫ
Глава 1. ОСНОВНЫЕ
ПОЛОЖЕНИЯ
Статья 1. Понятия
1. В настоящем учебном Законе применяются понятия:
1) работник – лицо, которое трудится;
2) исключен Законом РК от 01.02.2020
№ 10-VII
(вводится в действие с 01.03.2020);
3) наниматель – лицо, которое нанимает.
2. Понятия применяются в значении, указанном в
статье 5
 настоящего Закона, и в
подпунктах 1)
,
3)
пункта 1 этой статьи.
Сноска. Статья 1 с изменениями, внесенными Законом РК от 01.02.2020
№ 10-VII
(вводится в действие с 01.03.2020).
Статья 2. Исключена Законом РК от 01.02.2020
№ 10-VII
(вводится в действие с 01.03.2020).
{filler(3, 20)}
Глава 2. СОВЕТЫ
Параграф 1. Общие нормы совета
Статья 20-1. Советы работников
Примечание ИЗПИ!
Пункт 1 предусматривается изложить в новой редакции Законом РК от 01.01.2031
№ 99-VIII
(вводится в действие с 01.06.2031).
1. Работники вправе создать совет.
Совет избирается на собрании.
2. Совет:
1) собирается ежемесячно;
2) ведет протокол:
на бумаге;
в электронной форме.
Решения совета обязательны.
Статья 21. Отчет совета
Сноска. Статья 21 исключена Законом РК от 01.02.2020
№ 10-VII
(вводится в действие с 01.03.2020).
Президент
Республики Казахстан
И. ИВАНОВ
"""

KK = """ҚР ЗҚАИ-ның ескертпесі!
Заңның қолданысқа енгізілу тәртібін
4-баптан
 қараңыз.
ЖАЛПЫ БӨЛІК
1-бөлім. ЖАЛПЫ ЕРЕЖЕЛЕР
1-тарау. НЕГІЗГІ ЕРЕЖЕЛЕР
1-параграф. Ұғымдар
1-бап. Негізгі ұғымдар
Осы оқу Заңында мынадай ұғымдар пайдаланылады:
1) жұмыскер – еңбек ететін адам;
2) жұмыс беруші – жұмыс беретін тұлға.
Ескерту. 1-бапқа өзгеріс енгізілді - ҚР 01.02.2020
№ 10-VII
 Заңымен.
2-бап алып тасталды - ҚР 01.02.2020 № 10-VII Заңымен.
2-тарау. КЕҢЕСТЕР
2-1-бап. Жұмыскерлер кеңесі
ЗҚАИ-ның ескертпесі!
1-тармақ жаңа редакцияда жазылады деп көзделген - ҚР 01.01.2031 № 99-VIII Заңымен.
1. Жұмыскерлер кеңес құруға құқылы.
3-бап. Кеңестің есебі
Кеңес жыл сайын есеп береді.
ЗҚАИ-ның ескертпесі!
2-бап алып тасталды деп көзделген - ҚР 01.01.2031 № 99-VIII Заңымен.
4-бап. Заңды қолданысқа енгізу тәртібі
Осы Заң алғашқы ресми жарияланған күнінен кейін он күн өткен соң қолданысқа енгізіледі.
Қазақстан Республикасының
Президенті
"""


def ru_act():
    return parse_text(RU, "adilet-text", act_id="Z0000000001", lang="ru", title="Учебный закон")


def by_number(act):
    return {a.number: a for a in act.articles}


def test_article_numbers_as_text_and_table_of_contents_not_duplicated():
    act = ru_act()
    numbers = [a.number for a in act.articles]
    assert numbers == ["1", "2", *map(str, range(3, 21)), "20-1", "21"]
    assert act.act_id == "Z0000000001" and act.lang == "ru" and act.title == "Учебный закон"
    assert any("table of contents" in w for w in act.warnings)


def test_titles_exclude_the_article_label():
    arts = by_number(ru_act())
    assert arts["1"].title == "Понятия"
    assert arts["20-1"].title == "Советы работников"


def test_headings_are_linked_to_articles_and_to_each_other():
    act = ru_act()
    arts = by_number(act)
    chapter = act.headings[arts["1"].heading]
    assert (chapter.kind, chapter.number, chapter.title) == ("chapter", "1", "Глава 1. ОСНОВНЫЕ ПОЛОЖЕНИЯ")
    section = act.headings[chapter.parent]
    assert (section.kind, section.number) == ("section", "1")
    part = act.headings[section.parent]
    assert (part.kind, part.number, part.title, part.parent) == ("part", "", "ОБЩАЯ ЧАСТЬ", None)
    paragraph = act.headings[arts["20-1"].heading]
    assert (paragraph.kind, paragraph.title) == ("paragraph", "Параграф 1. Общие нормы совета")
    assert act.headings[paragraph.parent].title == "Глава 2. СОВЕТЫ"
    assert [h.kind for h in act.headings] == ["part", "section", "chapter", "chapter", "paragraph"]


def test_points_and_subpoints_are_kept_as_structure():
    first = by_number(ru_act())["1"]
    assert [p.number for p in first.points] == ["1", "2"]
    subs = first.points[0].subpoints
    assert [s.number for s in subs] == ["1", "2", "3"]
    assert subs[1].text == "исключен Законом РК от 01.02.2020 № 10-VII (вводится в действие с 01.03.2020);"
    # broken lines of the export (links) are glued back, "подпунктах 1), 3)" is not a list of subpoints
    assert first.points[1].text == ("Понятия применяются в значении, указанном в статье 5 настоящего Закона, и в "
                                    "подпунктах 1), 3) пункта 1 этой статьи.")
    assert first.points[1].subpoints == []


def test_unnumbered_paragraphs_belong_to_the_preceding_point_or_subpoint():
    council = by_number(ru_act())["20-1"]
    one, two = council.points
    assert one.text == "Работники вправе создать совет.\nСовет избирается на собрании."
    assert two.subpoints[1].text == "ведет протокол:\nна бумаге;\nв электронной форме."
    assert two.text == "Совет:\nРешения совета обязательны."


def test_footnotes_and_notes_never_merged_into_the_body():
    arts = by_number(ru_act())
    first = arts["1"]
    assert first.notes == ["Сноска. Статья 1 с изменениями, внесенными Законом РК от 01.02.2020 № 10-VII "
                           "(вводится в действие с 01.03.2020)."]
    assert "Сноска" not in first.body and "10-VII" in first.body  # the repealed subpoint stays in the text
    assert first.body.splitlines()[0] == "1. В настоящем учебном Законе применяются понятия:"
    council = arts["20-1"]
    assert council.notes == ["Примечание ИЗПИ!\nПункт 1 предусматривается изложить в новой редакции Законом РК от "
                             "01.01.2031 № 99-VIII (вводится в действие с 01.06.2031)."]
    assert "ИЗПИ" not in council.body and council.body.startswith("1. Работники вправе")


def test_repealed_articles():
    arts = by_number(ru_act())
    assert arts["2"].repealed and arts["2"].body == ""
    assert arts["2"].title == "Исключена Законом РК от 01.02.2020 № 10-VII (вводится в действие с 01.03.2020)."
    assert arts["21"].repealed and arts["21"].body == "" and arts["21"].notes[0].startswith("Сноска. Статья 21")
    assert not arts["1"].repealed and not arts["3"].repealed


def test_signature_ends_the_last_article_and_preamble_is_dropped():
    act = ru_act()
    assert all("Президент" not in a.body and "РЦПИ" not in a.body for a in act.articles)
    assert not any("signature" in w for w in act.warnings)


def test_kazakh_adilet_text():
    act = parse_text(KK, "adilet-text", act_id="Z0000000001", lang="kk")
    arts = by_number(act)
    assert list(arts) == ["1", "2", "2-1", "3", "4"]
    assert [(h.kind, h.number) for h in act.headings] == [
        ("part", ""), ("section", "1"), ("chapter", "1"), ("paragraph", "1"), ("chapter", "2")]
    assert act.headings[arts["1"].heading].title == "1-параграф. Ұғымдар"
    assert act.headings[arts["2-1"].heading].title == "2-тарау. КЕҢЕСТЕР"
    first = arts["1"]
    assert first.title == "Негізгі ұғымдар"
    assert [p.number for p in first.points] == ["1", "2"]  # subpoints of an article without points
    assert first.notes == ["Ескерту. 1-бапқа өзгеріс енгізілді - ҚР 01.02.2020 № 10-VII Заңымен."]
    assert "Ескерту" not in first.body
    assert arts["2"].repealed and arts["2"].title.startswith("алып тасталды")
    assert arts["2-1"].notes[0].startswith("ЗҚАИ-ның ескертпесі!\n1-тармақ жаңа редакцияда")
    assert [p.number for p in arts["2-1"].points] == ["1"]
    assert arts["3"].notes == ["ЗҚАИ-ның ескертпесі!\n2-бап алып тасталды деп көзделген - ҚР 01.01.2031 "
                               "№ 99-VIII Заңымен."]  # not a second article 2
    assert arts["4"].body.endswith("қолданысқа енгізіледі.")


def test_detect_format():
    assert detect_format(RU) == "adilet-text"
    assert detect_format("# Закон\n\n## Глава 1. Общие\n\n### Статья 1. Понятия\n\nТекст.\n") == "markdown"
    assert detect_format("<html><body><p><b>Статья 1. Понятия</b></p></body></html>") == "adilet-html"
    with pytest.raises(ParseError):
        detect_format("  \n")
    assert set(FORMATS) == {"adilet-text", "markdown", "adilet-html"}


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_is_refused(text):
    with pytest.raises(ParseError, match="empty"):
        parse_text(text, "adilet-text", act_id="X", lang="ru")


def test_unknown_format_is_refused():
    with pytest.raises(ParseError, match="Unknown format"):
        parse_text(RU, "docx", act_id="X", lang="ru")


def test_text_without_articles_is_refused():
    with pytest.raises(ParseError, match="No articles"):
        parse_text("Глава 1. ОБЩЕЕ\nПросто текст без статей.\n", "adilet-text", act_id="X", lang="ru")


def test_duplicate_article_in_the_body_is_refused():
    text = filler(1, 5) + "\n" + filler(3, 3) + "\nПрезидент Республики Казахстан\n"
    with pytest.raises(ParseError, match="twice: 3"):
        parse_text(text, "adilet-text", act_id="X", lang="ru")


def test_articles_wildly_out_of_order_are_refused():
    text = "\n".join(filler(n, n) for n in (1, 4, 2, 5, 3, 7, 6)) + "\nПрезидент Республики Казахстан\n"
    with pytest.raises(ParseError, match="out of order"):
        parse_text(text, "adilet-text", act_id="X", lang="ru")


def test_one_misplaced_article_is_only_a_warning():
    text = "\n".join(filler(n, n) for n in (1, 2, 4, 3, 5)) + "\nПрезидент Республики Казахстан\n"
    act = parse_text(text, "adilet-text", act_id="X", lang="ru")
    assert any("out of order: 4→3" in w for w in act.warnings)


@pytest.mark.parametrize("numbers", [
    [1, 2, 3, 10, 11, 12],  # a run of six missing articles
    list(range(30, 60)),  # starts at article 30
])
def test_big_gaps_are_refused(numbers):
    text = "\n".join(filler(n, n) for n in numbers) + "\nПрезидент Республики Казахстан\n"
    with pytest.raises(ParseError, match="missing"):
        parse_text(text, "adilet-text", act_id="X", lang="ru")


def test_a_few_missing_articles_are_only_a_warning():
    text = "\n".join(filler(n, n) for n in [1, 2, 4, *range(5, 40)]) + "\nПрезидент Республики Казахстан\n"
    act = parse_text(text, "adilet-text", act_id="X", lang="ru")
    assert "articles missing: 3" in act.warnings


@pytest.mark.parametrize("cut", [
    "Статья 6. Порядок номер 6\nТекст статьи обрывается на полу",  # mid-sentence
    "Статья 6. Порядок номер 6\nСовет:",  # before the list
    "Статья 6. Порядок номер 6",  # at a heading
    "Статья 6. Порядок номер 6\nТекст.\nГлава 3. ПРОЧЕЕ",  # at a chapter heading
    "Статья 6. Порядок номер 6\nКак указано в статье 40 настоящего Закона.",  # refers past its end
])
def test_truncated_texts_are_refused(cut):
    with pytest.raises(ParseError, match="truncated"):
        parse_text(filler(1, 5) + "\n" + cut + "\n", "adilet-text", act_id="X", lang="ru")


def test_a_text_without_signature_that_ends_cleanly_is_accepted_with_a_warning():
    act = parse_text(filler(1, 5), "adilet-text", act_id="X", lang="ru")
    assert len(act.articles) == 5
    assert any("signature" in w for w in act.warnings)


def test_text_after_the_signature_is_ignored():
    text = filler(1, 3) + "\nПрезидент Республики Казахстан\nИ. ИВАНОВ\n" + "Приложение с длинным текстом. " * 3
    act = parse_text(text, "adilet-text", act_id="X", lang="ru")
    assert act.articles[-1].body == "Текст статьи 3 простой."
    assert any("after the signature" in w for w in act.warnings)
