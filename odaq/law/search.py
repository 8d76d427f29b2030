"""The knowledge base's search: one retrieval index per process, rebuilt when editions change.

Vectors are kept in ``settings.ODAQ_LAW_INDEX_DIR``, so a rebuild embeds only new passages.
"""

import logging
import threading
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import selectors
from .models import Act, Article

log = logging.getLogger(__name__)
_lock = threading.Lock()
_state: dict = {"index": None, "version": None}


@dataclass
class SearchHit:
    act: str
    number: str
    lang: str
    title: str
    act_title: str
    snippet: str
    snippet_html: SafeString
    score: float
    url: str


def rebuild(*, background: bool = False) -> int:
    """Rebuild this process's index from the current editions.

    With ``background`` the lexical index is ready at once and the dense vectors (minutes for a whole
    code on two cores, once: they are kept in the store) are computed in a thread and swapped in language by
    language (Russian first), so no request waits for them.
    """
    from .retrieval.index import RetrievalIndex

    with _lock:
        version = selectors.index_version()
        passages = selectors.corpus_passages()
        _state["version"] = version
        if not passages:
            _state["index"] = None
            return 0
        if not background:
            _state["index"] = RetrievalIndex.build(passages, store_dir=settings.ODAQ_LAW_INDEX_DIR)
            return len(passages)
        _state["index"] = RetrievalIndex.build(passages, dense=False)

    lexical = _state["index"]

    def dense():
        try:
            for staged in lexical.dense_stages(settings.ODAQ_LAW_INDEX_DIR):
                with _lock:
                    if _state["version"] != version:
                        return  # a newer edition arrived: its own build takes over
                    _state["index"] = staged
        except Exception:  # noqa: BLE001 - lexical search keeps working; the next change retries
            log.exception("dense law index build failed")
            return
        log.info("dense law index ready", extra={"passages": len(passages)})

    threading.Thread(target=dense, name="law-dense-index", daemon=True).start()
    return len(passages)


def get_index():
    if _state["version"] != selectors.index_version():
        rebuild(background=settings.ODAQ_LAW_DENSE_IN_BACKGROUND)
    return _state["index"]


def _highlight(snippet: str, spans) -> SafeString:
    out, last = [], 0
    for start, end in sorted(spans or ()):
        if start < last:
            continue
        out.append(escape(snippet[last:start]))
        out.append(f"<mark>{escape(snippet[start:end])}</mark>")
        last = end
    out.append(escape(snippet[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def search_articles(query: str, *, lang: str, act: str | None = None, k: int = 10, mode: str = "hybrid"):
    """Articles for a question, shown in ``lang`` (the chosen language of results) where that edition has the
    article. The question is matched in the language it is written in, whatever ``lang`` is: a Russian query in
    the Kazakh interface finds the articles its Russian words name and shows their Kazakh text."""
    index = get_index()
    if index is None:
        return []
    if index.vectors is None:
        mode = "lexical"  # the dense vectors are still being computed
    query_lang = index.query_lang(query, default=lang)
    hits = index.search(query, lang=query_lang, act=act, k=k, mode=mode, show_lang=lang)
    titles = {
        (a.act.adilet_id, a.number, a.lang): a.heading_line
        for a in Article.objects.filter(edition__is_current=True, number__in={h.number for h in hits},
                                        act__adilet_id__in={h.act for h in hits}).select_related("act")
    }
    acts = {a.adilet_id: a.title for a in Act.objects.filter(adilet_id__in={h.act for h in hits})}
    results = []
    for h in hits:
        shown = lang if (h.act, h.number, lang) in titles else h.lang
        results.append(SearchHit(
            act=h.act, number=h.number, lang=shown, title=titles.get((h.act, h.number, shown), h.title),
            act_title=acts.get(h.act, h.act), snippet=h.snippet, snippet_html=_highlight(h.snippet, h.spans),
            score=float(h.score), url=f"/law/{h.act}/{h.number}/?lang={shown}",
        ))
    return results
