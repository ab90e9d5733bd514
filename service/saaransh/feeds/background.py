"""The feed follower inside `saaransh serve` (SAARANSH_FEEDS): the same passes as the
command, on a worker thread so fetching never blocks the event loop; each page goes
through the service's own path (analysis, the batcher, the events store), so feed items
share model batches with requests instead of jumping the queue."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..article import RawDocument
from ..errors import InvalidInput, error_record
from ..settings import Settings
from .fetch import PoliteFetcher
from .follow import FeedFollower

if TYPE_CHECKING:
    from ..api.ports import Events
    from ..api.summarising import SummaryService

log = logging.getLogger(__name__)


async def follow_in_background(
    settings: Settings, service: SummaryService, events: Events | None
) -> None:
    """Pass over settings.feeds every feed_interval_s until cancelled."""
    from ..api.schemas import ArticleIn

    loop = asyncio.get_running_loop()
    stop = threading.Event()
    fetcher = PoliteFetcher(settings)

    def process(docs: list[RawDocument]) -> list[dict]:
        records: dict[str, dict] = {}
        items = []
        for d in docs:
            try:
                items.append(ArticleIn(text=d.body, title=d.title, id=d.id, url=d.url,
                                       published_at=d.published_at, format=d.format))
            except ValidationError as exc:
                reason = InvalidInput(f"{exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}")
                records[d.id] = error_record(d.id, reason, detail=True)
        if items:
            future = asyncio.run_coroutine_threadsafe(service.summarise(items), loop)
            # Bounded, so a pass cut short by shutdown cannot hang the worker thread.
            for art_id, result in future.result(timeout=settings.request_timeout_s + 5):
                if isinstance(result, Exception):
                    result = error_record(art_id, result, detail=True)
                records[art_id] = result
        return [records[d.id] for d in docs]

    def seen(article_id: str) -> bool:
        if events is None:
            return False
        # On the store thread, like every other store call of the service.
        lookup = service.store(events.get_article, article_id)
        found = asyncio.run_coroutine_threadsafe(lookup, loop)
        return found.result(timeout=settings.request_timeout_s) is not None

    def write(record: dict) -> None:
        if "error" in record:
            log.warning("feed item %s (%s): %s", record["id"], record.get("url"),
                        record["error"]["message"])

    follower = FeedFollower(settings.feeds, fetcher, process, write, seen, stopping=stop.is_set)
    try:
        while True:
            try:
                totals = await asyncio.to_thread(follower.run_pass)
                log.info("feeds: %s", totals.line())
            except Exception:  # noqa: BLE001 - the next pass tries again
                log.exception("feeds: the pass failed; next try in %g s", settings.feed_interval_s)
            await asyncio.sleep(settings.feed_interval_s)
    finally:
        stop.set()
        fetcher.close()
