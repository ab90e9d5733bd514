"""Event summaries in `saaransh serve`: remade in the background, through the batcher.

Every `TICK_S` the refresher asks the store for the events that are due (membership
changed, not summarised in the last SAARANSH_EVENT_REFRESH_INTERVAL_S seconds) and remakes
up to `EVENTS_PER_ROUND` of them together:

    snapshot        store thread     the event's version and members
    draft           model thread     embeddings: the extract, or a summariser request
    summarise       batcher          the requests of all the round's events, batched
    finish          model thread     a failed request falls back to the extract
    save            store thread     only if the event is still at that version

Everything on the model thread goes in at background priority: the batcher runs it only
while no request item waits. Reads (GET /v1/clusters) never do any of this.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from ..errors import ShuttingDown
from ..summarise.base import Summary, SummaryRequest
from .batching import Batcher, Lane
from .ports import RefreshableEvents

log = logging.getLogger(__name__)
T = TypeVar("T")
TICK_S = 1.0  # how often the store is asked for due events (an indexed query)
EVENTS_PER_ROUND = 16  # bounds one round's memory and its hold on the background lane

StoreCall = Callable[..., Awaitable[Any]]


class EventRefresher:
    def __init__(self, events: RefreshableEvents, batcher: Batcher, store: StoreCall) -> None:
        """`store(fn, *args)` runs a store call on the store thread (SummaryService.store)."""
        self.events, self.batcher, self.store = events, batcher, store

    async def run(self) -> None:
        """Refresh due events until cancelled; a failed round is retried next tick."""
        while True:
            await asyncio.sleep(TICK_S)
            try:
                await self.refresh_due()
            except ShuttingDown:
                return
            except Exception:  # noqa: BLE001 - the events stay dirty and are tried again
                log.exception("refreshing event summaries failed")

    async def refresh_due(self) -> int:
        """One round: remake the due events' summaries; returns how many were saved."""
        due = await self.store(self.events.due_event_ids, EVENTS_PER_ROUND)
        saved = await asyncio.gather(*(self.refresh(event_id) for event_id in due))
        return sum(saved)

    async def refresh(self, event_id: str) -> bool:
        """Remake one event's summaries (False if it is gone or changed meanwhile)."""
        snapshot = await self.store(self.events.snapshot, event_id)
        if snapshot is None:
            return False
        drafts = await self._background(self.events.draft_summaries, snapshot)
        requests: list[SummaryRequest] = [d.request for d in drafts if d.request is not None]
        futures = self.batcher.submit(requests, lane=Lane.BACKGROUND) if requests else []
        outputs = iter(await asyncio.gather(*futures, return_exceptions=True))
        results: list[Summary | BaseException | None] = [
            next(outputs) if d.request is not None else None for d in drafts
        ]
        for result in results:
            if isinstance(result, ShuttingDown | asyncio.CancelledError):
                raise result
        made = await self._background(self.events.finish_summaries, snapshot, drafts, results)
        return await self.store(self.events.save_summaries, snapshot, *made)

    async def _background(self, fn: Callable[..., T], *args: Any) -> T:
        return await self.batcher.run_job(fn, *args, lane=Lane.BACKGROUND)
