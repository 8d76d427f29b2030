"""The hybrid retrieval index: BM25 per language + dense passage vectors, fused per article.

Each signal ranks ARTICLES (act, number): lexical BM25 over whole articles (and over passages) in the asker's
language, dense similarity as the best passage of the article in either language (cross-lingual: a Kazakh
question reaches an article whose Russian text matches and vice versa).  The ranked lists are fused with
weighted min-max score fusion (default, measured better on the dev set) or reciprocal rank fusion.
"""

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .align import align_terms, detect_lang, translate, word_terms
from .bm25 import BM25
from .embed import Embedder, VectorStore, default_embedder
from .expand import expand_query
from .text import Analyzer
from .types import Hit, Passage

MODES = ("lexical", "dense", "hybrid")
LANGS = ("ru", "kk")


@dataclass(frozen=True)
class Params:
    """Generic knobs, tuned on the development questions as a whole (``bench/law_retrieval_tune.py``)."""

    k1: float = 1.2
    b: float = 0.75
    kk_mode: str = "suffix+ngram4"  # Kazakh: suffix-stripped stems plus character 4-grams (see text.Analyzer)
    ru_mode: str = "stem+ngram4"  # Russian: Snowball stems plus character 4-grams
    bigrams: bool = True  # adjacent-word terms in BM25
    fusion: str = "score"  # "score": sum of w * min-max normalised score over each list's top ``depth``;
    rrf_k: float = 30.0  # "rrf": sum of w / (rrf_k + rank)
    depth: int = 100  # articles taken from each ranked list
    w_lex: float = 1.0  # BM25 over whole articles in the asker's language
    w_lex_passage: float = 0.25  # BM25 over passages in the asker's language
    w_cross: float = 0.0  # BM25 over whole articles in the other language (numbers, loan words)
    w_trans: float = 0.0  # BM25 over whole articles in the other language, with the question's aligned terms
    trans_min_dice: float = 0.5  # aligned partners kept for a query term: Dice at least this …
    trans_per_term: int = 1  # … and at most this many per term
    expand: str = "ru"  # languages whose questions get the legal wording of colloquial words (lexical signals);
    # measured on the held-out half: helps Russian, not Kazakh (docs/law.md)
    align: bool = True  # compute the kk↔ru term list from the parallel articles (needed by w_trans)
    w_dense: float = 2.0  # dense similarity over passages of both languages (Russian questions)
    w_dense_kk: float = 0.75  # the same for Kazakh questions (the small model is weaker in Kazakh); < 0: w_dense
    dense_query_chars: int = 350  # longer questions are cut (at a word) before embedding: bounds the latency
    snippet_chars: int = 320


def cut_query(query: str, limit: int) -> str:
    """The first ``limit`` characters of a question, cut at a word boundary (the model reads ~1 ms per token)."""
    query = " ".join(query.split())
    if limit <= 0 or len(query) <= limit:
        return query
    cut = query.rfind(" ", 0, limit + 1)
    return query[: cut if cut > limit // 2 else limit]


def default_store_dir() -> str:
    from django.conf import settings

    return os.fspath(settings.ODAQ_LAW_INDEX_DIR)


class RetrievalIndex:
    def __init__(self, passages: Sequence[Passage], vectors: np.ndarray | None, embedder: Embedder | None,
                 params: Params | None = None):
        self.params = params or Params()
        self.passages = list(passages)
        self.embedder = embedder
        self.vectors = vectors
        self.dense_rows: np.ndarray | None = None  # passages that have a vector (None: all of them)
        self.articles: list[tuple[str, str]] = []
        index_of: dict[tuple[str, str], int] = {}
        for p in self.passages:
            if p.article not in index_of:
                index_of[p.article] = len(self.articles)
                self.articles.append(p.article)
        self.article_index = index_of
        self.p_article = np.array([index_of[p.article] for p in self.passages], dtype=np.int32)
        self.titles = {(p.act, p.number, p.lang): p.title for p in self.passages}
        self._build_lexical()

    # ----------------------------------------------------------------- construction
    @classmethod
    def build(cls, passages: Sequence[Passage], store_dir: str | os.PathLike | None = None,
              embedder: Embedder | None = None, params: Params | None = None, dense: bool = True,
              progress: Callable[[int, int], None] | None = None) -> "RetrievalIndex":
        """Index ``passages``; vectors come from the store under ``store_dir`` (only new texts are embedded)."""
        vectors = None
        if dense:
            embedder = embedder or default_embedder()
            store = VectorStore(store_dir or default_store_dir(), embedder)
            vectors = store.ensure([p.text for p in passages], progress=progress)
        return cls(passages, vectors, embedder if dense else None, params)

    def dense_stages(self, store_dir: str | os.PathLike | None = None, embedder: Embedder | None = None,
                     langs: Sequence[str] = LANGS, progress: Callable[[int, int], None] | None = None):
        """Embed the passages language by language (Russian first: the small model reads it best and every
        article has a Russian edition) and yield, after each language, a copy of this index whose dense signal
        covers the passages embedded so far. A server swaps each copy in: semantic search arrives in stages and
        no request waits for it."""
        embedder = embedder or default_embedder()
        store = VectorStore(store_dir or default_store_dir(), embedder)
        done = np.zeros(len(self.passages), dtype=bool)
        vectors = None
        for lang in langs:
            rows = np.array([i for i, p in enumerate(self.passages) if p.lang == lang], dtype=np.int64)
            if not len(rows):
                continue
            part = store.ensure([self.passages[i].text for i in rows], progress=progress)
            if vectors is None:
                vectors = np.zeros((len(self.passages), part.shape[1]), dtype=np.float32)
            vectors[rows] = part
            done[rows] = True
            clone = object.__new__(RetrievalIndex)
            clone.__dict__.update(self.__dict__)
            clone.embedder, clone.vectors = embedder, vectors.copy()
            clone.dense_rows = None if done.all() else np.flatnonzero(done)
            yield clone

    def with_params(self, **changes) -> "RetrievalIndex":
        """A copy with other parameters (re-analyses only when a lexical knob changed)."""
        new = replace(self.params, **changes)
        clone = object.__new__(RetrievalIndex)
        clone.__dict__.update(self.__dict__)
        clone.params = new
        lex = ("k1", "b", "kk_mode", "ru_mode", "bigrams", "align")
        if any(getattr(new, f) != getattr(self.params, f) for f in lex):
            clone._build_lexical()
        return clone

    def _build_lexical(self) -> None:
        pr = self.params
        self.analyzers = {lg: Analyzer(lg, kk_mode=pr.kk_mode, ru_mode=pr.ru_mode, bigrams=pr.bigrams) for lg in LANGS}
        self.lang_rows: dict[str, np.ndarray] = {}
        self.lang_pos = np.full(len(self.passages), -1, dtype=np.int32)  # row of a passage in its language's BM25
        self.bm25: dict[str, BM25] = {}  # passages
        self.art_bm25: dict[str, tuple[BM25, np.ndarray]] = {}  # whole articles, with their article indices
        for lang in LANGS:
            rows = np.array([i for i, p in enumerate(self.passages) if p.lang == lang], dtype=np.int32)
            self.lang_rows[lang] = rows
            self.lang_pos[rows] = np.arange(len(rows), dtype=np.int32)
            an = self.analyzers[lang]
            docs = [an.analyze(self.passages[i].text) for i in rows]
            self.bm25[lang] = BM25(docs, k1=pr.k1, b=pr.b)
            whole: dict[int, list[str]] = {}
            for i, terms in zip(rows.tolist(), docs, strict=True):
                a = int(self.p_article[i])
                if a in whole:  # later passages repeat the heading: count it once per article
                    body = self.passages[i].text.partition("\n")[2]
                    whole[a].extend(an.analyze(body))
                else:
                    whole[a] = list(terms)
            self.art_bm25[lang] = (BM25(list(whole.values()), k1=pr.k1, b=pr.b),
                                   np.array(list(whole), dtype=np.int32))
        self._terms = None  # the kk↔ru term list, aligned on first use (see :attr:`terms`)

    @property
    def terms(self) -> dict[str, dict]:
        """``{"kk": {kk term: ((ru term, dice), …)}, "ru": {…}}`` aligned from the parallel articles."""
        if self._terms is None:
            self._terms = align_terms(self._parallel_texts(), self.analyzers) if self.params.align else \
                {"kk": {}, "ru": {}}
        return self._terms

    def _parallel_texts(self):
        """(kk text, ru text) of every article present in both editions."""
        texts: dict[tuple[int, str], list[str]] = {}
        for i, p in enumerate(self.passages):
            texts.setdefault((int(self.p_article[i]), p.lang), []).append(p.text)
        for a in range(len(self.articles)):
            if (a, "kk") in texts and (a, "ru") in texts:
                yield "\n".join(texts[(a, "kk")]), "\n".join(texts[(a, "ru")])

    def query_lang(self, query: str, default: str = "kk") -> str:
        """The language a query is written in (Kazakh letters, else the edition whose vocabulary knows more)."""
        vocab = {lg: self.art_bm25[lg][0].postings for lg in LANGS}
        return detect_lang(query, vocab, self.analyzers, default=default)

    # ----------------------------------------------------------------- scoring
    def _article_max(self, rows: np.ndarray, scores: np.ndarray) -> np.ndarray:
        out = np.full(len(self.articles), -np.inf, dtype=np.float32)
        np.maximum.at(out, self.p_article[rows], scores)
        return out

    def _ranked(self, scores: np.ndarray, allowed: np.ndarray | None, positive: bool) -> tuple[np.ndarray, np.ndarray]:
        """Article indices by decreasing score (at most ``depth`` of them) and their scores."""
        s = scores.copy()
        if allowed is not None:
            s[~allowed] = -np.inf
        valid = s > 0 if positive else np.isfinite(s)
        n = min(self.params.depth, int(valid.sum()))
        if n == 0:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        top = np.argpartition(-s, n - 1)[:n]
        top = top[np.argsort(-s[top], kind="stable")]
        return top, s[top]

    def _lists(self, query: str, lang: str, mode: str, allowed: np.ndarray | None, qvec: np.ndarray | None):
        """(weight, (ranked article indices, scores)) for every signal the mode uses, plus per-passage scores."""
        pr = self.params
        lists: list[tuple[float, tuple[np.ndarray, np.ndarray]]] = []
        pscores: dict[str, np.ndarray] = {}
        other = "kk" if lang == "ru" else "ru"
        dense_query = query
        if lang in pr.expand.split(","):
            query = expand_query(query, lang)
        if mode in ("lexical", "hybrid"):
            for lg, w in ((lang, pr.w_lex), (other, pr.w_cross)):
                if w <= 0 or not len(self.lang_rows[lg]):
                    continue
                terms = self.analyzers[lg].analyze(query)
                bm, arts = self.art_bm25[lg]
                art_scores = np.full(len(self.articles), -np.inf, dtype=np.float32)
                art_scores[arts] = bm.scores(terms)
                lists.append((w, self._ranked(art_scores, allowed, True)))
                if lg == lang:
                    pscores[lg] = self.bm25[lg].scores(terms)
                    if pr.w_lex_passage > 0:
                        ranked = self._ranked(self._article_max(self.lang_rows[lg], pscores[lg]), allowed, True)
                        lists.append((pr.w_lex_passage, ranked))
            if pr.w_trans > 0 and len(self.lang_rows[other]) and self.terms.get(lang):
                terms = translate(sorted(word_terms(self.analyzers[lang], query)), self.terms[lang],
                                  pr.trans_min_dice, pr.trans_per_term)
                if terms:
                    bm, arts = self.art_bm25[other]
                    art_scores = np.full(len(self.articles), -np.inf, dtype=np.float32)
                    art_scores[arts] = bm.scores(terms)
                    lists.append((pr.w_trans, self._ranked(art_scores, allowed, True)))
        if mode in ("dense", "hybrid") and self.vectors is not None and len(self.passages):
            if qvec is None:
                qvec = self.embedder.query(cut_query(dense_query, pr.dense_query_chars))
            sims = np.einsum("ij,j->i", self.vectors, qvec)  # not BLAS: its idle threads slow the next query
            pscores["dense"] = sims
            wd = pr.w_dense_kk if lang == "kk" and pr.w_dense_kk >= 0 else pr.w_dense
            rows = np.arange(len(self.passages)) if self.dense_rows is None else self.dense_rows
            ranked = self._ranked(self._article_max(rows, sims[rows]), allowed, False)
            lists.append((wd if mode == "hybrid" else 1.0, ranked))
        return lists, pscores

    def rank(self, query: str, lang: str, act: str | None = None, mode: str = "hybrid",
             qvec: np.ndarray | None = None) -> tuple[list[tuple[int, float]], dict[str, np.ndarray]]:
        """Fused article ranking ``[(article index, score)]`` and the per-passage scores behind it."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
        allowed = None
        if act:
            allowed = np.array([a == act for a, _ in self.articles], dtype=bool)
        lists, pscores = self._lists(query, lang, mode, allowed, qvec)
        fused: dict[int, float] = {}
        rk = self.params.rrf_k
        for w, (ranked, scores) in lists:
            if self.params.fusion == "score" and len(scores):
                lo, hi = float(scores[-1]), float(scores[0])
                contrib = (scores - lo) / (hi - lo) if hi > lo else np.ones(len(scores))
            else:
                contrib = 1.0 / (rk + np.arange(1, len(ranked) + 1))
            for a, c in zip(ranked.tolist(), contrib.tolist(), strict=True):
                fused[a] = fused.get(a, 0.0) + w * c
        order = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
        return order, pscores

    def search(self, query: str, lang: str, act: str | None = None, k: int = 10, mode: str = "hybrid",
               qvec: np.ndarray | None = None, show_lang: str | None = None) -> list[Hit]:
        """Top ``k`` articles for ``query`` asked in ``lang`` (optionally within one act), each shown by its best
        passage in ``show_lang`` (default: ``lang``) where that edition has the article."""
        if not query.strip() or not self.passages:
            return []
        order, pscores = self.rank(query, lang, act, mode, qvec)
        return [self._hit(a, score, query, show_lang or lang, pscores) for a, score in order[:k]]

    # ----------------------------------------------------------------- presentation
    def _best_passage(self, a: int, lang: str, pscores: dict[str, np.ndarray]) -> int:
        rows = np.flatnonzero(self.p_article == a)
        same = [i for i in rows if self.passages[i].lang == lang]
        rows = np.array(same or rows.tolist(), dtype=np.int32)
        score = np.zeros(len(rows), dtype=np.float32)
        if "dense" in pscores:
            score += pscores["dense"][rows]
        plang = self.passages[int(rows[0])].lang
        if plang in pscores:
            lex = pscores[plang][self.lang_pos[rows]]
            if lex.max() > 0:
                score += 0.5 * lex / lex.max()
        return int(rows[int(np.argmax(score))])

    def _hit(self, a: int, score: float, query: str, lang: str, pscores: dict[str, np.ndarray]) -> Hit:
        pi = self._best_passage(a, lang, pscores)
        p = self.passages[pi]
        snippet, spans = self.snippet(p, query)
        return Hit(act=p.act, number=p.number, score=float(score), pid=p.pid, lang=p.lang, snippet=snippet,
                   spans=spans, title=p.title)

    def snippet(self, passage: Passage, query: str) -> tuple[str, tuple[tuple[int, int], ...]]:
        """A window of the passage around the densest run of query words, and the matched words' spans in it."""
        an = self.analyzers[passage.lang if passage.lang in self.analyzers else "ru"]
        stems = {terms[0] for terms, _, _ in an.analyze_spans(query) if terms}  # whole-word terms, no n-grams
        text = passage.text
        matched = [(s, e) for terms, s, e in an.analyze_spans(text) if terms and terms[0] in stems]
        width = self.params.snippet_chars
        if len(text) <= width:
            return text, tuple(matched)
        start = 0
        if matched:
            best = -1
            for s, _ in matched:
                lo = max(0, s - width // 4)
                n = sum(1 for s2, e2 in matched if s2 >= lo and e2 <= lo + width)
                if n > best:
                    best, start = n, lo
            if start:
                sp = text.rfind(" ", 0, start)
                start = sp + 1 if sp >= 0 and start - sp < 40 else start
        end = min(len(text), start + width)
        if end < len(text):
            sp = text.rfind(" ", start, end)
            end = sp if sp > start + width // 2 else end
        prefix = "… " if start else ""
        suffix = " …" if end < len(text) else ""
        shift = len(prefix) - start
        spans = tuple((s + shift, e + shift) for s, e in matched if s >= start and e <= end)
        return prefix + text[start:end] + suffix, spans
