"""Event summaries in the server: GET routes only read; the refresher remakes stale
summaries in the background through the batcher (model thread), writes them on the store
thread, and is debounced (SAARANSH_EVENT_REFRESH_INTERVAL_S)."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time

import pytest

import saaransh.api.refresher as refresher_module
from api_support import make_settings, serve
from fake_engine import FakeEngine
from fakes import SummariserDefaults
from fakes_events import TopicEmbedder
from saaransh.engine import ArticleResult
from saaransh.events import EventService, EventSettings
from saaransh.store import Store
from saaransh.summarise.base import Summary
from test_events import result

ENGLISH = ("topic5 The river flooded the old city on Monday night. "
           "topic5 Rescue teams moved four hundred families to relief camps.")  # fmt: skip
HINDI = "topic5 सोमवार रात नदी का पानी पुराने शहर में घुस गया। topic5 बचाव दलों ने परिवारों को निकाला।"


class CountingSummariser(SummariserDefaults):
    """An abstractive stand-in that writes either language and records each call: the
    thread it ran on and the doc ids (article ids, or an event id for event summaries)."""

    name = "counting"

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[str]]] = []

    def can_write(self, target_lang, source_lang):
        return True

    def summarise(self, requests):
        self.calls.append((threading.current_thread().name, [r.doc_id for r in requests]))
        return [Summary(f"[{r.target_lang}] {r.sentences[0]}", r.target_lang, "abstractive",
                        self.name) for r in requests]  # fmt: skip


def app_parts(tmp_path, refresh_interval_s: float):
    summariser = CountingSummariser()
    engine = FakeEngine(summariser=summariser, fake_analysis=True)
    events = EventService(
        Store(f"sqlite:///{tmp_path / 'events.sqlite'}").migrate(),
        embedder=TopicEmbedder(),
        summariser=summariser,
        settings=EventSettings(refresh_interval_s=refresh_interval_s),
    )
    return summariser, engine, events


async def until(condition, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not await asyncio.to_thread(condition):
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


@pytest.fixture(autouse=True)
def fast_ticks(monkeypatch):
    monkeypatch.setattr(refresher_module, "TICK_S", 0.02)


async def test_cluster_reads_do_no_model_work(tmp_path):
    summariser, engine, events = app_parts(tmp_path, refresh_interval_s=3600)
    async with serve(make_settings(), engine, events) as client:
        first = (await client.post("/v1/summaries", json={"id": "en1", "text": ENGLISH})).json()
        event_id = first["cluster_id"]
        # A new event is summarised as soon as the model is free...
        await until(lambda: not events.store.get_event(event_id).summary_dirty)
        joined = (await client.post("/v1/summaries", json={"id": "hi1", "text": HINDI})).json()
        assert joined["cluster_id"] == event_id
        # ...a changed one waits out the debounce: it stays stale for these reads.
        assert events.store.get_event(event_id).summary_dirty
        calls, embeds = len(summariser.calls), events.embedder.calls
        listing = (await client.get("/v1/clusters")).json()["clusters"]
        one = (await client.get(f"/v1/clusters/{event_id}")).json()
        assert len(summariser.calls) == calls and events.embedder.calls == embeds
    assert [c["id"] for c in listing] == [event_id]
    assert one["article_ids"] == ["en1", "hi1"]
    english = one["summaries"]["en"]  # as stored: made before the Hindi report came
    assert english["method"] == "abstractive"
    assert english["sentences"][0]["article_ids"] == ["en1"]


async def test_refresher_summarises_on_the_model_thread_and_saves_on_the_store_thread(
    tmp_path, monkeypatch
):
    summariser, engine, events = app_parts(tmp_path, refresh_interval_s=0)
    saved_on = []
    save = events.save_summaries

    def recording_save(*args):
        saved_on.append(threading.current_thread().name)
        return save(*args)

    monkeypatch.setattr(events, "save_summaries", recording_save)
    async with serve(make_settings(), engine, events) as client:
        first = (await client.post("/v1/summaries", json={"id": "en1", "text": ENGLISH})).json()
        event_id = first["cluster_id"]
        await until(lambda: not events.store.get_event(event_id).summary_dirty)
        await client.post("/v1/summaries", json={"id": "hi1", "text": HINDI})
        await until(lambda: not events.store.get_event(event_id).summary_dirty)
        cluster = (await client.get(f"/v1/clusters/{event_id}")).json()
    event_calls = [thread for thread, ids in summariser.calls if event_id in ids]
    assert event_calls and set(event_calls) == {"saaransh-counting_0"}
    assert saved_on and all(name.startswith("saaransh-store") for name in saved_on)
    assert cluster["article_ids"] == ["en1", "hi1"]
    # Written after the Hindi report joined: each language from its own reports.
    assert cluster["summaries"]["hi"]["sentences"][0]["article_ids"] == ["hi1"]
    assert cluster["summaries"]["en"]["sentences"][0]["article_ids"] == ["en1"]


def test_a_changed_event_is_remade_at_most_every_interval(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("saaransh.events.service.time.monotonic", lambda: clock[0])
    svc = EventService(Store("sqlite://").migrate(), embedder=TopicEmbedder(),
                       settings=EventSettings(refresh_interval_s=30))  # fmt: skip
    day = dt.date(2025, 11, 1)

    def add(article_id: str) -> str:
        return svc.ingest(result(article_id, "topic1", ["topic1 Rain in the city."], day))

    event_id = add("a")
    assert svc.due_event_ids() == [event_id]  # never summarised: at once
    assert svc.refresh(event_id)
    assert add("b") == event_id and svc.store.get_event(event_id).summary_dirty
    assert svc.due_event_ids() == []
    clock[0] += 29.9
    assert svc.due_event_ids() == []
    clock[0] += 0.2
    assert svc.due_event_ids() == [event_id]
    other = svc.ingest(result("c", "topic2", ["topic2 A match."], day))
    assert set(svc.due_event_ids()) == {event_id, other}
    assert len(svc.due_event_ids(limit=1)) == 1


async def test_a_request_is_answered_while_events_wait_their_turn(tmp_path):
    # Every event summary costs the model 0.2 s; a request must not queue behind them.
    summariser, engine, events = app_parts(tmp_path, refresh_interval_s=0)
    slow = summariser.summarise

    def summarise(requests):
        if any(r.doc_id.startswith("evt_") for r in requests):
            time.sleep(0.2)
        return slow(requests)

    summariser.summarise = summarise  # type: ignore[method-assign]
    story = "The river flooded the old city on Monday night."
    results = [ArticleResult(a.article, {}, {}) for a in (
        result(f"old{i}", f"topic{10 + i}", [f"topic{10 + i} {story}"]) for i in range(6))]
    await asyncio.to_thread(events.ingest_many, results)  # six events waiting
    # One item per model call: twelve event batches (six events, two languages) to jump.
    async with serve(make_settings(max_batch_size=1), engine, events) as client:
        await until(lambda: len(summariser.calls) > 0)  # the refresher is under way
        start = time.monotonic()
        r = await client.post("/v1/summaries", json={"id": "now", "text": ENGLISH})
        took = time.monotonic() - start
        await until(lambda: not events.store.dirty_event_ids())
    assert r.status_code == 200
    # At most the one event batch already running (0.2 s), never the rest (2.2 s).
    assert took < 0.6
