"""Online event clustering: one article at a time, deterministic for a given order.

An article joins the best-scoring active event above `join_threshold`, else starts
a new one; when the event it joined now resembles another active event above
`merge_threshold`, the two merge into the older. Only events active within
`window_days` of the article's date are compared, so the cost per article stays
flat as the store grows.

Undated articles: the article is placed at the stream's clock, the newest
publication date in the store (today's date when the store has none), because
an undated report arriving in a stream is most likely about what its
neighbours report. It is compared with the events active around that date with
no time penalty, and it never moves an event's first/last seen dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from ..store import ArticleRow, EventRow, Store, pack_vector, unpack_vector
from .scoring import best_match, days_outside
from .settings import EventSettings

MAX_EVENT_ENTITIES = 64


@dataclass
class Features:
    """What the clusterer knows of an article."""

    vector: np.ndarray
    entities: dict[str, float]
    published_at: dt.date | None


class Clusterer:
    def __init__(self, store: Store, settings: EventSettings | None = None) -> None:
        self.store = store
        self.settings = settings or EventSettings()

    def assign(self, session: Session, article: ArticleRow, features: Features) -> EventRow:
        """Put `article` in an event (joining, creating and maybe merging) and return it."""
        day = features.published_at or self.store.latest_published(session) or dt.date.today()
        window = dt.timedelta(days=self.settings.window_days)
        candidates = self.store.active_events(
            day - window, day + window, limit=self.settings.max_candidates, session=session
        )
        candidates.sort(key=lambda e: (e.first_seen, e.id))
        dated = features.published_at is not None
        scored = [
            (_centroid(e), _mean_entities(e),
             days_outside(day, e.first_seen, e.last_seen) if dated else None)
            for e in candidates
        ]  # fmt: skip
        index, _ = best_match(
            features.vector, features.entities, scored, self.settings, self.settings.join_threshold
        )
        if index >= 0:
            _add_member(candidates[index], features)
            event = self._merge_converged(session, candidates[index], candidates)
        else:
            event = self._new_event(session, article, features, day)
        article.event_id = event.id
        session.flush()
        return event

    def _new_event(
        self, session: Session, article: ArticleRow, features: Features, day: dt.date
    ) -> EventRow:
        event = EventRow(
            id=self._fresh_id(session, article.id), first_seen=day, last_seen=day,
            centroid=pack_vector(features.vector), entities=dict(features.entities),
            summaries={}, unavailable={}, summary_dirty=True, version=1, article_count=1,
        )  # fmt: skip
        session.add(event)
        session.flush()
        return event

    def _fresh_id(self, session: Session, seed: str) -> str:
        """"evt_" + a hash of the founding article's id; salted if that id is taken
        (the article was re-clustered after its old event was merged away)."""
        for salt in range(1000):
            digest = hashlib.sha1(f"{seed}\x1f{salt}".encode(errors="replace")).hexdigest()
            candidate = f"evt_{digest[:12]}"
            if self.store.resolve_event_id(candidate, session) == candidate and not session.get(
                EventRow, candidate
            ):
                return candidate
        raise RuntimeError("could not find a free event id")  # 1000 collisions: a bug

    def _merge_converged(
        self, session: Session, event: EventRow, candidates: list[EventRow]
    ) -> EventRow:
        gone = {event.id}
        while True:
            others = [e for e in candidates if e.id not in gone]
            scored = [(_centroid(e), _mean_entities(e), _gap_days(event, e))
                      for e in others]  # fmt: skip
            index, _ = best_match(_centroid(event), _mean_entities(event), scored,
                                  self.settings, self.settings.merge_threshold)  # fmt: skip
            if index < 0:
                return event
            other = others[index]
            keep, drop = sorted((event, other), key=lambda e: (e.first_seen, e.id))
            _absorb(keep, drop)
            self.store.merge_events(keep, drop, session)
            gone |= {event.id, other.id}
            event = keep


def _gap_days(a: EventRow, b: EventRow) -> int:
    """Days between two events' spans; 0 when they overlap."""
    return max(0, (max(a.first_seen, b.first_seen) - min(a.last_seen, b.last_seen)).days)


def _centroid(event: EventRow) -> np.ndarray:
    vector = unpack_vector(event.centroid)
    if vector is None:  # every event is created with its first member's vector
        raise ValueError(f"event {event.id} has no centroid")
    return vector


def _mean_entities(event: EventRow) -> dict[str, float]:
    """Per-member average weight: comparable with one article's weights (0..1)."""
    n = max(event.article_count, 1)
    return {k: v / n for k, v in (event.entities or {}).items()}


def _add_member(event: EventRow, features: Features) -> None:
    n = event.article_count
    centroid = _centroid(event)
    event.centroid = pack_vector((centroid * n + features.vector) / (n + 1))
    event.entities = _top_entities(event.entities, features.entities)
    event.article_count = n + 1
    if features.published_at is not None:
        event.first_seen = min(event.first_seen, features.published_at)
        event.last_seen = max(event.last_seen, features.published_at)
    _touch(event)


def _absorb(keep: EventRow, drop: EventRow) -> None:
    a, b = keep.article_count, drop.article_count
    mean: np.ndarray = (_centroid(keep) * a + _centroid(drop) * b) / max(a + b, 1)
    keep.centroid = pack_vector(mean)
    keep.entities = _top_entities(keep.entities, drop.entities)
    keep.article_count = a + b
    keep.first_seen = min(keep.first_seen, drop.first_seen)
    keep.last_seen = max(keep.last_seen, drop.last_seen)
    _touch(keep)


def _top_entities(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    total = dict(a or {})
    for key, weight in b.items():
        total[key] = round(total.get(key, 0.0) + weight, 4)
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_EVENT_ENTITIES]
    return dict(ranked)


def _touch(event: EventRow) -> None:
    """A membership change: new version, summaries to recompute."""
    event.version = (event.version or 0) + 1
    event.summary_dirty = True
