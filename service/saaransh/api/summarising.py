"""From request bodies to article records: admit (or 429), analyse (a small pool of
worker threads), summarise and translate (work items in the batcher), assemble, and file
the result in the events store when there is one.

The routes stay thin; this is the same engine path the CLI takes, with the model call
shared across concurrent requests. Nothing heavy runs on the event loop, and nothing
runs for a request that was refused: admission counts the articles still in analysis
as queued, so a flood is shed with 429 before it costs any CPU.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..article import RawDocument
from ..engine import ArticleResult, Engine, Plan, conclude
from ..errors import ClientGone, InvalidInput, SaaranshError, StoreUnavailable, Timeout
from ..store.db import describe_failure, unreachable
from ..text.normalise import lone_surrogate_at
from .batching import Batcher
from .ports import Events, StagedEvents
from .schemas import ArticleIn

log = logging.getLogger(__name__)
T = TypeVar("T")
# An article's clustering features, computed ahead: its request's job and its index there.
Ahead = tuple[asyncio.Future[list[Any]], int]


def article_id(text: str) -> str:
    """A stable id for an article sent without one: the same text always gets the same id."""
    return "art_" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def check_text(text: str, max_chars: int, field_name: str = "text") -> None:
    """Reject what the pipeline must never see; messages name the field and the limit."""
    if not text.strip():
        raise InvalidInput(f"{field_name}: empty or only whitespace")
    if len(text) > max_chars:
        raise InvalidInput(
            f"{field_name}: {len(text)} characters, over the limit of {max_chars} (max_chars)"
        )
    nul = text.find("\x00")
    if nul >= 0:
        raise InvalidInput(f"{field_name}: contains a NUL character at position {nul}")
    if (at := lone_surrogate_at(text)) is not None:
        raise InvalidInput(
            f"{field_name}: contains a lone surrogate at position {at}; send valid Unicode"
        )


@dataclass
class Prepared:
    """One article after analysis and planning, or the reason it cannot go further."""

    id: str
    plan: Plan | None = None
    tokens: list[int] = field(default_factory=list)
    error: Exception | None = None
    # Model work to run in slices before the model call (a long article's embeddings).
    prefetch: list[Callable[[], object]] = field(default_factory=list)
    features: Ahead | None = None  # its clustering features, computed while the model works


class SummaryService:
    def __init__(
        self,
        engine: Engine,
        batcher: Batcher,
        *,
        max_chars: int,
        default_langs: Sequence[str],
        events: Events | None = None,
        analysis_workers: int = 2,
    ) -> None:
        self.engine, self.batcher, self.events = engine, batcher, events
        self.max_chars, self.default_langs = max_chars, tuple(default_langs)
        # SQLite wants its writes in one thread; the store is slow I/O, not model work.
        self._store_thread = ThreadPoolExecutor(1, thread_name_prefix="saaransh-store")
        # Analysis is CPU-bound Python: a few threads keep the loop free, more would only
        # let one huge article crowd the CPU. A job still waiting here when its request
        # is cancelled (deadline, client gone) is dropped unstarted.
        self._analysis = ThreadPoolExecutor(
            analysis_workers, thread_name_prefix="saaransh-analysis"
        )
        # The embedding work of clustering runs here while the model summarises: left to
        # the store thread after the model, it made the answers of one batch leave one by
        # one over a minute on a CPU, and the clients came back in halves (half batches).
        self._clustering = ThreadPoolExecutor(1, thread_name_prefix="saaransh-clustering")
        self._reserved = 0  # model items promised to articles still in analysis

    async def summarise(self, items: Sequence[ArticleIn]) -> list[tuple[str, dict | Exception]]:
        """(article id, record or exception) in request order; every model item of every
        article goes to the batcher at once, so one request's articles share batches (and
        then their translations, likewise)."""
        expected = sum(len(it.target_langs or self.default_langs) for it in items)
        self.batcher.check_room(expected, reserved=self._reserved)  # 429 before any work
        self._reserved += expected
        try:
            loop = asyncio.get_running_loop()
            prepared = await asyncio.gather(
                *(loop.run_in_executor(self._analysis, self._prepare, it) for it in items)
            )
        finally:
            self._reserved -= expected
        self._cluster_ahead(prepared)
        for p in prepared:
            await self._run_slices(p)
        # The engine's one orchestration path, its model steps sent through the batcher.
        plans = [p.plan for p in prepared if p.plan is not None]
        tokens = [n for p in prepared if p.plan is not None for n in p.tokens]
        steps = self.engine.orchestrate(plans)
        translations = steps.send(await self._model(next(steps), tokens))
        results = iter(conclude(steps, await self._model(translations)))
        out: list[tuple[str, dict | Exception]] = []
        for p in prepared:
            result = p.error if p.plan is None else next(results)
            assert result is not None
            if isinstance(result, Exception):
                out.append((p.id, result))
                continue
            try:
                out.append((p.id, await self._finish(result, p.features)))
            except Exception as exc:  # noqa: BLE001 - reported for this article only
                out.append((p.id, exc))
        return out

    async def _model(self, work: Sequence[Any], tokens: Sequence[int] | None = None) -> list:
        """Results (or per-item exceptions) of model work items, in order."""
        if not work:
            return []
        results = await asyncio.gather(*self.batcher.submit(work, tokens), return_exceptions=True)
        for result in results:
            # The service failing (draining, worker dead) fails the request, not an item.
            if isinstance(result, SaaranshError) and result.status >= 500:
                raise result
            if isinstance(result, asyncio.CancelledError):
                raise result
        return results

    async def _run_slices(self, p: Prepared) -> None:
        # One slice at a time, each awaited: other batches take their turn between
        # slices, and a cancelled request (deadline, client gone) stops here.
        for piece in p.prefetch:
            try:
                await self.batcher.run_job(piece)
            except Exception:  # noqa: BLE001 - only a head start: the model call redoes it
                log.warning("prefetch for %s failed; the model call does the work", p.id,
                            exc_info=True)
                return

    def _prepare(self, item: ArticleIn) -> Prepared:
        art_id = item.id or article_id(item.text)
        try:
            check_text(item.text, self.max_chars)
            raw = RawDocument(
                id=art_id,
                body=item.text,
                format=item.format,
                title=item.title,
                url=item.url,
                published_at=item.published_at,
                source="request",
            )
            article = self.engine.analyse(raw)
            plan = self.engine.plan(article, item.target_langs or self.default_langs)
            summariser = self.engine.summariser
            tokens = [summariser.token_count(r.text) for r in plan.requests]
            pieces = [s for r in plan.requests for s in summariser.prefetch(r)]
            return Prepared(art_id, plan, tokens, prefetch=pieces)
        except Exception as exc:  # noqa: BLE001 - reported for this article only
            return Prepared(art_id, error=exc)

    def _cluster_ahead(self, prepared: Sequence[Prepared]) -> None:
        """Start the clustering features of the request's analysed articles (one batched
        embedding call) on the clustering thread, to run while their summaries wait for
        and run on the model. When the request ends first (deadline, client gone, a failed
        model call), a job not yet started is dropped."""
        ready = [p for p in prepared if p.plan is not None]
        if not ready or not isinstance(self.events, StagedEvents):
            return
        articles = [p.plan.article for p in ready if p.plan is not None]
        job = asyncio.get_running_loop().run_in_executor(
            self._clustering, self.events.article_features, articles
        )
        # A job whose request failed elsewhere is not awaited: take its error here, not
        # in asyncio's "exception never retrieved" log.
        job.add_done_callback(lambda f: f.cancelled() or f.exception())
        task = asyncio.current_task()
        if task is not None:
            task.add_done_callback(lambda _: job.cancel())
        for index, p in enumerate(ready):
            p.features = (job, index)

    async def _finish(self, result: ArticleResult, features: Ahead | None = None) -> dict:
        if self.events is not None:
            result.cluster_id = await self._ingest(result, features)
        return result.to_record()

    async def _ingest(self, result: ArticleResult, features: Ahead | None = None) -> str | None:
        assert self.events is not None
        # No summary claims a store it did not make: a failed write fails the article
        # (503 store_unavailable when the database is unreachable), never 200 without it.
        if features is None or not isinstance(self.events, StagedEvents):
            return await self.store(self.events.ingest, result)
        job, index = features
        # Computed ahead: the store thread is left with the writes, a few ms an article.
        ahead = (await job)[index]
        (event_id,) = await self.store(self.events.ingest_many, [result], [ahead])
        return event_id

    async def store(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store call on the store thread; an unreachable database is
        StoreUnavailable (503), whatever the driver called it."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._store_thread, fn, *args)
        except Exception as exc:
            if not unreachable(exc):
                raise
            log.warning("events store unreachable: %s", describe_failure(exc))
            raise StoreUnavailable(
                "the events store cannot be reached; nothing was stored or read"
            ) from exc

    def close(self) -> None:
        self._analysis.shutdown(wait=False, cancel_futures=True)
        self._clustering.shutdown(wait=False, cancel_futures=True)
        self._store_thread.shutdown(wait=True)


async def with_deadline(
    work: Awaitable[T], timeout_s: float, disconnected: Callable[[], Awaitable[Any]]
) -> T:
    """Await `work` until it finishes, the deadline passes (504) or the client leaves;
    in the last two cases the work is cancelled, which drops its queued model items."""
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(disconnected())
    try:
        done, _ = await asyncio.wait(
            {task, gone}, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        gone.cancel()
        if not task.done():
            task.cancel()
    if task in done:
        return task.result()
    await asyncio.gather(task, return_exceptions=True)
    if gone in done:
        raise ClientGone("the client closed the connection")
    raise Timeout(f"no result within {timeout_s:g} s (request_timeout_s)")
