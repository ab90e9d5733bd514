"""The batcher's typed work: the request lane before the background lane, translations
batched per language pair, jobs alone on the model thread."""

from __future__ import annotations

import asyncio
import threading

import pytest

from saaransh.api.batching import Batcher, BatchLimits, Lane
from saaransh.errors import QueueFull
from saaransh.summarise.base import Translation
from test_batcher import Recorder, req, running


async def test_background_items_wait_while_a_request_item_waits():
    gate = threading.Event()
    model = Recorder(block=gate)
    async with running(model, size=4, wait_ms=1) as b:
        busy = b.submit([req("busy")])
        while not model.batches:  # the model is now busy
            await asyncio.sleep(0.005)
        background = b.submit([req("bg1"), req("bg2")], lane=Lane.BACKGROUND)
        await asyncio.sleep(0.02)  # the background items are older...
        request = b.submit([req("fg")])  # ...but the request goes first, and alone
        gate.set()
        await asyncio.gather(*busy, *background, *request)
    assert [[r.doc_id for r in batch] for batch in model.batches] == [
        ["busy"], ["fg"], ["bg1", "bg2"]
    ]


async def test_background_items_never_fill_the_queue_for_requests():
    gate = threading.Event()
    async with running(Recorder(block=gate), size=1, max_queue=2) as b:
        b.submit([req("busy")])
        await asyncio.sleep(0.02)
        b.submit([req(f"bg{i}") for i in range(10)], lane=Lane.BACKGROUND)
        assert (b.depth, b.background_depth) == (0, 10)
        b.submit([req("a"), req("b")])  # max_queue counts request items only
        with pytest.raises(QueueFull):
            b.submit([req("c")])
        gate.set()


class PairTranslator:
    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Translation]]] = []

    def __call__(self, items):
        self.calls.append((threading.current_thread().name, list(items)))
        return [f"<{t.source_lang}->{t.target_lang}> {t.text}" for t in items]


async def test_translations_are_batched_per_language_pair_on_the_model_thread():
    translate = PairTranslator()
    limits = BatchLimits(max_batch_size=8, max_batch_tokens=10_000, max_wait_s=0.02)
    b = Batcher(Recorder(), limits, translate=translate, max_queue=100, name="m")
    b.start()
    try:
        items = [Translation("a", "hi", "en"), Translation("b", "en", "hi"),
                 Translation("c", "hi", "en")]  # fmt: skip
        out = await asyncio.gather(*b.submit(items))
    finally:
        await b.stop(drain_timeout=1)
    assert out == ["<hi->en> a", "<en->hi> b", "<hi->en> c"]
    pairs = sorted([(t.source_lang, t.target_lang) for t in batch] for _, batch in translate.calls)
    assert pairs == [[("en", "hi")], [("hi", "en"), ("hi", "en")]]
    assert {thread for thread, _ in translate.calls} == {"saaransh-m_0"}


async def test_a_job_runs_alone_on_the_model_thread_and_its_error_reaches_the_caller():
    async with running(Recorder()) as b:
        name = await b.run_job(lambda: threading.current_thread().name)
        with pytest.raises(ZeroDivisionError):
            await b.run_job(lambda: 1 / 0, lane=Lane.BACKGROUND)
    assert name.startswith("saaransh-summariser")
