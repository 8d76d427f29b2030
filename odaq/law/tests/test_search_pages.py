"""Search through the page and the API on a tiny corpus imported by the real command."""

import pytest
from django.core.management import call_command

from odaq.law import search

from .test_command import law_dir  # noqa: F401  (fixture)


@pytest.fixture
def corpus(db, law_dir):  # noqa: F811
    call_command("law_import", manifest=str(law_dir / "manifest.json"))
    search.rebuild()
    return law_dir


def test_search_finds_the_article_in_the_askers_language(corpus):
    ru = search.search_articles("можно ли разделить отпуск на части", lang="ru")
    assert (ru[0].act, ru[0].number, ru[0].lang) == ("K0000000001", "2", "ru")
    kk = search.search_articles("жыл сайынғы демалыс", lang="kk")
    assert (kk[0].number, kk[0].lang) == ("2", "kk")
    assert kk[0].title.startswith("2-бап.")


def test_search_page_and_api(client, corpus):
    page = client.get("/law/search/", {"q": "дистанционная работа", "lang": "ru"})
    assert page.status_code == 200
    assert page.context["hits"][0].number == "2-1"
    assert "<mark>" in page.content.decode()
    api = client.get("/api/v1/law/search", {"q": "қашықтан жұмыс", "lang": "kk"}).json()
    assert api[0]["number"] == "2-1" and api[0]["url"] == "/law/K0000000001/2-1/?lang=kk"


def test_html_in_a_query_is_harmless(client, corpus):
    page = client.get("/law/search/", {"q": "<script>alert(1)</script> отпуск"})
    assert page.status_code == 200 and "<script>alert(1)</script>" not in page.content.decode()


def test_index_follows_new_editions(corpus):
    before = search.get_index()
    call_command("law_import", str(corpus / "ru.md"), act="K0000000002", lang="ru")
    assert search.get_index() is not before
    assert any(h.act == "K0000000002" for h in search.search_articles("дистанционная работа", lang="ru"))


def test_background_build_serves_lexical_at_once_then_hybrid(db, law_dir):  # noqa: F811
    import threading

    call_command("law_import", manifest=str(law_dir / "manifest.json"))
    search.rebuild(background=True)
    assert search.get_index().vectors is None  # lexical only while vectors are computed
    assert search.search_articles("дистанционная работа", lang="ru")[0].number == "2-1"
    for thread in threading.enumerate():
        if thread.name == "law-dense-index":
            thread.join(120)
    assert search.get_index().vectors is not None


def _lexical_only():
    """The index as it is while the dense vectors are still being computed (words alone decide)."""
    lexical = search.get_index().with_params()
    lexical.vectors = None
    search._state["index"] = lexical


def test_a_russian_query_in_the_kazakh_interface_finds_the_article_and_shows_it_in_kazakh(client, corpus):
    _lexical_only()
    page = client.get("/law/search/", {"q": "ежегодный оплачиваемый отпуск"}, HTTP_ACCEPT_LANGUAGE="kk")
    hit = page.context["hits"][0]
    assert (hit.number, hit.lang) == ("2", "kk") and hit.title.startswith("2-бап.")
    assert hit.url == "/law/K0000000001/2/?lang=kk"
    html = page.content.decode()
    assert 'type="radio" name="lang" value="kk"' in html and 'value="ru"' in html  # the choice is visible
    assert page.context["form"]["lang"].value() == "kk"


def test_a_kazakh_query_with_russian_results(client, corpus):
    _lexical_only()
    page = client.get("/law/search/", {"q": "жыл сайынғы демалыс", "lang": "ru"})
    hit = page.context["hits"][0]
    assert (hit.number, hit.lang) == ("2", "ru") and hit.title.startswith("Статья 2.")


def test_article_page_links_to_the_official_text_and_its_neighbours(client, corpus):
    html = client.get("/law/K0000000001/2/", {"lang": "kk"}).content.decode()
    assert "https://adilet.zan.kz/kaz/docs/K0000000001" in html
    assert 'rel="prev" href="/law/K0000000001/1/?lang=kk"' in html
    assert 'rel="next" href="/law/K0000000001/2-1/?lang=kk"' in html
    first = client.get("/law/K0000000001/1/", {"lang": "ru"}).content.decode()
    assert "https://adilet.zan.kz/rus/docs/K0000000001" in first and 'rel="prev"' not in first
