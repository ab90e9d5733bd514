"""The dynamic batcher: order, timing, buckets, failures, cancellation, shutdown."""

from __future__ import annotations

import asyncio
import threading
import time
from contextlib import asynccontextmanager
from types import SimpleNamespace

import pytest

from saaransh.api.batching import Batcher, BatchLimits, pick_batch
from saaransh.errors import QueueFull, ShuttingDown, WorkerFailed
from saaransh.summarise.base import Summary, SummaryRequest


def req(doc_id: str, lang: str = "en", words: int = 3, max_words: int = 60) -> SummaryRequest:
    return SummaryRequest(
        doc_id=doc_id,
        sentences=(" ".join(["w"] * words),),
        source_lang="hi",
        target_lang=lang,  # type: ignore[arg-type]
        max_words=max_words,
    )


class Recorder:
    """A model that echoes doc ids and remembers every batch it was given."""

    def __init__(self, poison: str | None = None, block: threading.Event | None = None):
        self.batches: list[list[SummaryRequest]] = []
        self.poison, self.block = poison, block

    def __call__(self, requests: list[SummaryRequest]) -> list[Summary | Exception]:
        self.batches.append(list(requests))
        if self.block is not None:
            self.block.wait(5)
        if self.poison and any(r.doc_id == self.poison for r in requests):
            raise RuntimeError("poisoned batch")
        return [Summary(r.doc_id, r.target_lang, "extractive", "rec") for r in requests]


@asynccontextmanager
async def running(run_batch, *, size=4, tokens=10_000, wait_ms=5.0, max_queue=100):
    limits = BatchLimits(max_batch_size=size, max_batch_tokens=tokens, max_wait_s=wait_ms / 1000)
    batcher = Batcher(run_batch, limits, max_queue=max_queue)
    batcher.start()
    try:
        yield batcher
    finally:
        await batcher.stop(drain_timeout=1.0)


async def test_results_come_back_to_the_right_caller_in_order():
    model = Recorder()
    async with running(model, size=4) as b:
        requests = [req(f"d{i}", words=10 - i) for i in range(10)]
        results = await asyncio.gather(*b.submit(requests))
    assert [r.text for r in results] == [f"d{i}" for i in range(10)]
    assert max(len(batch) for batch in model.batches) <= 4


async def test_a_lone_item_waits_about_max_wait_then_goes():
    async with running(Recorder(), wait_ms=80) as b:
        start = time.monotonic()
        (fut,) = b.submit([req("alone")])
        await fut
        elapsed = time.monotonic() - start
    assert 0.07 <= elapsed < 0.6


async def test_a_full_batch_does_not_wait_for_max_wait():
    async with running(Recorder(), size=3, wait_ms=5_000) as b:
        start = time.monotonic()
        await asyncio.gather(*b.submit([req("a"), req("b"), req("c")]))
    assert time.monotonic() - start < 1.0


async def test_buckets_never_mix_target_languages_or_generation_settings():
    model = Recorder()
    async with running(model, size=8) as b:
        requests = [req(f"d{i}", lang=("en", "hi")[i % 2], max_words=(60, 30)[i % 3 == 0])
                    for i in range(24)]
        await asyncio.gather(*b.submit(requests))
    for batch in model.batches:
        assert len({(r.target_lang, r.max_words) for r in batch}) == 1
    assert sorted(r.doc_id for batch in model.batches for r in batch) == sorted(
        r.doc_id for r in requests
    )


async def test_a_model_exception_resolves_every_future():
    def broken(requests):
        raise RuntimeError("CUDA out of memory")

    async with running(broken, size=4) as b:
        futures = b.submit([req(f"d{i}") for i in range(6)])
        results = await asyncio.wait_for(asyncio.gather(*futures, return_exceptions=True), 5)
    assert all(isinstance(r, RuntimeError) for r in results)


async def test_split_retry_isolates_one_poisoned_item():
    model = Recorder(poison="d5")
    async with running(model, size=8, wait_ms=50) as b:
        futures = b.submit([req(f"d{i}") for i in range(8)])
        results = await asyncio.gather(*futures, return_exceptions=True)
    assert isinstance(results[5], RuntimeError)
    assert [r.text for i, r in enumerate(results) if i != 5] == [
        f"d{i}" for i in range(8) if i != 5
    ]
    # 8 -> 4+4 -> 2+2 -> 1+1: the poison is isolated in log2(8) splits, not 8 single calls.
    assert len(model.batches) <= 1 + 2 + 2 + 2


async def test_per_item_exceptions_fail_only_their_item():
    def partial(requests):
        return [
            ValueError("bad") if r.doc_id == "bad" else Summary(r.doc_id, "en", "extractive", "m")
            for r in requests
        ]

    async with running(partial) as b:
        results = await asyncio.gather(*b.submit([req("ok"), req("bad")]), return_exceptions=True)
    assert results[0].text == "ok" and isinstance(results[1], ValueError)


@pytest.mark.parametrize("exc_type", [SystemExit, KeyboardInterrupt, GeneratorExit])
async def test_a_worker_base_exception_fails_the_batch_but_not_the_server(exc_type):
    calls = []

    def dies_once(requests):
        calls.append(len(requests))
        if len(calls) == 1:
            raise exc_type()
        return [Summary(r.doc_id, "en", "extractive", "m") for r in requests]

    async with running(dies_once) as b:
        first = await asyncio.gather(*b.submit([req("a"), req("b")]), return_exceptions=True)
        assert all(isinstance(r, WorkerFailed) for r in first)
        (after,) = await asyncio.gather(*b.submit([req("c")]))
    assert after.text == "c"


async def test_a_backend_returning_the_wrong_count_fails_every_item():
    async with running(lambda requests: []) as b:
        results = await asyncio.gather(*b.submit([req("a"), req("b")]), return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results)


async def test_cancelled_items_are_never_sent_to_the_model():
    gate = threading.Event()
    model = Recorder(block=gate)
    async with running(model, size=2, wait_ms=1) as b:
        (first,) = b.submit([req("first")])
        while not model.batches:  # the model is now busy with "first"
            await asyncio.sleep(0.005)
        futures = b.submit([req(f"q{i}") for i in range(4)])
        futures[1].cancel()
        futures[2].cancel()
        assert b.depth == 2
        gate.set()
        await asyncio.gather(first, futures[0], futures[3])
    sent = [r.doc_id for batch in model.batches for r in batch]
    assert "q1" not in sent and "q2" not in sent
    assert {"first", "q0", "q3"} <= set(sent)


async def test_a_full_queue_refuses_with_retry_after():
    gate = threading.Event()
    async with running(Recorder(block=gate), size=1, max_queue=3) as b:
        b.submit([req("busy")])
        await asyncio.sleep(0.05)
        b.submit([req("a"), req("b"), req("c")])  # exactly max_queue waiting: admitted
        with pytest.raises(QueueFull) as info:
            b.submit([req("one too many")])
        assert info.value.retry_after >= 1
        gate.set()


async def test_a_group_larger_than_the_queue_is_admitted_into_an_empty_queue():
    async with running(Recorder(), max_queue=2) as b:
        results = await asyncio.gather(*b.submit([req(f"d{i}") for i in range(5)]))
    assert len(results) == 5


async def test_shutdown_resolves_queued_and_running_items_with_shutting_down():
    gate = threading.Event()
    model = Recorder(block=gate)
    limits = BatchLimits(max_batch_size=1, max_batch_tokens=1000, max_wait_s=0.001)
    b = Batcher(model, limits, max_queue=10)
    b.start()
    futures = b.submit([req("running"), req("queued1"), req("queued2")])
    while not model.batches:
        await asyncio.sleep(0.005)
    await b.stop(drain_timeout=0.05)
    gate.set()
    results = await asyncio.gather(*futures, return_exceptions=True)
    assert all(isinstance(r, ShuttingDown) for r in results)
    with pytest.raises(ShuttingDown):
        b.submit([req("late")])


async def test_a_crashed_collector_fails_everything_queued_and_refuses_new_work():
    async with running(Recorder(), wait_ms=50) as b:
        def boom(key):
            raise AssertionError("collector bug")

        b._take = boom  # type: ignore[method-assign]
        futures = b.submit([req("a"), req("b")])
        results = await asyncio.wait_for(asyncio.gather(*futures, return_exceptions=True), 5)
        assert all(isinstance(r, WorkerFailed) for r in results)
        with pytest.raises(WorkerFailed):
            b.submit([req("c")])


def item(tokens: int, done: bool = False):
    return SimpleNamespace(tokens=tokens, future=SimpleNamespace(done=lambda: done))


@pytest.mark.parametrize(
    ("lengths", "size", "budget", "expected"),
    [
        ([5, 5, 5], 8, 100, [5, 5, 5]),  # under every limit: all go
        ([5, 5, 5], 2, 100, [5, 5]),  # max_batch_size
        ([40, 40, 40], 8, 100, [40, 40]),  # token budget: 80 <= 100 < 120
        ([40, 30, 30], 8, 100, [30, 30, 40]),  # exactly at the budget: all go
        ([500, 5, 5], 8, 100, [500]),  # longer than the budget: goes alone
        ([100, 5, 90, 6, 110], 2, 1000, [90, 100]),  # company of similar length
    ],
)
def test_pick_batch(lengths, size, budget, expected):
    queue = [item(n) for n in lengths]
    limits = BatchLimits(max_batch_size=size, max_batch_tokens=budget, max_wait_s=0)
    batch = pick_batch(queue, limits)
    assert sorted(it.tokens for it in batch) == sorted(expected)
    assert queue[0] in batch  # the oldest always goes


def test_pick_batch_skips_done_items():
    queue = [item(5, done=True), item(7), item(9)]
    limits = BatchLimits(max_batch_size=8, max_batch_tokens=100, max_wait_s=0)
    assert [it.tokens for it in pick_batch(queue, limits)] == [7, 9]
