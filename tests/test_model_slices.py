"""A long article's model work runs in slices that take turns with other requests'
batches on the one model thread, and stops between slices when its deadline passes."""

from __future__ import annotations

import asyncio
import random
import threading
import time

from api_support import ENGLISH, make_settings, serve
from fake_engine import FakeEngine, FakeSummariser
from fakes import WordEmbedder
from saaransh.article import RawDocument
from saaransh.engine import Engine
from saaransh.summarise.base import SummaryRequest
from saaransh.summarise.extractive import PREFETCH_SLICE, ExtractiveSummariser

WORDS = ("the council said farmers would benefit from a new scheme after rain flooded "
         "the city while police and the court heard the minister").split()  # fmt: skip


def long_article(sentences: int) -> str:
    rng = random.Random(3)
    return " ".join(" ".join(rng.choice(WORDS) for _ in range(10)).capitalize() + "."
                    for _ in range(sentences))  # fmt: skip


class CachingEmbedder(WordEmbedder):
    """WordEmbedder with an LRU-like cache: `encoded` counts texts actually computed."""

    def __init__(self, cache_size: int = 10_000) -> None:
        super().__init__()
        self.cache_size, self.cache, self.encoded = cache_size, {}, 0

    def embed(self, texts):
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        self.encoded += len(missing)
        if missing:
            self.cache.update(zip(missing, super().embed(missing), strict=True))
        return np.stack([self.cache[t] for t in texts])


def _request(engine: Engine, body: str) -> SummaryRequest:
    article = engine.analyse(RawDocument(id="long", body=body))
    (request,) = engine.plan(article, ["en"]).requests
    return request


def test_prefetch_slices_fill_the_cache_and_change_nothing():
    embedder = CachingEmbedder()
    engine = Engine(ExtractiveSummariser(embedder))
    request = _request(engine, long_article(150))
    slices = engine.summariser.prefetch(request)
    assert len(slices) >= 150 // PREFETCH_SLICE
    for piece in slices:
        piece()
    computed = embedder.encoded
    (warm,) = engine.summariser.summarise([request])
    assert embedder.encoded == computed  # every text the summary needed was ready
    (cold,) = Engine(ExtractiveSummariser(CachingEmbedder())).summariser.summarise([request])
    assert warm.text == cold.text and warm.source_sentence_ids == cold.source_sentence_ids


def test_no_slices_for_a_short_article_or_a_cache_too_small_to_keep_them():
    engine = Engine(ExtractiveSummariser(CachingEmbedder()))
    assert engine.summariser.prefetch(_request(engine, ENGLISH + " " + ENGLISH)) == []
    small = Engine(ExtractiveSummariser(CachingEmbedder(cache_size=10)))
    assert small.summariser.prefetch(_request(small, long_article(150))) == []


class SlicedSummariser(FakeSummariser):
    """A fake whose long requests cost `slices` x `slice_s` of model time, in prefetch
    slices when the server runs them, else all at once inside `summarise`."""

    def __init__(self, slices: int, slice_s: float) -> None:
        super().__init__()
        self.slices, self.slice_s, self.log = slices, slice_s, []
        self.done: set[tuple[str, int]] = set()
        self._lock = threading.Lock()

    def _work(self, doc_id: str, i: int) -> None:
        with self._lock:
            if (doc_id, i) in self.done:
                return
            self.done.add((doc_id, i))
        time.sleep(self.slice_s)
        self.log.append(f"{doc_id}:{i}")

    def prefetch(self, request):
        if not request.doc_id.startswith("long"):
            return []
        return [lambda i=i: self._work(request.doc_id, i) for i in range(self.slices)]

    def summarise(self, requests):
        for r in requests:
            if r.doc_id.startswith("long"):
                for i in range(self.slices):
                    self._work(r.doc_id, i)
            else:
                self.log.append(r.doc_id)
        return super().summarise(requests)


def _engine(summariser, settings) -> FakeEngine:
    engine = FakeEngine(fake_analysis=True, max_chars=settings.max_chars)
    engine.summariser = summariser
    return engine


async def test_a_short_request_is_answered_between_a_long_ones_slices():
    settings = make_settings(request_timeout_s=20.0)
    summariser = SlicedSummariser(slices=20, slice_s=0.1)
    async with serve(settings, _engine(summariser, settings)) as client:
        long = asyncio.create_task(client.post("/v1/summaries", json={
            "id": "long", "text": ENGLISH, "target_langs": ["en"]}))  # fmt: skip
        while len(summariser.log) < 2:
            await asyncio.sleep(0.01)
        start = time.perf_counter()
        short = await client.post("/v1/summaries", json={
            "id": "short", "text": ENGLISH, "target_langs": ["en"]})  # fmt: skip
        short_s = time.perf_counter() - start
        assert (await long).status_code == 200
    assert short.status_code == 200
    assert short_s < 0.6  # a slice or two, not the 1.8 s left of the long one
    position = summariser.log.index("short")
    assert 2 <= position < len(summariser.log) - 10


async def test_a_deadline_stops_a_long_request_between_slices():
    settings = make_settings(request_timeout_s=0.5)
    summariser = SlicedSummariser(slices=20, slice_s=0.1)
    async with serve(settings, _engine(summariser, settings)) as client:
        r = await client.post("/v1/summaries", json={
            "id": "long", "text": ENGLISH, "target_langs": ["en"]})  # fmt: skip
        await asyncio.sleep(0.3)
        after = len(summariser.log)
        normal = await client.post("/v1/summaries", json={"id": "n", "text": ENGLISH,
                                                          "target_langs": ["en"]})  # fmt: skip
    assert r.status_code == 504
    assert after <= 7  # stopped at the deadline, not after all 20 slices (2 s)
    assert normal.status_code == 200
