"""The second pass for undated reports: put each where it fits, whatever the arrival order.

An undated report (no published_at, no dateline) has no time evidence, so online it
joins whatever resembles it when it arrives: the Hindi report of a 2023 gold medal,
arriving before any other report of it, joins the event of the 2021 gold, and the next
Hindi report of 2023 follows the first. Dated reports do not have this problem: the time
penalty keeps them with their own happening.

So after a batch, the undated members of its events are taken out (in memory) and put
back, most confident first: each event starts from its dated members alone; the undated
report that scores highest against any of them joins it (and the event's profile grows),
then the next, until the best remaining score is under `join_threshold`. Those left stay
where the online pass put them. Each report is fully scored against only the
`CANDIDATES` events whose mean vector is closest to it; finding those is one matrix
product of the batch's undated reports with its events (seconds for 10,000 of each, next
to hours of summarising them).
"""

from __future__ import annotations

import datetime as dt
import heapq

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..settings import EventSettings
from ..store import ArticleRow, EventRow, Store
from .features import Features
from .moves import move_member, stored_features
from .scoring import Profile, best_match
from .state import add_member, article_profile, event_profile, happening_day, new_event

CANDIDATES = 32  # events scored per undated report, the closest by raw cosine
BLOCK = 1024  # undated reports compared with all the events at once


class _Core:
    """An event's dated members and the undated ones placed so far, in memory only."""

    def __init__(self, event_id: str, features: Features, day: dt.date | None) -> None:
        self.event_id = event_id
        self.state = new_event(event_id, features, day)  # transient: never in the session
        self.profile: Profile | None = None

    def add(self, features: Features, day: dt.date | None) -> None:
        add_member(self.state, features, day)
        self.profile = None

    def scored(self) -> Profile:
        self.profile = self.profile or event_profile(self.state)
        return self.profile


def place_undated(store: Store, session: Session, scope: set[str], settings: EventSettings) -> int:
    """Re-place the undated members of the events in `scope`; returns how many moved."""
    rows = session.scalars(select(ArticleRow).where(ArticleRow.event_id.in_(sorted(scope))))
    cores: dict[str, _Core] = {}
    pending: list[tuple[ArticleRow, Features]] = []
    for row in sorted(rows, key=lambda r: r.id):
        features = stored_features(row)
        if features is None or row.event_id is None:
            continue
        if row.published_at is None:
            pending.append((row, features))
        elif row.event_id in cores:
            cores[row.event_id].add(features, happening_day(row.published_at, features.entities))
        else:
            day = happening_day(row.published_at, features.entities)
            cores[row.event_id] = _Core(row.event_id, features, day)
    if not pending or not cores:
        return 0
    placed = _greedy(pending, list(cores.values()), settings)
    moved = 0
    for (row, features), core in zip(pending, placed, strict=True):
        if core is None or core.event_id == row.event_id:
            continue
        own = session.get(EventRow, store.resolve_event_id(row.event_id or "", session))
        target = session.get(EventRow, core.event_id)
        if own is None or target is None or own.id == target.id:
            continue
        move_member(store, session, row, features, own, target)
        moved += 1
    return moved


def _greedy(
    pending: list[tuple[ArticleRow, Features]], cores: list[_Core], settings: EventSettings
) -> list[_Core | None]:
    """The core each pending report joins (None: none reaches the threshold)."""
    profiles = [article_profile(f, None) for _, f in pending]
    candidates = _closest(pending, cores)
    watchers: dict[int, list[int]] = {}  # core -> the pending reports that compare with it
    heap: list[tuple[float, int, int, int]] = []  # (-score, report, core, core version)
    for i, near in enumerate(candidates):
        for c in near:
            watchers.setdefault(c, []).append(i)
            heapq.heappush(heap, (-_score(profiles[i], cores[c], settings), i, c, 0))
    version = [0] * len(cores)  # a core's profile changes when it gains a member
    placed: list[_Core | None] = [None] * len(pending)
    while heap:
        negative, i, c, seen = heapq.heappop(heap)
        if placed[i] is not None or seen != version[c]:
            continue  # placed already, or a score against an older profile
        if -negative < settings.join_threshold:
            break  # every score left is lower
        placed[i] = cores[c]
        cores[c].add(pending[i][1], None)
        version[c] += 1
        for j in watchers[c]:
            if placed[j] is None:
                heapq.heappush(heap, (-_score(profiles[j], cores[c], settings), j, c, version[c]))
    return placed


def _score(profile: Profile, core: _Core, settings: EventSettings) -> float:
    return best_match(profile, [core.scored()], settings, threshold=0.0)[1]


def _closest(pending: list[tuple[ArticleRow, Features]], cores: list[_Core]) -> list[list[int]]:
    """For each pending report, the cores whose mean vector is nearest (raw cosine): one
    matrix product, in blocks of BLOCK reports so that memory stays bounded."""
    centres = np.stack([np.mean(list(c.scored().vectors.values()), axis=0) for c in cores])
    k = min(CANDIDATES, len(cores))
    out: list[list[int]] = []
    for start in range(0, len(pending), BLOCK):
        vectors = np.stack([f.vector for _, f in pending[start : start + BLOCK]])
        similarity = vectors @ centres.T
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        out.extend(sorted(int(c) for c in row) for row in nearest)
    return out
