"""The similarity of an article (or an event) to an event: embedding, entities, time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from .matching import entity_overlap
from .settings import EventSettings


def unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def days_outside(day: dt.date, first: dt.date, last: dt.date) -> int:
    """0 inside first..last, else the distance in days to the nearer end."""
    if day < first:
        return (first - day).days
    if day > last:
        return (day - last).days
    return 0


def time_factor(days: int, settings: EventSettings) -> float:
    """1 within a day of the span; halves every `time_decay_days` after that."""
    return 0.5 ** (max(0, days - 1) / settings.time_decay_days)


def scaled_cosines(vector: np.ndarray, matrix: np.ndarray, settings: EventSettings) -> np.ndarray:
    """Cosine of `vector` with each row, rescaled so unrelated news sits near 0 and one
    story near 1."""
    rows = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    cosine = rows @ unit(vector)
    span = max(settings.cosine_ceiling - settings.cosine_floor, 1e-6)
    return np.clip((cosine - settings.cosine_floor) / span, 0.0, 1.0)


def best_match(
    vector: np.ndarray,
    entities: dict[str, float],
    events: Sequence[tuple[np.ndarray, dict[str, float], int | None]],
    settings: EventSettings,
    threshold: float,
) -> tuple[int, float]:
    """Index and score of the best (centroid, entities, days) event, or (-1, best) if
    none reaches `threshold`. Score = (w * scaled cosine + (1 - w) * entity overlap)
    times the time factor; `days` None (undated) means no time penalty. The first of
    equal scores wins, so the result is deterministic for a given order."""
    if not events:
        return -1, 0.0
    w = settings.embedding_weight
    cosines = scaled_cosines(vector, np.stack([e[0] for e in events]), settings)
    best, best_score = -1, -1.0
    for i, (_, event_entities, days) in enumerate(events):
        factor = 1.0 if days is None else time_factor(days, settings)
        # Entity overlap is the slow part: skip it when even a full overlap cannot win.
        ceiling = (w * cosines[i] + (1 - w)) * factor
        if ceiling < threshold or ceiling <= best_score:
            continue
        s = (w * cosines[i] + (1 - w) * entity_overlap(entities, event_entities)) * factor
        if s > best_score:
            best, best_score = i, float(s)
    return (best, best_score) if best_score >= threshold else (-1, max(best_score, 0.0))
