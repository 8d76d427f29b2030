"""Reads of the knowledge base (public: acts are public law)."""

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

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


CONTENTS_CACHE_SECONDS = 24 * 3600


def edition_contents(act: Act, edition: Edition) -> list[dict]:
    """The table of contents of one edition: headings and article lines with their links.

    An edition never changes after import (a re-import makes a new edition), so the list is cached
    under the edition's id and import time: one query the first time, none after, and a new edition
    (a re-import) gets a new key.
    """
    key = f"law:contents:{edition.pk}:{edition.imported_at.timestamp()}"
    rows = cache.get(key)
    if rows is None:
        rows = []
        heading_id = None
        articles = (Article.objects.filter(edition=edition).select_related("heading").order_by("position")
                    .only("number", "title", "lang", "repealed", "position", "heading__title", "heading__id"))
        for art in articles:
            if art.heading_id != heading_id:
                heading_id = art.heading_id
                if art.heading is not None:
                    rows.append({"heading": art.heading.title})
            rows.append({"line": art.heading_line, "repealed": art.repealed,
                         "url": reverse("law:article_detail", args=[act.adilet_id, art.number])
                         + f"?lang={edition.lang}"})
        cache.set(key, rows, CONTENTS_CACHE_SECONDS)
    return rows


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


def neighbours(art: Article) -> tuple[Article | None, Article | None]:
    """The previous and the next article of the same edition (by position in the act)."""
    same = Article.objects.filter(edition=art.edition).only("number", "title", "lang", "position")
    prev = same.filter(position__lt=art.position).order_by("-position").first()
    nxt = same.filter(position__gt=art.position).order_by("position").first()
    return prev, nxt


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


def citation_catalogue():
    """What the citation extractor may resolve to: article numbers of every current edition, by act, and the
    acts' titles and short names."""
    from .citations import Catalogue

    catalogue = Catalogue()
    for act, number in current_articles().values_list("act__adilet_id", "number").iterator():
        catalogue.articles.setdefault(act, set()).add(number)
    for act in Act.objects.filter(adilet_id__in=list(catalogue.articles)):
        catalogue.titles[act.adilet_id] = [t for t in (act.title_ru, act.title_kk, act.short_ru, act.short_kk) if t]
    return catalogue
