"""How alike an article and an event (or two events) are: embedding, entities and time.

score = (w * embedding + (1 - w) * entities) * time factor, each part in 0..1:
- embedding: the cosine of the article's vector with the event's mean vector *per
  language*, rescaled between a floor (unrelated news) and a ceiling (the same story).
  A Hindi report of a story scores lower against its English reports than against its
  Hindi ones, so a pair of different languages has floor and ceiling lowered by
  `crosslingual_shift`. The event's languages count by their share of its members, not
  the best one alone: the embedding finds two Hindi reports of *related* happenings
  (a gold medal and another gold two years later) closer than a Hindi and an English
  report of the same one, so the other language's reports must agree too.
- entities: weighted Dice overlap of the entity keys (names across scripts, acronyms,
  numbers, dates), divided by the overlap the same story usually reaches (lower across
  languages), capped at 1.
- time: 1 when the spans are within a day, halving every `time_decay_days` beyond;
  `undated_factor` when either side has no date: "same day" is evidence that an
  undated pair lacks, so it needs more of the rest to join.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..settings import EventSettings
from .matching import entity_dice

Span = tuple[dt.date, dt.date]
# Parts may pass 1 (more alike than the typical same-story pair) up to this cap, so that
# of two events that both look like the story, the closer one still wins.
CAP = 1.5


@dataclass
class Profile:
    """An article, or an event's members on average."""

    vectors: dict[str, np.ndarray]  # language -> unit mean vector
    shares: dict[str, float]  # language -> share of the members (sums to 1)
    entities: dict[str, float]  # key -> mean weight per member
    span: Span | None  # first..last date of the dated members; None if none is dated
    weekdays: frozenset[int] = frozenset()  # days named in the text (0 = Monday)


def same_language(a: str, b: str) -> bool:
    return a == b or "*" in (a, b)


def gap_days(a: Span | None, b: Span | None) -> int | None:
    """Days between two spans (0 when they overlap); None when either is undated."""
    if a is None or b is None:
        return None
    return max(0, (max(a[0], b[0]) - min(a[1], b[1])).days)


def time_factor(days: int | None, settings: EventSettings) -> float:
    if days is None:
        return settings.undated_factor
    return 0.5 ** (max(0, days - settings.time_grace_days) / settings.time_decay_days)


def time_between(a: Profile, b: Profile, settings: EventSettings) -> float:
    """The time factor of two profiles. Where one side is undated but names a weekday
    ("बुधवार को"), that weekday must fit the other side's span: a report appears on the
    day of the happening or the next, so the happening fell in first-1..last."""
    if a.span is not None and b.span is not None:
        return time_factor(gap_days(a.span, b.span), settings)
    dated, undated = (a, b) if a.span is not None else (b, a)
    if dated.span is None or not undated.weekdays:
        return time_factor(None, settings)
    first, last = dated.span
    days = min((last - first).days + 3, 7)
    fitting = {(first - dt.timedelta(days=1) + dt.timedelta(days=k)).weekday()
               for k in range(days)}  # fmt: skip
    return 1.0 if undated.weekdays & fitting else time_factor(2, settings)


def embedding_scores(
    profile: Profile, events: Sequence[Profile], settings: EventSettings
) -> np.ndarray:
    """The calibrated embedding score of `profile` against each event: the mean over the
    language pairs, weighted by each side's language shares."""
    out = np.zeros(len(events), dtype=np.float64)
    span = max(settings.cosine_ceiling - settings.cosine_floor, 1e-6)
    for lang, vector in profile.vectors.items():
        owners, shifts, rows, weights = [], [], [], []
        for i, event in enumerate(events):
            for other, centre in event.vectors.items():
                owners.append(i)
                shifts.append(0.0 if same_language(lang, other) else settings.crosslingual_shift)
                rows.append(centre)
                weights.append(event.shares[other] * profile.shares[lang])
        if not rows:
            continue
        cosine = np.stack(rows) @ vector
        scaled = np.clip((cosine - settings.cosine_floor + np.array(shifts)) / span, 0.0, CAP)
        np.add.at(out, np.array(owners), scaled * np.array(weights))
    return out


def entity_score(a: Profile, b: Profile, settings: EventSettings) -> float:
    """Entity overlap relative to what one story's reports usually share, 0..1."""
    full = sum(
        sa * sb * (settings.entity_full if same_language(la, lb)
                   else settings.crosslingual_entity_full)
        for la, sa in a.shares.items() for lb, sb in b.shares.items()
    ) or settings.entity_full  # fmt: skip
    return min(CAP, entity_dice(a.entities, b.entities) / full)


def best_match(
    profile: Profile, events: Sequence[Profile], settings: EventSettings, threshold: float
) -> tuple[int, float]:
    """Index and score of the best event, or (-1, best score) if none reaches `threshold`.
    The first of equal scores wins, so the result is deterministic for a given order."""
    if not events:
        return -1, 0.0
    w = settings.embedding_weight
    embedding = embedding_scores(profile, events, settings)
    best, best_score = -1, -1.0
    for i, event in enumerate(events):
        factor = time_between(profile, event, settings)
        # Entity overlap is the slow part: skip it when even a full overlap cannot win.
        ceiling = (w * embedding[i] + (1 - w) * CAP) * factor
        if ceiling < threshold or ceiling <= best_score:
            continue
        score = (w * embedding[i] + (1 - w) * entity_score(profile, event, settings)) * factor
        if score > best_score:
            best, best_score = i, float(score)
    return (best, best_score) if best_score >= threshold else (-1, max(best_score, 0.0))
