"""The English note of the Kazakh Labour Code copy reaches readers translated, and lagging articles say so."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from odaq.law import notes
from odaq.law.models import Edition

from .conftest import make_act

NOTE = ("Articles 1-146-1 as of 2026-03-02; articles 147-204 as of 2024-07-08 (later amendments to articles 151, 159, "
        "186-188, 190 are missing in this copy). Article 139-1 enters into force on 01.01.2027.")
ARTICLES = {n: (f"Бап {n}", "1. Мәтін.", False) for n in ("52", "139-1", "146-1", "147", "151", "187", "160")}


@pytest.fixture
def kk_code(imported):
    imported(make_act("kk", articles=ARTICLES), raw="kk")
    Edition.objects.filter(lang="kk").update(note=NOTE, as_of=dt.date(2026, 3, 2))


def test_the_note_is_read_as_facts():
    note = notes.parse(NOTE)
    assert [(str(p.articles), p.as_of) for p in note.lagging] == [("147–204", dt.date(2024, 7, 8))]
    assert note.missing_text == "151, 159, 186–188, 190"
    assert note.for_article("146-1") == {"lag": None, "missing": False, "in_force": None}
    assert note.for_article("160")["lag"] and not note.for_article("160")["missing"]
    assert note.for_article("187")["missing"] and note.for_article("139-1")["in_force"] == dt.date(2027, 1, 1)
    assert notes.parse("Unofficial copy.").raw == "Unofficial copy."


@pytest.mark.parametrize("lang, lagging, missing_here, lag_here", [
    ("kk", "Бұл мәтіннің 147–204 баптары 08.07.2024 жағдай бойынша берілген", "Бұл мәтінде осы бапқа",
     "Бұл бап мәтіннің қалған бөлігінен ертерек, 08.07.2024"),
    ("ru", "Статьи 147–204 этого текста приведены по состоянию на 08.07.2024", "В этом тексте нет более поздних",
     "Эта статья приведена по состоянию на 08.07.2024"),
    ("en", "Articles 147–204 of this text are as of 08.07.2024", "Later amendments to this article are missing",
     "This article is given as of 08.07.2024"),
])
def test_pages_say_which_articles_lag_in_the_readers_language(client, kk_code, lang, lagging, missing_here,
                                                              lag_here):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    contents = client.get(reverse("law:act_detail", args=["K1500000414"]) + "?lang=kk").content.decode()
    assert lagging in contents and "151, 159, 186–188, 190" in contents
    assert "as of 2024-07-08" not in contents  # the English note itself is not shown

    def article(number):
        return client.get(reverse("law:article_detail", args=["K1500000414", number]) + "?lang=kk").content.decode()

    assert missing_here in article("151")
    assert missing_here not in article("160") and lag_here in article("160")
    assert missing_here not in article("52") and lag_here not in article("52")
    assert "01.01.2027" in article("139-1")
