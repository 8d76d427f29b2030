"""Approved answers (cards) matched to a question with the same embedder the law search uses.

Card vectors are cached per process and recomputed when a card changes.
"""

import threading

import numpy as np
from django.conf import settings

_lock = threading.Lock()
_cache: dict[int, tuple[object, np.ndarray]] = {}


def _embedder():
    from odaq.law.retrieval.embed import default_embedder

    return default_embedder()


def _vectors(card, embedder) -> np.ndarray:
    with _lock:
        cached = _cache.get(card.pk)
        if cached and cached[0] == card.updated_at:
            return cached[1]
    variants = card.variants()
    matrix = np.vstack([embedder.query(v) for v in variants]) if variants else np.zeros((0, 1), np.float32)
    with _lock:
        _cache[card.pk] = (card.updated_at, matrix)
    return matrix


def best_card(question: str, cards) -> tuple[object | None, float]:
    """The closest usable card and its similarity, or (None, 0) below ``ODAQ_AI_CARD_THRESHOLD``."""
    cards = list(cards)
    if not cards:
        return None, 0.0
    embedder = _embedder()
    q = np.asarray(embedder.query(question), dtype=np.float32)
    best, score = None, 0.0
    for card in cards:
        m = _vectors(card, embedder)
        if not len(m):
            continue
        s = float(np.max(m @ q))
        if s > score:
            best, score = card, s
    if best is None or score < settings.ODAQ_AI_CARD_THRESHOLD:
        return None, score
    return best, score


def forget(card_id: int | None = None) -> None:
    with _lock:
        if card_id is None:
            _cache.clear()
        else:
            _cache.pop(card_id, None)


def forget_on_change(sender, card_id: int | None = None, **kwargs) -> None:
    """Receiver of ``aigov.signals.card_changed``: the card's vectors are recomputed on next use."""
    forget(card_id)


def card_sources(card, lang: str):
    """The card's cited articles as pipeline sources, in ``lang`` where that edition has them."""
    from odaq.law.models import Article

    from .compose import Source

    cited = {(c.act.adilet_id, c.number) for c in card.cited.select_related("act")}
    if not cited:
        return []
    rows = Article.objects.filter(edition__is_current=True, act__adilet_id__in={a for a, _n in cited},
                                  number__in={n for _a, n in cited}).select_related("act")
    articles = {(a.act.adilet_id, a.number, a.lang): a for a in rows}
    other = "ru" if lang == "kk" else "kk"
    out = []
    for act, number in sorted(cited):
        art = articles.get((act, number, lang)) or articles.get((act, number, other))
        if art is not None:
            out.append(Source(act=act, number=number, lang=art.lang, title=art.title, passage="", text=art.body))
    return out
