"""Okapi BM25 over analysed documents, with postings held in numpy arrays."""

import numpy as np


class BM25:
    """BM25 (Robertson/Lucene idf, ``log(1 + (N - df + .5) / (df + .5))``) with precomputed term weights.

    ``docs`` are lists of index terms.  :meth:`scores` returns one score per document.
    """

    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75):
        self.n = len(docs)
        self.k1 = k1
        self.b = b
        lengths = np.array([len(d) for d in docs], dtype=np.float32)
        avgdl = float(lengths.mean()) if self.n and lengths.sum() else 1.0
        norm = k1 * (1.0 - b + b * lengths / avgdl)
        # (term id, doc) pairs -> term frequencies, grouped by term: numpy instead of a dict of lists per term
        vocab: dict[str, int] = {}
        tids = np.fromiter((vocab.setdefault(t, len(vocab)) for doc in docs for t in doc), dtype=np.int64,
                           count=int(lengths.sum()))
        dids = np.repeat(np.arange(self.n, dtype=np.int64), lengths.astype(np.int64))
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if not len(tids):
            return
        pairs, tf = np.unique(tids * max(self.n, 1) + dids, return_counts=True)  # sorted by term, then doc
        term_of, doc_of = pairs // max(self.n, 1), (pairs % max(self.n, 1)).astype(np.int32)
        starts = np.flatnonzero(np.r_[True, term_of[1:] != term_of[:-1]])
        ends = np.r_[starts[1:], len(pairs)]
        df = (ends - starts).astype(np.float64)
        idf = np.log1p((self.n - df + 0.5) / (df + 0.5))
        tf = tf.astype(np.float32)
        weights = (np.repeat(idf, ends - starts) * tf * (k1 + 1.0) / (tf + norm[doc_of])).astype(np.float32)
        names = list(vocab)
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            self.postings[names[int(term_of[s])]] = (doc_of[s:e], weights[s:e])

    def scores(self, terms: list[str]) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.float32)
        for term in set(terms):
            hit = self.postings.get(term)
            if hit is not None:
                out[hit[0]] += hit[1]
        return out

    def idf(self, term: str) -> float:
        hit = self.postings.get(term)
        df = 0 if hit is None else len(hit[0])
        return float(np.log1p((self.n - df + 0.5) / (df + 0.5)))
