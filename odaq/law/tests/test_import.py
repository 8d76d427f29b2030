from odaq.core.audit_models import AuditRecord
from odaq.law import selectors
from odaq.law.models import Article, ArticleChange, Citation, Edition

from .conftest import make_act


def test_import_stores_articles_with_structure(imported):
    result = imported(make_act())
    assert result.edition.article_count == 4
    art = selectors.article("K1500000414", "20-1", "ru")
    assert art.title.startswith("Объединения") and art.heading.title.startswith("Глава 1")
    assert art.notes == ["Сноска. Изменена."] and "Сноска" not in art.body
    assert selectors.article("K1500000414", "53", "ru").repealed
    assert AuditRecord.objects.filter(action="law.imported").count() == 1


def test_same_text_again_creates_nothing(imported):
    first = imported(make_act(), raw="same")
    again = imported(make_act(), raw="same")
    assert again.unchanged and again.edition == first.edition
    assert Edition.objects.count() == 1


def test_reimport_creates_a_new_edition_and_records_changes(imported):
    imported(make_act(), raw="v1")
    changed = make_act(articles={
        "1": ("Основные понятия", "1. Понятия кодекса.", False),
        "52": ("Расторжение по инициативе работодателя", "1. Новая редакция.", False),
        "53": ("Исключена", "", True),
        "54": ("Новая статья", "Текст.", False),
    })
    result = imported(changed, raw="v2")
    assert (sorted(result.added), sorted(result.removed), sorted(result.changed)) == (["54"], ["20-1"], ["52"])
    assert Edition.objects.filter(is_current=True).count() == 1 and Edition.objects.count() == 2
    assert selectors.current_articles("K1500000414", "ru").count() == 4
    art = selectors.article("K1500000414", "52", "ru")
    assert selectors.last_change(art).kind == "changed"
    assert selectors.last_change(selectors.article("K1500000414", "1", "ru")) is None
    assert set(ArticleChange.objects.values_list("number", "kind")) == {("54", "added"), ("20-1", "removed"),
                                                                        ("52", "changed")}


def test_citations_of_changed_articles_are_found(imported, people):
    imported(make_act(), raw="v1")
    art = selectors.article("K1500000414", "52", "ru")
    kept = selectors.article("K1500000414", "1", "ru")
    for a in (art, kept):
        Citation.objects.create(act=a.act, number=a.number, lang=a.lang, text_hash=a.text_hash, cited_by=people.lawyer)
    assert not selectors.stale_citations().exists()
    imported(make_act(articles={
        "1": ("Основные понятия", "1. Понятия кодекса.", False),
        "52": ("Расторжение по инициативе работодателя", "1. Новая редакция.", False),
    }), raw="v2")
    assert [c.number for c in selectors.stale_citations()] == ["52"]


def test_same_article_is_linked_across_languages(imported):
    imported(make_act("ru"), raw="ru")
    imported(make_act("kk", articles={"52": ("Жұмыс берушінің бастамасы", "1. Мәтін.", False)}), raw="kk")
    ru = selectors.article("K1500000414", "52", "ru")
    assert selectors.other_language_article(ru).lang == "kk"
    assert selectors.other_language_article(selectors.article("K1500000414", "1", "ru")) is None
    assert Article.objects.filter(number="52").count() == 2
