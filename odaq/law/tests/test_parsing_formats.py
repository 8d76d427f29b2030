"""Parsing of the Markdown copies and of adilet.zan.kz HTML pages, and the search normalisation (no database).

The texts and the page are small made-up snippets in the shape of the real ones.
"""

import pytest

from odaq.law.parsing import ParseError, detect_format, parse_text
from odaq.law.parsing.normalise import normalise_for_search


def md_filler(lo: int, hi: int, lang: str = "ru") -> str:
    out = []
    for n in range(lo, hi + 1):
        head = f"Статья {n}. Порядок номер {n}" if lang == "ru" else f"{n}-бап. Тәртіп нөмірі {n}"
        out.append(f'<a id="st{n}"></a>\n\n### {head}\n\nТекст номер {n}.\n')
    return "\n".join(out)


MD_RU = f"""# Об учебных советах

- [Статья 1. Понятия](#st1)
- [Статья 2. Исключена](#st2)

Настоящий Закон регулирует учебные отношения.

## Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ

<a id="st1"></a>

### Статья 1. Понятия

1. В настоящем Законе используются понятия:

   1) совет – орган работников;

   *2) исключен Законом РК от 01.02.2020 № 10-VII;*

   3) собрание – встреча работников.

*2. Исключен Законом РК от 01.02.2020 № 10-VII.*

3. Понятия применяются единообразно.

> *Сноска. Статья 1 с изменениями, внесенными Законом РК от 01.02.2020 № 10-VII.*

<a id="st2"></a>

**Статья 2. Переходные положения**

*Сноска. Статья 2 исключена Законом РК от 01.02.2020 № 10-VII.*

{md_filler(3, 20)}
## Глава 2. СОВЕТЫ

<a id="st20-1"></a>

#### Статья 20-1. Советы работников

Работники вправе создать совет.

   > *Сноска. Статья 20-1 дополнена Законом РК от 01.02.2020 № 10-VII.*

**Президент Республики Казахстан**

**И. ИВАНОВ**
"""

MD_KK = """# Оқу кеңестері туралы

## 1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР

<a id="st1"></a>

**1-бап. Негізгі ұғымдар**

1. Кеңес жұмыскерлерден тұрады.

*Ескертпе!*

ҚР Конституциялық Соты 1-баптың 2-тармағын тексеруді бастады.

2. Кеңес жиналыста сайланады.

> *Ескерту. 1-бапқа өзгеріс енгізілді - ҚР 01.02.2020 № 10-VII Заңымен.*

<a id="st2"></a>

**2-бап. Кеңестің есебі**

*Ескерту. 2-бап алып тасталды - ҚР 01.02.2020 № 10-VII Заңымен.*

<a id="st3"></a>

**3-бап.** Қолданысқа енгізу

Осы Заң жарияланған күнінен бастап қолданысқа енгізіледі.

**Қазақстан Республикасының Президенті**
"""


def html_filler(lo: int, hi: int) -> str:
    return "\n".join(f'<p><b><a name="z{n}0"></a>Статья {n}. Порядок номер {n}</b></p>'
                     f'<p id="z{n}1">Текст номер {n}.</p>' for n in range(lo, hi + 1))


HTML_RU = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Учебный закон</title>
<script>var s = "Статья 99. Не статья";</script><style>p {{ color: black; }}</style></head>
<body>
<nav><a href="/">Главная</a> Статья 50. Пункт меню</nav>
<div class="container">
<h1>Об учебных советах</h1>
<p>Настоящий Закон регулирует учебные отношения.</p>
<h3 id="z3">Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ</h3>
<p><b><a name="z5"></a>Статья 1. Понятия</b></p>
<p id="z6">1. В&nbsp;настоящем Законе используются понятия:</p>
<p id="z7">1) совет – орган <a href="/rus/docs/Z0000000002">работников</a>;</p>
<p id="z8">2) собрание – встреча работников.</p>
<p id="z9">2. Понятия применяются единообразно. <span class="note">Сноска. Пункт 2 изменен Законом РК от
01.02.2020 № 10-VII.</span></p>
<p id="z10"><span class="note">Сноска. Статья 1 с изменениями, внесенными Законом РК от 01.02.2020 № 10-VII.
</span></p>
<p><b><a name="z11"></a>Статья 2. Исключена Законом РК от 01.02.2020 № 10-VII.</b></p>
{html_filler(3, 20)}
<h3 id="z200">Глава 2. СОВЕТЫ</h3>
<p><b><a name="z201"></a>Статья 20-1. Советы работников</b></p>
<p id="z202"><font color="#FF0000">Примечание ИЗПИ!</font><br>Пункт 1 предусматривается изменить Законом РК от
01.01.2031 № 99-VIII.</p>
<p id="z203">1. Работники вправе создать совет.</p>
<p class="note">Сноска. Статья 20-1 дополнена Законом РК от 01.02.2020 № 10-VII.</p>
<p id="z204">2. Совет отчитывается ежегодно.</p>
<p><span style="color: red">Примечание ИЗПИ!</span></p>
<p>Пункт 2 предусматривается исключить Законом РК от 01.01.2031 № 99-VIII.</p>
<p>Президент Республики Казахстан</p><p>И. ИВАНОВ</p>
</div>
<footer>© Учебный институт. Статья 77. Подвал</footer>
</body></html>
"""

HTML_KK = """<html><body>
<h3 id="z1">1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР</h3>
<p><b><a name="z2"></a>1-бап. Негізгі ұғымдар</b></p>
<p id="z3">Осы Заңда мынадай ұғымдар пайдаланылады:</p>
<p id="z4">1) кеңес – жұмыскерлер органы;</p>
<p id="z5">2) жиналыс – жұмыскерлердің кездесуі.</p>
<p><span class="note">Ескерту. 1-бапқа өзгеріс енгізілді - ҚР 01.02.2020 № 10-VII Заңымен.</span></p>
<p><b><a name="z6"></a>2-бап алып тасталды - ҚР 01.02.2020 № 10-VII Заңымен.</b></p>
<p><b><a name="z7"></a>3-бап. Кеңестің есебі</b></p>
<p><span style="color:red">ҚР ЗҚАИ-ның ескертпесі!<br>3-бап жаңа редакцияда жазылады деп көзделген.</span></p>
<p id="z8">Кеңес жыл сайын есеп береді.</p>
<p>Қазақстан Республикасының Президенті</p>
</body></html>
"""


def by_number(act):
    return {a.number: a for a in act.articles}


def test_markdown_russian():
    act = parse_text(MD_RU, "markdown", act_id="Z0000000002", lang="ru")
    assert act.title == "Об учебных советах"
    arts = by_number(act)
    assert list(arts) == ["1", "2", *map(str, range(3, 21)), "20-1"]
    first = arts["1"]
    assert first.title == "Понятия"
    assert [p.number for p in first.points] == ["1", "2", "3"]
    assert [s.number for s in first.points[0].subpoints] == ["1", "2", "3"]
    assert first.points[0].subpoints[1].text == "исключен Законом РК от 01.02.2020 № 10-VII;"
    assert first.points[1].text == "Исключен Законом РК от 01.02.2020 № 10-VII."
    assert first.notes == ["Сноска. Статья 1 с изменениями, внесенными Законом РК от 01.02.2020 № 10-VII."]
    assert "Сноска" not in first.body and "*" not in first.body
    assert arts["2"].repealed and arts["2"].title == "Переходные положения" and arts["2"].body == ""
    assert not arts["3"].repealed
    assert act.headings[first.heading].title == "Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ"
    council = arts["20-1"]
    assert act.headings[council.heading].title == "Глава 2. СОВЕТЫ"
    assert council.body == "Работники вправе создать совет." and len(council.notes) == 1
    assert detect_format(MD_RU) == "markdown"


def test_markdown_kazakh_with_bold_headings_and_notes():
    act = parse_text(MD_KK, "markdown", act_id="Z0000000002", lang="kk", title="Берілген атау")
    assert act.title == "Берілген атау"
    arts = by_number(act)
    assert list(arts) == ["1", "2", "3"]
    first = arts["1"]
    assert first.title == "Негізгі ұғымдар" and act.headings[first.heading].title == "1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР"
    assert [p.number for p in first.points] == ["1", "2"]
    assert first.notes == [
        "Ескертпе!\nҚР Конституциялық Соты 1-баптың 2-тармағын тексеруді бастады.",
        "Ескерту. 1-бапқа өзгеріс енгізілді - ҚР 01.02.2020 № 10-VII Заңымен.",
    ]
    assert "Ескерт" not in first.body and "Конституциялық" not in first.body
    assert arts["2"].repealed and not arts["3"].repealed and arts["3"].title == "Қолданысқа енгізу"


def test_html_russian_page():
    act = parse_text(HTML_RU, "adilet-html", act_id="Z0000000002", lang="ru")
    assert act.title == "Об учебных советах"
    arts = by_number(act)
    assert list(arts) == ["1", "2", *map(str, range(3, 21)), "20-1"]  # nothing from script, nav or footer
    first = arts["1"]
    assert first.body.splitlines() == [
        "1. В настоящем Законе используются понятия:",  # &nbsp; decoded, whitespace collapsed
        "1) совет – орган работников;",
        "2) собрание – встреча работников.",
        "2. Понятия применяются единообразно.",
    ]
    assert [s.number for s in first.points[0].subpoints] == ["1", "2"]
    assert first.notes == ["Сноска. Пункт 2 изменен Законом РК от 01.02.2020 № 10-VII.",
                           "Сноска. Статья 1 с изменениями, внесенными Законом РК от 01.02.2020 № 10-VII."]
    assert arts["2"].repealed
    assert [(h.kind, h.title) for h in act.headings] == [("chapter", "Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ"),
                                                         ("chapter", "Глава 2. СОВЕТЫ")]
    council = arts["20-1"]
    assert act.headings[council.heading].number == "2"
    assert council.body == "1. Работники вправе создать совет.\n2. Совет отчитывается ежегодно."
    assert council.notes == [
        "Примечание ИЗПИ!\nПункт 1 предусматривается изменить Законом РК от 01.01.2031 № 99-VIII.",
        "Сноска. Статья 20-1 дополнена Законом РК от 01.02.2020 № 10-VII.",
        "Примечание ИЗПИ!\nПункт 2 предусматривается исключить Законом РК от 01.01.2031 № 99-VIII.",
    ]
    assert detect_format(HTML_RU) == "adilet-html"


def test_html_kazakh_page():
    act = parse_text(HTML_KK, "adilet-html", act_id="Z0000000002", lang="kk")
    arts = by_number(act)
    assert list(arts) == ["1", "2", "3"]
    assert [p.number for p in arts["1"].points] == ["1", "2"]
    assert arts["1"].notes == ["Ескерту. 1-бапқа өзгеріс енгізілді - ҚР 01.02.2020 № 10-VII Заңымен."]
    assert arts["2"].repealed
    assert arts["3"].body == "Кеңес жыл сайын есеп береді."
    assert arts["3"].notes == ["ҚР ЗҚАИ-ның ескертпесі!\n3-бап жаңа редакцияда жазылады деп көзделген."]
    assert act.headings[arts["3"].heading].title == "1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР"


def test_markdown_table_of_contents_in_headings_is_not_duplicated():
    toc = "## Мазмұны\n\n" + "\n".join(f"#### {n}-бап. Тәртіп нөмірі {n}" for n in range(1, 4))
    act = parse_text(toc + "\n\n" + md_filler(1, 3, "kk"), "markdown", act_id="X", lang="kk")
    assert [a.number for a in act.articles] == ["1", "2", "3"]
    assert all(a.body for a in act.articles)


def test_markdown_and_html_refusals():
    with pytest.raises(ParseError, match="No articles"):
        parse_text("# Заң\n\nСтатья 1. Обычный абзац, не заголовок.\n", "markdown", act_id="X", lang="ru")
    with pytest.raises(ParseError, match="No articles"):
        parse_text("<html><body><p>Пусто</p></body></html>", "adilet-html", act_id="X", lang="ru")
    with pytest.raises(ParseError, match="truncated"):
        parse_text(md_filler(1, 3) + "\n### Статья 4. Обрыв\n\nРаботники вправе", "markdown", act_id="X", lang="ru")
    with pytest.raises(ParseError, match="twice"):
        parse_text(md_filler(1, 3) + md_filler(2, 2) + "\n**Президент Республики Казахстан**", "markdown",
                   act_id="X", lang="ru")


@pytest.mark.parametrize("text, expected", [
    ("Негiзгi ұғымдар", "негізгі ұғымдар"),  # Latin i inside Kazakh words
    ("мəртебесі", "мәртебесі"),  # Latin schwa
    ("Трудовoй кодекс", "трудовой кодекс"),  # Latin o inside a Russian word
    ("№ 321-VІ", "№ 321-vi"),  # Cyrillic І in a Roman numeral
    ("РАЗДЕЛ ІІ", "раздел ii"),
    ("Ёлка и ёж", "елка и еж"),
    ("Wi-Fi и API", "wi-fi и api"),  # Latin words stay Latin
    ("с 01.01.2026", "с 01.01.2026"),  # a one-letter Cyrillic word is not a numeral
])
def test_normalise_for_search(text, expected):
    assert normalise_for_search(text, "kk") == expected
    assert len(normalise_for_search(text, "ru")) == len(text)
