"""The second pass: online clustering decides each article when it arrives, so an
article that came before the reports that would have drawn it elsewhere stays where it
first fitted. After a batch, the undated members are first put back against the dated
ones (undated.py); then every member is scored again against the events as they are
now (its own without itself); one that fits another event better by `refine_margin`
moves there, and events that converged merge. A few rounds, until nothing moves.

This makes the result depend much less on the input order. It runs at the end of a batch
run (`saaransh summarise --cluster`), before the cluster records are written, and in
`saaransh serve` in the background (api/second_pass.py) over the events that changed and
their nearest neighbours: the report that arrived too early sits in a neighbour of the
event that has grown since, not in that event.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store import ArticleRow, EventRow
from .clusterer import Clusterer
from .moves import move_member, stored_features
from .scoring import Profile, best_match
from .state import article_profile, event_profile, happening_day, profile_without
from .undated import place_undated

# Neighbours of a changed event refined with it in a server: the early arrival that now
# fits the grown event sits in one of the few events most like it (launch vs landing).
NEIGHBOURS = 4


class Refiner:
    def __init__(self, clusterer: Clusterer) -> None:
        self.clusterer = clusterer
        self.store = clusterer.store
        self.settings = clusterer.settings

    def refine(self, session: Session, event_ids: Iterable[str]) -> int:
        """Move members of these events to where they fit best, then merge; returns moves."""
        scope = {self.store.resolve_event_id(i, session) for i in event_ids}
        # An event whose members end the pass as they began is put back exactly as it was:
        # a move undone within the pass (an undated report placed by the dated members,
        # then moved back by the whole event) makes no new version and no summary to remake,
        # and a server's next pass does not take it up again.
        before = {i: (_state(event), set(self.store.event_article_ids(i, session)))
                  for i in sorted(scope) if (event := session.get(EventRow, i)) is not None}
        moves = place_undated(self.store, session, scope, self.settings)
        scope = {self.store.resolve_event_id(i, session) for i in scope}
        for _ in range(self.settings.refine_rounds):
            moved = sum(self._reconsider(session, row) for row in self._members(session, scope))
            scope = {self.store.resolve_event_id(i, session) for i in scope}
            for event_id in sorted(scope):
                event = session.get(EventRow, event_id)
                if event is not None:
                    candidates = self.clusterer.candidates(session, event.last_seen)
                    self.clusterer.merge_converged(session, event, candidates)
            scope = {self.store.resolve_event_id(i, session) for i in scope}
            moves += moved
            if not moved:
                break
        for event_id, (state, members) in before.items():
            event = session.get(EventRow, event_id)
            now = set(self.store.event_article_ids(event_id, session)) if event else None
            if event is not None and now == members:
                for name, value in state.items():
                    setattr(event, name, value)
        return moves

    def with_neighbours(self, session: Session, event_ids: Iterable[str], k: int) -> set[str]:
        """The events plus, for each, the `k` among its candidates whose mean vector is
        nearest (raw cosine): where a member that now fits it better would sit."""
        scope = {self.store.resolve_event_id(i, session) for i in event_ids}
        for event_id in sorted(scope):
            event = session.get(EventRow, event_id)
            if event is None or k <= 0:
                continue
            others = [c for c in self.clusterer.candidates(session, event.last_seen)
                      if c.id not in scope]  # fmt: skip
            if not others:
                continue
            centres = np.stack([_centre(p) for p in self.clusterer.profiles(session, others)])
            nearest = np.argsort(-(centres @ _centre(event_profile(event))), kind="stable")
            scope |= {others[i].id for i in nearest[:k]}
        return scope

    def _members(self, session: Session, scope: set[str]) -> list[ArticleRow]:
        query = select(ArticleRow).where(ArticleRow.event_id.in_(sorted(scope)))
        return sorted(session.scalars(query), key=lambda r: (r.event_id or "", r.id))

    def _reconsider(self, session: Session, row: ArticleRow) -> bool:
        own = session.get(EventRow, row.event_id) if row.event_id else None
        features = stored_features(row)
        if own is None or features is None:
            return False
        day = happening_day(row.published_at, features.entities)
        mine = article_profile(features, day)
        others = [k for k in self.clusterer.candidates(session, day) if k.id != own.id]
        if own.article_count > 1:
            (own_score,) = [best_match(mine, [profile_without(own, features)], self.settings,
                                       threshold=0.0)[1]]  # fmt: skip
        else:
            own_score = 0.0  # a singleton moves to any event it may join
        index, score = best_match(mine, self.clusterer.profiles(session, others),
                                  self.settings, self.settings.join_threshold)  # fmt: skip
        if index < 0 or score <= own_score + self.settings.refine_margin:
            return False
        target = session.get(EventRow, others[index].id)
        assert target is not None
        move_member(self.store, session, row, features, own, target)
        return True


def _centre(profile: Profile) -> np.ndarray:
    centre = np.mean(list(profile.vectors.values()), axis=0)
    return centre / max(float(np.linalg.norm(centre)), 1e-12)


STATE = ("first_seen", "last_seen", "centroid", "language_counts", "language_centroids",
         "entities", "article_count", "version", "summary_dirty")  # fmt: skip


def _state(event: EventRow) -> dict:
    return {name: getattr(event, name) for name in STATE}
