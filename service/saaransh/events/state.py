"""An event row as the scorer sees it, and how it changes when a member joins or two
events merge. Every update is O(1) in the event's size: means, counts and summed
entity weights, never a pass over the members."""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..store import EventRow, pack_vector, pack_vectors, unpack_vector, unpack_vectors
from .entities import DATE_PREFIX, WEEKDAY_PREFIX, WEEKDAY_WEIGHT
from .features import Features
from .scoring import Profile, Span

MAX_EVENT_ENTITIES = 128  # whole articles name many things; the shared ones rank first
LEGACY = "*"  # an event from before per-language vectors: one vector of unknown language


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def language_means(event: EventRow) -> tuple[dict[str, int], dict[str, np.ndarray]]:
    """Members and mean vector per language."""
    counts = dict(event.language_counts or {})
    if counts:
        return counts, unpack_vectors(event.language_centroids, list(counts))
    legacy = unpack_vector(event.centroid)
    if legacy is None:
        raise ValueError(f"event {event.id} has no vectors")
    return {LEGACY: max(event.article_count, 1)}, {LEGACY: legacy}


def span_of(event: EventRow) -> Span | None:
    if event.first_seen is None or event.last_seen is None:
        return None
    return event.first_seen, event.last_seen


def named_weekdays(entities: dict[str, float], least: float) -> frozenset[int]:
    """The weekdays named with at least this mean weight ("%2": Wednesday)."""
    return frozenset(int(k[1:]) for k, v in entities.items()
                     if k[0] == WEEKDAY_PREFIX and v >= least)  # fmt: skip


def happening_day(published: dt.date | None, entities: dict[str, float]) -> dt.date | None:
    """The day a dated report places its happening: the day before publication when the
    text names that day (its weekday, "on Sunday", or its date) and not the publication
    day itself, else the publication day. Monday's report of Sunday's tunnel collapse,
    Wednesday's of Tuesday's temple opening, belong with Sunday's and Tuesday's reports;
    a funeral report of Thursday that recalls Wednesday's death names Thursday too."""
    if published is None:
        return None
    before = published - dt.timedelta(days=1)
    return before if _names(entities, before) and not _names(entities, published) else published


def _names(entities: dict[str, float], day: dt.date) -> bool:
    return (f"{WEEKDAY_PREFIX}{day.weekday()}" in entities
            or f"{DATE_PREFIX}{day.month:02d}-{day.day:02d}" in entities)  # fmt: skip


def event_profile(event: EventRow) -> Profile:
    counts, means = language_means(event)
    total = sum(counts.values())
    n = max(event.article_count, 1)
    entities = {k: v / n for k, v in (event.entities or {}).items()}
    return Profile(
        vectors={lang: _unit(v) for lang, v in means.items()},
        shares={lang: c / total for lang, c in counts.items()},
        entities=entities,
        span=span_of(event),
        # Named by at least half the members: the day the event's reports agree on.
        weekdays=named_weekdays(entities, WEEKDAY_WEIGHT / 2),
    )


def profile_without(event: EventRow, features: Features) -> Profile:
    """The event's profile with one of its members taken out (leave-one-out)."""
    counts, means = language_means(event)
    lang = features.lang if features.lang in counts else next(iter(counts))
    n = counts[lang]
    if n > 1:
        means[lang] = (means[lang] * n - features.vector) / (n - 1)
        counts[lang] = n - 1
    elif len(counts) > 1:
        del counts[lang], means[lang]
    total, others = sum(counts.values()), max(event.article_count - 1, 1)
    entities = {k: (v - features.entities.get(k, 0.0)) / others
                for k, v in (event.entities or {}).items()}  # fmt: skip
    entities = {k: v for k, v in entities.items() if v > 1e-6}
    return Profile(
        vectors={lang: _unit(v) for lang, v in means.items()},
        shares={lang: c / total for lang, c in counts.items()},
        entities=entities,
        span=span_of(event),  # its own date may widen the span: a small, safe bias
        weekdays=named_weekdays(entities, WEEKDAY_WEIGHT / 2),
    )


def article_profile(features: Features, day: dt.date | None) -> Profile:
    return Profile({features.lang: features.vector}, {features.lang: 1.0}, features.entities,
                   (day, day) if day else None, named_weekdays(features.entities, 0.0))  # fmt: skip


def new_event(event_id: str, features: Features, day: dt.date | None) -> EventRow:
    return EventRow(
        id=event_id, first_seen=day, last_seen=day, centroid=pack_vector(features.vector),
        language_counts={features.lang: 1},
        language_centroids=pack_vectors({features.lang: features.vector}),
        entities=_top_entities({}, features.entities), summaries={}, unavailable={},
        summary_dirty=True, version=1, article_count=1,
    )  # fmt: skip


def add_member(event: EventRow, features: Features, day: dt.date | None) -> None:
    counts, means = language_means(event)
    n = counts.get(features.lang, 0)
    previous = means.get(features.lang, np.zeros_like(features.vector))
    means[features.lang] = (previous * n + features.vector) / (n + 1)
    counts[features.lang] = n + 1
    _set_means(event, counts, means)
    event.entities = _top_entities(event.entities, features.entities)
    event.article_count += 1
    if day is not None:
        event.first_seen = min(event.first_seen or day, day)
        event.last_seen = max(event.last_seen or day, day)
    touch(event)


def remove_member(event: EventRow, features: Features, dates: list[dt.date]) -> None:
    """Take one member out (it moves to another event); `dates` are the dates of the
    members that stay. Entity weights that fell out of the top list stay out."""
    counts, means = language_means(event)
    lang = features.lang if features.lang in counts else next(iter(counts))
    n = counts[lang]
    if n <= 1:
        del counts[lang], means[lang]
    else:
        means[lang] = (means[lang] * n - features.vector) / (n - 1)
        counts[lang] = n - 1
    if counts:
        _set_means(event, counts, means)
    left = {k: round(v - features.entities.get(k, 0.0), 4) for k, v in event.entities.items()}
    event.entities = {k: v for k, v in left.items() if v > 0}
    event.article_count -= 1
    event.first_seen = min(dates, default=None)
    event.last_seen = max(dates, default=None)
    touch(event)


def absorb(keep: EventRow, drop: EventRow) -> None:
    """`keep` takes over `drop`'s members (the rows of the members move in the store)."""
    counts, means = language_means(keep)
    for lang, n in language_means(drop)[0].items():
        m = counts.get(lang, 0)
        theirs = language_means(drop)[1][lang]
        means[lang] = (means.get(lang, np.zeros_like(theirs)) * m + theirs * n) / (m + n)
        counts[lang] = m + n
    _set_means(keep, counts, means)
    keep.entities = _top_entities(keep.entities, drop.entities)
    keep.article_count += drop.article_count
    spans = [s for s in (span_of(keep), span_of(drop)) if s]
    if spans:
        keep.first_seen = min(s[0] for s in spans)
        keep.last_seen = max(s[1] for s in spans)
    touch(keep)


def _set_means(event: EventRow, counts: dict[str, int], means: dict[str, np.ndarray]) -> None:
    event.language_counts = counts
    event.language_centroids = pack_vectors(means)
    total = sum(counts.values())
    weighted = np.sum([means[k] * counts[k] for k in counts], axis=0)
    event.centroid = pack_vector(weighted / total)


def _top_entities(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    total = dict(a or {})
    for key, weight in b.items():
        total[key] = round(total.get(key, 0.0) + weight, 4)
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_EVENT_ENTITIES]
    return dict(ranked)


def touch(event: EventRow) -> None:
    """A membership change: new version, summaries to recompute."""
    event.version = (event.version or 0) + 1
    event.summary_dirty = True
