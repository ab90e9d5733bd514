"""A fast, deterministic stand-in for the multilingual embedder in event tests.

A text naming "topicN" lands near topic N's centre, a basis vector (cosine ~0.99 with
its siblings, ~0 with other topics); naming several topics sums their centres, with
multiplicity. Any other text gets its own pseudo-random direction, so only identical
sentences are near-duplicates.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

TOPIC = re.compile(r"topic(\d+)")


class TopicEmbedder:
    name = "fake-topic-embedder"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0

    def _direction(self, seed: str) -> np.ndarray:
        digest = hashlib.sha256(seed.encode()).digest()
        rng = np.random.default_rng(int.from_bytes(digest[:8], "little"))
        return rng.standard_normal(self.dim)

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        rows = []
        for text in texts:
            topics = [int(n) % self.dim for n in TOPIC.findall(text)]
            noise = self._direction(text)
            if topics:
                centre = np.bincount(topics, minlength=self.dim).astype(float)
                vector = centre / np.linalg.norm(centre) + 0.02 * noise / np.linalg.norm(noise)
            else:
                vector = noise
            rows.append(vector / np.linalg.norm(vector))
        return np.asarray(rows, dtype=np.float32).reshape(-1, self.dim)


class KeywordEmbedder:
    """Texts naming a keyword of group k (any case, any script) land near basis vector k,
    with enough noise that two different sentences of one story stay apart (cosine ~0.94,
    under the summary's duplicate threshold) while still clustering together."""

    name = "fake-keyword-embedder"
    dim = 64
    NOISE = 0.25

    def __init__(self, groups: dict[str, int]) -> None:
        self.groups = {k.lower(): g for k, g in groups.items()}

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            digest = hashlib.sha256(text.encode()).digest()
            rng = np.random.default_rng(int.from_bytes(digest[:8], "little"))
            noise = rng.standard_normal(self.dim)
            noise /= np.linalg.norm(noise)
            lowered = text.lower()
            topics = {g for k, g in self.groups.items() if k in lowered}
            vector = self.NOISE * noise
            for g in topics:
                vector[g % self.dim] += 1.0
            rows.append(vector / np.linalg.norm(vector))
        return np.asarray(rows, dtype=np.float32).reshape(-1, self.dim)


def keyword_event_settings():
    """Event settings for the KeywordEmbedder: the calibration defaults fit e5's compressed
    cosines, the keyword embedder's are raw; and only titles and first sentences name the
    keyword, so the lead is the title and one sentence (those tests are not about clustering)."""
    from saaransh.settings import EventSettings

    return EventSettings(cosine_floor=0.0, cosine_ceiling=1.0, crosslingual_shift=0.0,
                         embedding_weight=1.0, body_weight=0.0, lead_sentences=1,
                         time_grace_days=1)  # fmt: skip
