"""The events' second pass in `saaransh serve`: what `summarise --cluster` does after a
batch (events/refine.py), done in the background for the articles a server takes in.

Online clustering decides each article as it arrives, so a report that came before the
ones that would have drawn it elsewhere stays where it first fitted, and two events that
converge as their reports arrive may stay apart. Every `TICK_S` the pass asks the store
for the events changed since it last looked and, at most once in
SAARANSH_EVENT_REFINE_INTERVAL_S (the debounce), refines up to `EVENTS_PER_ROUND` of them,
oldest change first: members move to the event they now fit best and converged events
merge. A backlog larger than one round is worked off tick by tick without waiting.

It runs wholly on the store thread, the only thread that writes the store, so it never
races an article being filed; one round is one transaction and bounded, so a request
waits at most one round for its article to be filed. Reads never trigger it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time

from ..errors import ShuttingDown
from .ports import ConsolidatingEvents
from .refresher import StoreCall

log = logging.getLogger(__name__)
TICK_S = 1.0  # how often the store is asked for changed events (an indexed query)
EVENTS_PER_ROUND = 32  # bounds one round's hold on the store thread


class SecondPass:
    def __init__(self, events: ConsolidatingEvents, store: StoreCall) -> None:
        """`store(fn, *args)` runs a store call on the store thread (SummaryService.store).
        Only what changes from now on is refined: older events had their pass already."""
        self.events, self.store = events, store
        self._since = dt.datetime.now(dt.UTC)
        # Events not to take again at this version: the ones this pass changed itself, and
        # while a backlog is worked off, the ones taken already.
        self._seen: dict[str, int] = {}
        self._last_round = -float("inf")
        self._backlog = False

    async def run(self) -> None:
        """Refine changed events until cancelled; a failed round is retried next tick."""
        while True:
            await asyncio.sleep(TICK_S)
            try:
                await self.store(self.round)
            except ShuttingDown:
                return
            except Exception:  # noqa: BLE001 - the events stay unseen and are tried again
                log.exception("the events' second pass failed")

    def round(self) -> int:
        """One round, on the store thread; returns how many articles moved."""
        now = time.monotonic()
        if not self._backlog and now - self._last_round < self.events.second_pass_interval_s:
            return 0
        # Everything filed before this instant is in the store: the store thread is ours.
        started = dt.datetime.now(dt.UTC)
        changed = self.events.changed_events(self._since)
        fresh = [c for c in changed if self._seen.get(c[0]) != c[1]]
        batch, rest = fresh[:EVENTS_PER_ROUND], fresh[EVENTS_PER_ROUND:]
        moved = self.events.consolidate_events([event_id for event_id, _, _ in batch])
        if batch:
            self._last_round = now
        # The events this round changed, as it left them: the pass iterates to a fixed
        # point itself, and looking at its own output again can undo and redo a move
        # forever (an undated report placed by the dated members, then moved back).
        own = self.events.changed_events(started) if moved else []
        self._backlog = bool(rest)
        if self._backlog:  # the same query again next tick, less what this round took
            self._seen.update((event_id, version) for event_id, version, _ in batch)
        else:
            self._since, self._seen = started, {}
        self._seen.update((event_id, version) for event_id, version, _ in own)
        if moved:
            log.info("second pass: %d article(s) moved among %d event(s)", moved, len(batch))
        return moved
