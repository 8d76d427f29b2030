"""Reads of the knowledge base (public: acts are public law)."""

from django.db.models import QuerySet
from django.http import Http404

from .models import Act, Article, ArticleChange, Citation, Edition
from .retrieval.corpus import passages_from_articles


def current_articles(act: str | None = None, lang: str | None = None) -> QuerySet[Article]:
    qs = Article.objects.filter(edition__is_current=True).select_related("act", "edition")
    if act:
        qs = qs.filter(act__adilet_id=act)
    if lang:
        qs = qs.filter(lang=lang)
    return qs


def acts_with_editions() -> list[Act]:
    acts = list(Act.objects.order_by("kind", "adilet_id"))
    editions = Edition.objects.filter(is_current=True).order_by("lang")
    by_act: dict[int, list[Edition]] = {}
    for edition in editions:
        by_act.setdefault(edition.act_id, []).append(edition)
    for act in acts:
        act.current_editions = by_act.get(act.pk, [])
    return [a for a in acts if a.current_editions]


def pick_edition(act: Act, lang: str) -> Edition:
    """The current edition in ``lang``, else the other language's."""
    editions = {e.lang: e for e in Edition.objects.filter(act=act, is_current=True)}
    edition = editions.get(lang) or editions.get("ru" if lang != "ru" else "kk")
    if edition is None:
        raise Http404
    return edition


def article(act_id: str, number: str, lang: str) -> Article:
    """The current article in ``lang`` (falling back to the other language)."""
    qs = current_articles(act_id).filter(number=number).select_related("heading")
    found = {a.lang: a for a in qs}
    result = found.get(lang) or found.get("ru" if lang != "ru" else "kk")
    if result is None:
        raise Http404
    return result


def other_language_article(art: Article) -> Article | None:
    other = "ru" if art.lang == "kk" else "kk"
    return current_articles(art.act.adilet_id, other).filter(number=art.number).first()


def last_change(art: Article) -> ArticleChange | None:
    return ArticleChange.objects.filter(act=art.act, number=art.number, lang=art.lang,
                                        edition=art.edition).first()


def article_exists(act_id: str, number: str) -> bool:
    return current_articles(act_id).filter(number=number, repealed=False).exists()


def stale_citations(since=None) -> QuerySet[Citation]:
    """Citations whose article changed (or vanished) after they were made."""
    current = {(a, n, lang): h for a, n, lang, h in
               current_articles().values_list("act__adilet_id", "number", "lang", "text_hash")}
    stale_ids = [c.pk for c in Citation.objects.select_related("act")
                 if current.get((c.act.adilet_id, c.number, c.lang)) != c.text_hash]
    return Citation.objects.filter(pk__in=stale_ids)


def corpus_passages():
    """Passages of every current, non-repealed article, for the search index."""
    rows = (current_articles().filter(repealed=False).order_by("act__adilet_id", "lang", "position")
            .values_list("act__adilet_id", "lang", "number", "title", "body", "points"))
    return passages_from_articles(rows.iterator())


def index_version() -> tuple:
    """Changes whenever a new edition becomes current: the search index is rebuilt then."""
    return tuple(Edition.objects.filter(is_current=True).order_by("pk").values_list("pk", flat=True))
