"""Bounded work per request: admission (429) before any analysis, analysis on a small pool
off the event loop, and a deadline that drops the request's queued work so the pool and
the model are free for the next request. Hostile texts end well within their deadline."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from api_support import ENGLISH, fake_engine, make_settings, serve
from fake_engine import FakeEngine


class SlowAnalysis(FakeEngine):
    """The crude analysis, `delay_s` slower, counting calls and how many ran at once."""

    def __init__(self, delay_s: float, **kw) -> None:
        super().__init__(fake_analysis=True, **kw)
        self.delay_s, self.calls, self.running, self.most = delay_s, [], 0, 0
        self._lock = threading.Lock()

    def analyse(self, raw, reference_date=None):
        if raw.id == "warmup":  # the lifespan's own analysis, before serving
            return super().analyse(raw, reference_date)
        with self._lock:
            self.calls.append(raw.id)
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(self.delay_s)
            return super().analyse(raw, reference_date)
        finally:
            with self._lock:
                self.running -= 1


def _one(i: int) -> dict:
    return {"id": f"a{i}", "text": f"{ENGLISH} {i}", "target_langs": ["en"]}


async def test_a_refused_request_costs_no_analysis():
    settings = make_settings(max_queue=2, max_batch_size=1, request_timeout_s=10.0)
    engine = fake_engine(settings, delay_s=0.3)
    async with serve(settings, engine) as client:
        busy = asyncio.create_task(client.post("/v1/summaries", json=_one(0)))
        while not engine.summariser.batch_sizes:  # the model is busy with the first
            await asyncio.sleep(0.005)
        queued = [asyncio.create_task(client.post("/v1/summaries", json=_one(i)))
                  for i in (1, 2)]  # fmt: skip
        while client.app.state.batcher.depth < 2:
            await asyncio.sleep(0.005)
        seen = []
        real_analyse = engine.analyse
        engine.analyse = lambda raw, ref=None: seen.append(raw.id) or real_analyse(raw, ref)
        refused = await client.post("/v1/summaries", json=_one(3))
        await asyncio.gather(busy, *queued)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert seen == []  # shed before the text was even cleaned


async def test_articles_in_analysis_count_towards_the_queue():
    settings = make_settings(max_queue=2, analysis_workers=1, request_timeout_s=10.0)
    engine = SlowAnalysis(0.3, max_chars=settings.max_chars)
    async with serve(settings, engine) as client:
        answers = await asyncio.gather(*(client.post("/v1/summaries", json=_one(i))
                                         for i in range(4)))  # fmt: skip
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 200, 429, 429]
    assert len(engine.calls) == 2


async def test_analysis_runs_on_a_bounded_pool_off_the_loop():
    settings = make_settings(analysis_workers=2, request_timeout_s=10.0)
    engine = SlowAnalysis(0.2, max_chars=settings.max_chars)
    async with serve(settings, engine) as client:
        posts = [asyncio.create_task(client.post("/v1/summaries", json=_one(i)))
                 for i in range(6)]  # fmt: skip
        await asyncio.sleep(0.05)
        start = time.perf_counter()
        health = await client.get("/healthz")
        health_s = time.perf_counter() - start
        answers = await asyncio.gather(*posts)
    assert [a.status_code for a in answers] == [200] * 6
    assert engine.most == 2  # never more at once than analysis_workers
    assert health.status_code == 200 and health_s < 0.15  # the loop stayed free


async def test_a_deadline_drops_queued_analysis_and_frees_the_pool():
    settings = make_settings(analysis_workers=1, request_timeout_s=0.3)
    engine = SlowAnalysis(0.4, max_chars=settings.max_chars)
    async with serve(settings, engine) as client:
        late = await asyncio.gather(*(client.post("/v1/summaries", json=_one(i))
                                      for i in range(3)))  # fmt: skip
        await asyncio.sleep(0.2)  # the one analysis that started finishes
        engine.delay_s = 0.0
        after = await client.post("/v1/summaries", json=_one(9))
    assert [r.status_code for r in late] == [504, 504, 504]
    assert len(engine.calls) == 2 and engine.calls[1] == "a9"  # the two queued never ran
    assert after.status_code == 200


@pytest.fixture(scope="module")
def real_engine():
    from saaransh.factory import build_engine
    from saaransh.settings import Settings

    return build_engine(Settings(backend="extractive"))


HINDI_WORDS = "सरकार ने कहा किसानों को लाभ होगा बारिश बाढ़ शहर पुलिस अदालत मंत्री घोषणा".split()


@pytest.mark.parametrize(
    ("case", "text", "limit_s"),
    [
        ("unpunctuated Hindi, 199k characters",
         " ".join(HINDI_WORDS[i % len(HINDI_WORDS)] for i in range(40_000))[:199_000], 10.0),
        ('100k characters of "a."', "a." * 50_000, 10.0),
        ("one 150k-character word", "क" * 150_000, 10.0),
    ],
)  # fmt: skip
async def test_hostile_texts_end_well_within_the_deadline(real_engine, case, text, limit_s):
    settings = make_settings(request_timeout_s=60.0)
    async with serve(settings, real_engine) as client:
        start = time.perf_counter()
        r = await client.post("/v1/summaries", json={"text": text})
        seconds = time.perf_counter() - start
        normal = await client.post("/v1/summaries", json={"text": ENGLISH})
    assert r.status_code in (200, 422), (case, r.text[:300])
    assert seconds < limit_s, (case, seconds)
    assert normal.status_code == 200
