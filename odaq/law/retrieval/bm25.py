"""Okapi BM25 over analysed documents, with postings held in numpy arrays."""

from collections import Counter, defaultdict

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
        ids: dict[str, list[int]] = defaultdict(list)
        tfs: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                ids[term].append(i)
                tfs[term].append(tf)
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, doc_ids in ids.items():
            d = np.asarray(doc_ids, dtype=np.int32)
            tf = np.asarray(tfs[term], dtype=np.float32)
            idf = np.log1p((self.n - len(d) + 0.5) / (len(d) + 0.5))
            self.postings[term] = (d, (idf * tf * (k1 + 1.0) / (tf + norm[d])).astype(np.float32))

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
