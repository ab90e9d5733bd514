"""Online event clustering: one article at a time, deterministic for a given order.

An article joins the best-scoring candidate event above `join_threshold`, else starts a
new one; when the event it joined now resembles another candidate above
`merge_threshold`, the two merge into the older (the second pass: events that started
apart, say a Hindi and an English one, converge as their reports arrive).

Candidates: the events whose span comes within `window_days` of a dated article, plus
the `recent_events` changed most recently whatever their dates, so the cost per article
stays flat as the store grows. An undated article has only the recent ones and no time
penalty; its dateline's day and month ("मास्को, 22 अगस्त"), if it has one, are placed in
the year nearest the stream's newest date. An article with no date at all never moves an
event's first/last seen, and an event of undated articles has no span.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import OrderedDict

from sqlalchemy.orm import Session

from ..settings import EventSettings
from ..store import ArticleRow, EventKey, EventRow, Store
from .features import Features
from .scoring import Profile, best_match
from .state import (
    absorb,
    add_member,
    article_profile,
    event_profile,
    happening_day,
    new_event,
)  # fmt: skip

PROFILE_CACHE = 20_000  # events' profiles kept between articles (~2 KB each)


class Clusterer:
    def __init__(self, store: Store, settings: EventSettings) -> None:
        self.store = store
        self.settings = settings
        # (event id, version) -> its profile. A version changes with every membership
        # change, in this process or another, so a cached profile is never stale.
        self._profiles: OrderedDict[tuple[str, int], Profile] = OrderedDict()

    def assign(self, session: Session, article: ArticleRow, features: Features) -> EventRow:
        """Put `article` in an event (joining, creating and maybe merging) and return it.
        Call it inside `Store.write_transaction`, which serialises assignments."""
        day = features.published_at or self._dateline_day(session, features)
        if day is not None and article.published_at is None:
            article.published_at = day
        day = happening_day(day, features.entities)
        candidates = self.candidates(session, day)
        index, _ = best_match(article_profile(features, day),
                              self.profiles(session, candidates), self.settings,
                              self.settings.join_threshold)  # fmt: skip
        if index >= 0:
            event = self._row(session, candidates[index].id)
            add_member(event, features, day)
            event = self.merge_converged(session, event, candidates)
        else:
            event = new_event(self._fresh_id(session, article.id), features, day)
            session.add(event)
            session.flush()  # the event row first: the article's foreign key points at it
        article.event_id = event.id
        session.flush()
        return event

    def _dateline_day(self, session: Session, features: Features) -> dt.date | None:
        # The year of a yearless dateline comes from the stream, never from the clock.
        clock = self.store.latest_published(session) if features.day_month else None
        return features.day_month.nearest(clock) if features.day_month and clock else None

    def candidates(self, session: Session, day: dt.date | None) -> list[EventKey]:
        """The events an article of this date is compared with, oldest first."""
        found: dict[str, EventKey] = {}
        if day is not None:
            window = dt.timedelta(days=self.settings.window_days)
            for key in self.store.active_events(day - window, day + window,
                                                self.settings.max_candidates, session):  # fmt: skip
                found[key.id] = key
        if self.settings.recent_events:
            for key in self.store.recent_events(self.settings.recent_events, session):
                found.setdefault(key.id, key)
        # Oldest first: of equal scores the older event wins, whatever the query order.
        return sorted(found.values(), key=lambda k: (k.created_at, k.id))

    def profiles(self, session: Session, keys: list[EventKey]) -> list[Profile]:
        """The profile of each event, from the cache or (one query for all) the store."""
        missing = [k.id for k in keys if (k.id, k.version) not in self._profiles]
        for event in self.store.events_by_id(missing, session) if missing else []:
            self._remember(event)
        out = []
        for key in keys:
            profile = self._profiles.get((key.id, key.version))
            if profile is None:  # changed since the key was read: take it as it is now
                profile = self._remember(self._row(session, key.id))
            out.append(profile)
        return out

    def _remember(self, event: EventRow) -> Profile:
        profile = event_profile(event)
        self._profiles[event.id, event.version] = profile
        while len(self._profiles) > PROFILE_CACHE:
            self._profiles.popitem(last=False)
        return profile

    def _row(self, session: Session, event_id: str) -> EventRow:
        event = session.get(EventRow, event_id)
        if event is None:
            raise LookupError(f"event {event_id} vanished inside its transaction")
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

    def merge_converged(
        self, session: Session, event: EventRow, candidates: list[EventKey]
    ) -> EventRow:
        """Merge `event` with every candidate it now resembles above `merge_threshold`."""
        gone = {event.id}
        while True:
            others = [k for k in candidates if k.id not in gone]
            index, _ = best_match(event_profile(event), self.profiles(session, others),
                                  self.settings, self.settings.merge_threshold)  # fmt: skip
            if index < 0:
                return event
            other = self._row(session, others[index].id)
            keep, drop = sorted((event, other), key=lambda e: (e.created_at, e.id))
            absorb(keep, drop)
            self.store.merge_events(keep, drop, session)
            gone |= {event.id, other.id}
            event = keep
