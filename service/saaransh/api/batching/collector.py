"""Dynamic batching: many callers' model work, one model call at a time.

Each work item (batching/work.py: a summary request, a translation or a job) waits in a bucket
(its lane and kind, then target language and generation settings, so a batch never mixes
them) with its Future. The collector serves the request lane first: background items
(event summaries) are only dispatched while no request item waits, so they fill the gaps
and never delay a waiting request by more than the one background batch already running.
Within a lane it dispatches a bucket when it is full (max_batch_size or max_batch_tokens)
or when its oldest item has waited max_wait_ms, picking company of similar length for the
oldest item from a window of the queue. The model runs in ONE worker thread. Every Future
is resolved: with the result, with the per-item exception, or with an error when the model
or the batcher itself fails.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ...errors import QueueFull, ShuttingDown, WorkerFailed
from ...summarise.base import Summary, SummaryRequest, Translation
from ..metrics import Metrics
from .policy import BatchLimits, pick_batch
from .work import Job, Lane, Work, bucket_key, text_of

log = logging.getLogger(__name__)
RunBatch = Callable[[list[SummaryRequest]], Sequence[Summary | Exception]]
RunTranslations = Callable[[list[Translation]], Sequence[str | Exception]]
T = TypeVar("T")


@dataclass(eq=False)
class QueuedItem:
    """A work item plus the Future its caller awaits."""

    work: Work
    future: asyncio.Future[Any]
    tokens: int
    lane: Lane = Lane.REQUEST
    enqueued: float = field(default_factory=time.monotonic)


class Batcher:
    def __init__(
        self,
        run_batch: RunBatch,
        limits: BatchLimits,
        *,
        translate: RunTranslations | None = None,
        max_queue: int,
        token_count: Callable[[str], int] | None = None,
        metrics: Metrics | None = None,
        name: str = "summariser",
    ) -> None:
        self.run_batch, self.limits, self.max_queue = run_batch, limits, max_queue
        self.translate = translate
        self.token_count = token_count or (lambda text: len(text.split()))
        self.metrics, self.name = metrics, name
        self._buckets: dict[Hashable, deque[QueuedItem]] = {}
        self._wakeup = asyncio.Event()
        self._idle = asyncio.Event()
        self._executor = ThreadPoolExecutor(1, thread_name_prefix=f"saaransh-{name}")
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._dead: BaseException | None = None
        self._batch_seconds = 0.05  # running mean of one model call, for Retry-After
        if metrics is not None:
            metrics.watch_queue(name, lambda: self.depth)

    # -- public ------------------------------------------------------------------
    @property
    def depth(self) -> int:
        """Request items waiting for the model (cancelled ones no longer count)."""
        return self._waiting(Lane.REQUEST)

    @property
    def background_depth(self) -> int:
        """Background items waiting for the model."""
        return self._waiting(Lane.BACKGROUND)

    def _waiting(self, lane: Lane) -> int:
        return sum(not it.future.done() and it.lane == lane
                   for q in self._buckets.values() for it in q)  # fmt: skip

    @property
    def alive(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._collect(), name=self.name)
        self._task.add_done_callback(self._on_collector_exit)

    def submit(
        self,
        work: Sequence[Work],
        tokens: Sequence[int] | None = None,
        lane: Lane = Lane.REQUEST,
    ) -> list[asyncio.Future[Any]]:
        """Queue all of one caller's items or none of them (QueueFull, ShuttingDown).
        Only request items count against max_queue: background work is bounded by its
        producer and must never turn a client away."""
        self.check_room(len(work) if lane == Lane.REQUEST else 0)
        loop = asyncio.get_running_loop()
        futures = []
        for i, item in enumerate(work):
            n = tokens[i] if tokens is not None else self.token_count(text_of(item))
            queued = QueuedItem(item, loop.create_future(), n, lane)
            self._buckets.setdefault(bucket_key(item, lane), deque()).append(queued)
            futures.append(queued.future)
        self._idle.clear()
        self._wakeup.set()
        return futures

    def check_room(self, items: int, reserved: int = 0) -> None:
        """Raise QueueFull (or ShuttingDown, WorkerFailed) unless `items` more request
        items fit in the queue beside `reserved` ones promised to callers still being
        analysed. Cheap, so a request is refused before any work is spent on it."""
        if self._dead is not None:
            raise WorkerFailed("the summariser stopped unexpectedly")
        if self._closing or not self.alive:
            raise ShuttingDown("the summariser is not accepting work (shutting down)")
        depth = self.depth + reserved
        # An oversized group is still admitted into an empty queue, else it could never run.
        if items and depth and depth + items > self.max_queue:
            raise QueueFull(
                f"the queue is full ({depth} of {self.max_queue} items); retry later",
                retry_after=self._retry_after(depth),
            )

    async def run_job(self, fn: Callable[..., T], *args: Any, lane: Lane = Lane.REQUEST) -> T:
        """Run `fn(*args)` on the model thread, alone, when its lane's turn comes."""
        (future,) = self.submit([Job(fn, args)], lane=lane)
        return await future

    async def stop(self, drain_timeout: float = 30.0) -> None:
        """Take nothing new, let queued work finish (up to `drain_timeout`), then fail the
        rest with ShuttingDown and stop the worker thread."""
        self._closing = True
        self._wakeup.set()
        if self.alive:
            try:
                await asyncio.wait_for(self._idle.wait(), drain_timeout)
            except TimeoutError:
                log.warning("batcher %s: drain timed out after %.1fs", self.name, drain_timeout)
            assert self._task is not None
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self._fail_queued(ShuttingDown("the server is shutting down"))
        self._executor.shutdown(wait=False, cancel_futures=True)

    # -- the collector -------------------------------------------------------------
    async def _collect(self) -> None:
        while True:
            batch = await self._next_batch()
            await self._run(batch)

    async def _next_batch(self) -> list[QueuedItem]:
        while True:
            self._drop_done()
            if not self._buckets:
                self._idle.set()
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            # The request lane first: background buckets wait while a request item waits.
            lane = min(q[0].lane for q in self._buckets.values())
            keys = [k for k, q in self._buckets.items() if q[0].lane == lane]
            now = time.monotonic()
            oldest_key = min(keys, key=lambda k: self._buckets[k][0].enqueued)
            deadline = self._buckets[oldest_key][0].enqueued + self.limits.max_wait_s
            if now >= deadline or self._closing:
                return self._take(oldest_key)
            full = next((k for k in keys if self._is_full(self._buckets[k])), None)
            if full is not None:
                return self._take(full)
            self._wakeup.clear()
            try:
                await asyncio.wait_for(self._wakeup.wait(), deadline - now)
            except TimeoutError:
                pass

    def _is_full(self, queue: deque[QueuedItem]) -> bool:
        # A job has no company to wait for.
        return isinstance(queue[0].work, Job) or self.limits.is_full(queue)

    def _drop_done(self) -> None:
        # Cancelled futures belong to clients that left or timed out: skip their work.
        for key in list(self._buckets):
            queue = self._buckets[key]
            live = deque(it for it in queue if not it.future.done())
            if live:
                self._buckets[key] = live
            else:
                del self._buckets[key]

    def _take(self, key: Hashable) -> list[QueuedItem]:
        queue = self._buckets[key]
        jobs = isinstance(queue[0].work, Job)
        batch = [queue[0]] if jobs else pick_batch(list(queue), self.limits)
        chosen = set(map(id, batch))
        rest = deque(it for it in queue if id(it) not in chosen)
        if rest:
            self._buckets[key] = rest
        else:
            del self._buckets[key]
        return batch

    async def _run(self, batch: list[QueuedItem]) -> None:
        """One model call; a failing batch is retried in halves so a bad item fails alone."""
        live = [it for it in batch if not it.future.done()]
        if not live:
            return
        start = time.perf_counter()
        try:
            results = await self._on_model_thread(self._call, [it.work for it in live])
        except asyncio.CancelledError:
            _fail(live, ShuttingDown("the server is shutting down"))
            raise
        except WorkerFailed as exc:
            _fail(live, exc)
            return
        except Exception as exc:
            if len(live) == 1:
                _fail(live, exc)
                return
            log.warning("batch of %d failed (%s); retrying in halves", len(live), exc)
            half = len(live) // 2
            await self._run(live[:half])
            await self._run(live[half:])
            return
        seconds = time.perf_counter() - start
        if isinstance(live[0].work, SummaryRequest) and live[0].lane == Lane.REQUEST:
            # What a waiting request pays per batch: the base of Retry-After and the metrics.
            self._batch_seconds = 0.8 * self._batch_seconds + 0.2 * seconds
            if self.metrics is not None:
                self.metrics.observe_batch(self.name, len(live), seconds)
        if len(results) != len(live):
            _fail(live, RuntimeError(f"backend gave {len(results)} results for {len(live)}"))
            return
        for item, result in zip(live, results, strict=True):
            if item.future.done():
                continue
            if isinstance(result, BaseException):
                item.future.set_exception(result)
            else:
                item.future.set_result(result)

    def _call(self, work: list[Work]) -> Sequence[Any]:
        try:
            return self._dispatch(work)
        except Exception:
            raise
        except BaseException as exc:
            # SystemExit/KeyboardInterrupt from a worker thread would otherwise surface in
            # the event loop and take the whole server down mid-request.
            raise WorkerFailed(f"the model worker failed ({type(exc).__name__})") from exc

    def _dispatch(self, work: list[Any]) -> Sequence[Any]:
        """One batch of one kind (a bucket never mixes kinds) to the function that runs it."""
        first = work[0]
        if isinstance(first, Job):
            return [first()]
        if isinstance(first, Translation):
            if self.translate is None:
                raise RuntimeError("this batcher has no translator")
            return self.translate(work)
        return self.run_batch(work)

    async def _on_model_thread(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    # -- failure paths ---------------------------------------------------------------
    def _on_collector_exit(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            log.error("batcher %s: collector died", self.name, exc_info=exc)
            self._dead = exc
            self._fail_queued(WorkerFailed("the summariser stopped unexpectedly"))
            self._idle.set()

    def _fail_queued(self, error: Exception) -> None:
        for queue in self._buckets.values():
            _fail(queue, error)
        self._buckets.clear()

    def _retry_after(self, depth: int) -> int:
        batches_ahead = depth / self.limits.max_batch_size + 1
        return int(batches_ahead * self._batch_seconds) + 1


def _fail(items: Sequence[QueuedItem] | deque[QueuedItem], error: BaseException) -> None:
    for item in items:
        if not item.future.done():
            item.future.set_exception(error)
