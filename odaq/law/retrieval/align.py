"""A kk↔ru term list aligned from the parallel editions, and the language a query is written in.

Every article exists in both languages, so the articles are a parallel corpus: a Kazakh stem and a Russian stem
that occur in (nearly) the same articles translate each other ("демалыс" ~ "отпуск", "жалакы" ~ "заработн").
:func:`align_terms` computes, at index time and from the data alone, the Dice coefficient of document
co-occurrence over the parallel articles for every pair of whole-word terms and keeps each term's best partners.
A question is then also matched against the other edition through its translated terms.
"""

from collections.abc import Iterable

import numpy as np

from .text import _HAS_CYR, _WORD, Analyzer, normalize

KK_LETTERS = frozenset("әғқңөұүһі")
MIN_COOCCUR = 2  # a pair seen in one article only is chance
MIN_DICE = 0.3
PER_TERM = 2
MAX_DF_SHARE = 0.25  # terms in more than a quarter of the articles carry no meaning of their own


def word_terms(analyzer: Analyzer, text: str) -> set[str]:
    """The whole-word terms (stems) of a text: no n-grams, no bigrams, no numbers."""
    out = set()
    for m in _WORD.finditer(normalize(text)):
        terms = analyzer.term(m.group(0))
        if terms and _HAS_CYR.search(terms[0]):
            out.add(terms[0])
    return out


def _vocab(docs: list[set[str]], max_df: int) -> tuple[dict[str, int], list[np.ndarray], np.ndarray]:
    df: dict[str, int] = {}
    for d in docs:
        for t in d:
            df[t] = df.get(t, 0) + 1
    vocab = {t: i for i, t in enumerate(sorted(t for t, n in df.items() if MIN_COOCCUR <= n <= max_df))}
    ids = [np.array(sorted(vocab[t] for t in d if t in vocab), dtype=np.int32) for d in docs]
    dfs = np.zeros(len(vocab), dtype=np.float32)
    for t, i in vocab.items():
        dfs[i] = df[t]
    return vocab, ids, dfs


def _one_way(src: list[set[str]], dst: list[set[str]], max_df: int) -> dict[str, tuple[tuple[str, float], ...]]:
    s_vocab, s_ids, s_df = _vocab(src, max_df)
    d_vocab, d_ids, d_df = _vocab(dst, max_df)
    d_terms = np.array(sorted(d_vocab, key=d_vocab.get), dtype=object)
    postings: list[list[int]] = [[] for _ in s_vocab]
    for a, row in enumerate(s_ids):
        for i in row.tolist():
            postings[i].append(a)
    out: dict[str, tuple[tuple[str, float], ...]] = {}
    for term, i in s_vocab.items():
        rows = [d_ids[a] for a in postings[i] if len(d_ids[a])]
        if not rows:
            continue
        co = np.bincount(np.concatenate(rows), minlength=len(d_vocab)).astype(np.float32)
        dice = 2.0 * co / (s_df[i] + d_df)
        dice[co < MIN_COOCCUR] = 0.0
        top = np.argsort(-dice)[:PER_TERM]
        pairs = tuple((str(d_terms[j]), round(float(dice[j]), 3)) for j in top if dice[j] >= MIN_DICE)
        if pairs:
            out[term] = pairs
    return out


def align_terms(parallel: Iterable[tuple[str, str]], analyzers: dict[str, Analyzer]) -> dict[str, dict]:
    """``{"kk": {kk term: ((ru term, dice), …)}, "ru": {ru term: ((kk term, dice), …)}}`` from ``(kk text,
    ru text)`` pairs of the same article."""
    kk_docs, ru_docs = [], []
    for kk_text, ru_text in parallel:
        kk_docs.append(word_terms(analyzers["kk"], kk_text))
        ru_docs.append(word_terms(analyzers["ru"], ru_text))
    if not kk_docs:
        return {"kk": {}, "ru": {}}
    max_df = max(MIN_COOCCUR, int(MAX_DF_SHARE * len(kk_docs)))
    return {"kk": _one_way(kk_docs, ru_docs, max_df), "ru": _one_way(ru_docs, kk_docs, max_df)}


def translate(terms: Iterable[str], table: dict, min_dice: float = MIN_DICE, per_term: int = PER_TERM) -> list[str]:
    """The aligned terms of the other language for a query's whole-word terms (each partner once)."""
    out: list[str] = []
    seen = set()
    for t in terms:
        for partner, dice in table.get(t, ())[:per_term]:
            if dice >= min_dice and partner not in seen:
                seen.add(partner)
                out.append(partner)
    return out


def detect_lang(query: str, vocab: dict[str, Iterable] | None = None, analyzers: dict[str, Analyzer] | None = None,
                default: str = "kk") -> str:
    """"kk" or "ru": Kazakh letters decide at once; otherwise the language whose vocabulary knows more of the
    query's words (a Kazakh question typed on a Russian keyboard has no Kazakh letters)."""
    text = normalize(query)
    if any(ch in KK_LETTERS for ch in text):
        return "kk"
    if not vocab or not analyzers:
        return default
    known = {}
    for lang in ("kk", "ru"):
        terms = word_terms(analyzers[lang], text)
        known[lang] = sum(1 for t in terms if t in vocab[lang])
    if known["ru"] == known["kk"]:
        return default
    return "ru" if known["ru"] > known["kk"] else "kk"
