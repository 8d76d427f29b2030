import datetime as dt

from django.urls import reverse

from odaq.law.models import Edition

from .conftest import make_act


def _both(imported):
    imported(make_act("ru"), raw="ru")
    imported(make_act("kk", articles={"52": ("Жұмыс берушінің бастамасымен бұзу", "1. Мәтін.", False)}),
             raw="kk")
    Edition.objects.filter(lang="ru").update(as_of=dt.date(2026, 1, 9))


def test_act_list_and_contents_are_public(client, imported):
    _both(imported)
    page = client.get(reverse("law:act_list")).content.decode()
    assert "K1500000414" in page and "09.01.2026" in page
    toc = client.get(reverse("law:act_detail", args=["K1500000414"]) + "?lang=ru").content.decode()
    assert "Статья 20-1. Объединения работодателей" in toc and "Глава 1. Общие положения" in toc


def test_article_page_switches_language_and_shows_edition(client, imported):
    _both(imported)
    url = reverse("law:article_detail", args=["K1500000414", "52"])
    ru = client.get(url + "?lang=ru")
    assert ru.status_code == 200 and ru.context["article"].lang == "ru"
    body = ru.content.decode()
    assert "09.01.2026" in body and "?lang=kk" in body and "Сноска. Изменена." in body
    kk = client.get(url)  # Kazakh is the default language of the site
    assert kk.context["article"].lang == "kk" and "?lang=ru" in kk.content.decode()
    only_ru = client.get(reverse("law:article_detail", args=["K1500000414", "20-1"]))
    assert only_ru.context["article"].lang == "ru" and only_ru.context["other"] is None


def test_changed_article_says_so(client, imported):
    imported(make_act(), raw="v1")
    imported(make_act(articles={"52": ("Расторжение", "Новый текст.", False)}), raw="v2")
    page = client.get(reverse("law:article_detail", args=["K1500000414", "52"]) + "?lang=ru")
    assert page.context["change"].kind == "changed"


def test_unknown_article_is_404(client, imported):
    imported(make_act(), raw="v1")
    assert client.get(reverse("law:article_detail", args=["K1500000414", "999"])).status_code == 404
    assert client.get(reverse("law:act_detail", args=["NOPE"])).status_code == 404


def test_article_api_is_public_and_read_only(client, imported):
    _both(imported)
    response = client.get("/api/v1/law/articles/K1500000414/20-1/?lang=ru")
    assert response.status_code == 200
    data = response.json()
    assert data["number"] == "20-1" and data["lang"] == "ru" and data["as_of"] == "2026-01-09"
    assert client.post("/api/v1/law/articles/K1500000414/20-1/", {}).status_code in (403, 405)
    assert client.get("/api/v1/law/articles/K1500000414/999/").status_code == 404


def test_search_api_refuses_bad_input(client, db):
    assert client.get("/api/v1/law/search", {"q": ""}).status_code == 400
    assert client.get("/api/v1/law/search", {"q": "x" * 501}).status_code == 400
    assert client.get("/api/v1/law/search", {"q": "отпуск", "lang": "de"}).status_code == 400


def _many_articles(n: int, title: str = "Статья") -> dict:
    return {str(i): (f"{title} {i}", f"{i}. Текст.", False) for i in range(1, n + 1)}


def test_contents_page_queries_do_not_grow_with_the_act(client, imported, django_assert_max_num_queries):
    imported(make_act(articles=_many_articles(60)), raw="v1")
    url = reverse("law:act_detail", args=["K1500000414"]) + "?lang=ru"
    with django_assert_max_num_queries(6):  # session, act, editions, contents — not one per article
        page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count('href="/law/K1500000414/') >= 60
    with django_assert_max_num_queries(3):  # the contents of an edition are cached
        assert client.get(url).status_code == 200


def test_contents_page_shows_a_reimported_edition_at_once(client, imported):
    imported(make_act(articles=_many_articles(3, "Старое")), raw="v1")
    url = reverse("law:act_detail", args=["K1500000414"]) + "?lang=ru"
    assert "Старое 2" in client.get(url).content.decode()
    imported(make_act(articles=_many_articles(3, "Новое")), raw="v2")
    page = client.get(url).content.decode()
    assert "Новое 2" in page and "Старое 2" not in page
