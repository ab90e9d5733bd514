"""One pass over the feeds: every item not seen before is fetched once, then handed, in
chunks, to `process` (the summarise-and-cluster path of the CLI or of the server)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..article import RawDocument
from ..errors import FetchError, SaaranshError, error_record
from ..jobs import chunked
from ..text.normalise import decode_bytes
from .fetch import PoliteFetcher
from .source import FeedItem, read_feed

log = logging.getLogger(__name__)
Process = Callable[[list[RawDocument]], list[dict]]
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


@dataclass
class PassTotals:
    items: int = 0  # new items written (articles and errors)
    errors: int = 0
    seen: int = 0  # skipped: already in the output or the store
    failed_feeds: list[str] = field(default_factory=list)  # one-line reasons

    def line(self) -> str:
        return (
            f"{self.items} new items ({self.errors} errors), {self.seen} already seen, "
            f"{len(self.failed_feeds)} feeds unreadable"
        )


class FeedFollower:
    def __init__(
        self,
        sources: Sequence[str],
        fetcher: PoliteFetcher,
        process: Process,
        write: Callable[[dict], None],
        seen: Callable[[str], bool],
        *,
        chunk_size: int = 8,
        stopping: Callable[[], bool] = lambda: False,
    ) -> None:
        self.sources, self.fetcher, self.process = list(sources), fetcher, process
        self.write, self.seen, self.chunk_size, self.stopping = write, seen, chunk_size, stopping
        # Ids written by this process: `seen` may not know them yet (the output file is read
        # once, at start), and an error record never reaches the store.
        self.done: set[str] = set()

    def run_pass(self) -> PassTotals:
        totals = PassTotals()
        for source in self.sources:
            try:
                items = read_feed(source, self.fetcher)
            except FetchError as exc:
                log.warning("feed %s", exc)
                totals.failed_feeds.append(str(exc))
                continue
            new: dict[str, FeedItem] = {}  # a feed that lists an item twice gets it once
            for item in items:
                if item.id in self.done or item.id in new or self.seen(item.id):
                    totals.seen += 1
                    continue
                new[item.id] = item
            for chunk in chunked(new.values(), self.chunk_size):
                if self.stopping():
                    return totals
                self._run_chunk(chunk, totals)
        return totals

    def _run_chunk(self, chunk: list[FeedItem], totals: PassTotals) -> None:
        docs, failed = [], {}
        for item in chunk:
            try:
                docs.append(self._document(item))
            except SaaranshError as exc:  # a broken item is recorded; the rest go on
                failed[item.id] = error_record(item.id, exc, detail=True)
        records = iter(self.process(docs) if docs else [])
        for item in chunk:
            record = failed.get(item.id) or next(records)
            record["url"] = item.link
            self.write(record)
            self.done.add(item.id)
            totals.items += 1
            totals.errors += "error" in record

    def _document(self, item: FeedItem) -> RawDocument:
        if not item.link:
            raise FetchError(f"an item of {item.feed} has no link to fetch")
        page = self.fetcher.fetch(item.link)
        kind = PAGE_TYPES.get(page.content_type)
        if kind is None:
            what = page.content_type or "no content type"
            raise FetchError(f"{page.url}: {what}, not a web page")
        try:
            body = page.content.decode(page.encoding) if page.encoding else None
        except (LookupError, UnicodeDecodeError):
            body = None
        return RawDocument(
            id=item.id,
            body=body if body is not None else decode_bytes(page.content),
            format=kind,  # type: ignore[arg-type]
            title=item.title,
            url=page.url,
            published_at=item.published_at,
            source=item.link,
        )
