"""The similarity of an article (or an event) to an event: embedding, entities, time."""

from __future__ import annotations

import datetime as dt

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


def scaled_cosine(a: np.ndarray, b: np.ndarray, settings: EventSettings) -> float:
    """Cosine rescaled so unrelated news sits near 0 and one story near 1."""
    cosine = float(np.dot(unit(a), unit(b)))
    span = max(settings.cosine_ceiling - settings.cosine_floor, 1e-6)
    return min(1.0, max(0.0, (cosine - settings.cosine_floor) / span))


def score(
    vector: np.ndarray,
    entities: dict[str, float],
    centroid: np.ndarray,
    event_entities: dict[str, float],
    days: int | None,
    settings: EventSettings,
) -> float:
    """Join score in 0..1; `days` None (an undated article) means no time penalty."""
    w = settings.embedding_weight
    content = w * scaled_cosine(vector, centroid, settings) + (1 - w) * entity_overlap(
        entities, event_entities
    )
    return content * (1.0 if days is None else time_factor(days, settings))
