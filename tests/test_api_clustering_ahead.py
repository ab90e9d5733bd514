"""The clustering features of an article (its embedding work) are computed while the
model summarises it, on their own thread, so the store thread is left with the writes and
the answers of one batch leave together. The store's guarantees stay: a write that fails
fails the article (503 when the database is unreachable), a request that ends first
drops the work it has not started."""

from __future__ import annotations

import asyncio
import threading

from sqlalchemy.exc import OperationalError

from api_support import make_settings, serve
from fake_engine import FakeEngine, FakeSummariser, simple_analyse
from fakes_events import TopicEmbedder
from saaransh.article import RawDocument
from saaransh.engine import ArticleResult
from saaransh.events import EventService, EventSettings
from saaransh.store import Store

STORY = "topic3 The bridge over the river reopened today. topic3 Traffic moved again by noon."
OTHER = "topic4 The cricket board named a new captain for the tour of Australia today."


class WatchedEmbedder(TopicEmbedder):
    """Records which thread embedded which texts; `gate`, when set, holds every call on a
    text naming "held" until it is opened."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = threading.Event()
        self.seen: list[tuple[str, str]] = []  # (thread name, text)
        self.gate: threading.Event | None = None

    def embed(self, texts: list[str]):
        self.seen += [(threading.current_thread().name, t) for t in texts]
        self.embedded.set()
        if self.gate is not None and any("held" in t for t in texts):
            self.gate.wait(10)
        return super().embed(texts)


class WaitingSummariser(FakeSummariser):
    """Holds each model call (up to 5 s) until the embedder has worked, and records
    whether it had: the features are computed while the model works, not after it."""

    def __init__(self, embedder: WatchedEmbedder) -> None:
        super().__init__()
        self.embedder = embedder
        self.features_during_model: list[bool] = []

    def summarise(self, requests):
        self.features_during_model.append(self.embedder.embedded.wait(5))
        return super().summarise(requests)


def parts(tmp_path):
    embedder = WatchedEmbedder()
    summariser = WaitingSummariser(embedder)
    engine = FakeEngine(summariser=summariser, fake_analysis=True)
    events = EventService(Store(f"sqlite:///{tmp_path / 'events.sqlite'}").migrate(),
                          embedder=embedder, settings=EventSettings())  # fmt: skip
    return embedder, summariser, engine, events


async def test_features_are_computed_while_the_model_works(tmp_path):
    embedder, summariser, engine, events = parts(tmp_path)
    async with serve(make_settings(request_timeout_s=20.0), engine, events) as client:
        r = await client.post("/v1/summaries", json={"id": "a1", "text": STORY})
        stored = (await client.get("/v1/articles/a1")).json()
    assert r.status_code == 200, r.text
    assert r.json()["cluster_id"] == stored["cluster_id"] is not None
    assert summariser.features_during_model and all(summariser.features_during_model)
    # The store thread writes; it embeds nothing.
    threads = {name for name, _ in embedder.seen}
    assert threads and not [t for t in threads if t.startswith("saaransh-store")], threads


async def test_a_batch_request_embeds_its_articles_in_one_call(tmp_path):
    embedder, _summariser, engine, events = parts(tmp_path)
    articles = [{"id": "a1", "text": STORY}, {"id": "a2", "text": OTHER}]
    async with serve(make_settings(request_timeout_s=20.0), engine, events) as client:
        r = await client.post("/v1/summaries/batch", json={"articles": articles})
        calls = embedder.calls
    results = r.json()["results"]
    assert [x["id"] for x in results] == ["a1", "a2"]
    assert results[0]["cluster_id"] != results[1]["cluster_id"]
    assert calls == 1  # both articles' texts in one embedding call


async def test_an_unreachable_database_still_fails_the_article(tmp_path):
    _embedder, _summariser, engine, events = parts(tmp_path)

    def down(*args, **kwargs):
        raise OperationalError("INSERT", {}, ConnectionRefusedError("connection refused"))

    events.store.write_transaction = down  # type: ignore[method-assign]
    async with serve(make_settings(request_timeout_s=20.0), engine, events) as client:
        r = await client.post("/v1/summaries", json={"text": STORY})
    assert r.status_code == 503 and r.json()["error"]["code"] == "store_unavailable"


async def test_failed_features_fail_the_article(tmp_path):
    embedder, _summariser, engine, events = parts(tmp_path)

    def broken(texts):
        embedder.embedded.set()
        raise ValueError("the embedder broke")

    embedder.embed = broken  # type: ignore[method-assign]
    async with serve(make_settings(), engine, events) as client:
        r = await client.post("/v1/summaries", json={"id": "a1", "text": STORY})
        stored = await client.get("/v1/articles/a1")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal"
    assert stored.status_code == 404


async def test_a_request_past_its_deadline_drops_its_unstarted_features(tmp_path):
    embedder, summariser, engine, events = parts(tmp_path)
    summariser.embedder.embedded.set()  # the model does not wait in this test
    embedder.gate = threading.Event()
    async with serve(make_settings(request_timeout_s=0.5), engine, events) as client:
        # The first request's features hold the clustering thread past both deadlines; the
        # second's, queued behind them, never start.
        first = asyncio.ensure_future(
            client.post("/v1/summaries", json={"id": "a1", "text": "held " + STORY})
        )
        while not [t for _, t in embedder.seen if "held" in t]:
            await asyncio.sleep(0.01)
        second = await client.post("/v1/summaries", json={"id": "a2", "text": OTHER})
        embedder.gate.set()
        first = await first
        await asyncio.sleep(0.2)
        stored = [(await client.get(f"/v1/articles/{i}")).status_code for i in ("a1", "a2")]
    assert first.status_code == second.status_code == 504
    assert stored == [404, 404]
    assert not [t for _, t in embedder.seen if "cricket" in t]


def test_features_computed_ahead_cluster_as_computed_in_line():
    def ingest(ahead: bool) -> list[list[str]]:
        texts = {"a": STORY, "b": OTHER, "c": STORY.replace("today", "this morning")}
        results = [ArticleResult(simple_analyse(RawDocument(id=i, body=t)), {}, {})
                   for i, t in texts.items()]  # fmt: skip
        svc = EventService(Store("sqlite://").migrate(), embedder=TopicEmbedder(),
                           settings=EventSettings())
        features = svc.article_features([r.article for r in results]) if ahead else None
        event_of = dict(zip(texts, svc.ingest_many(results, features), strict=True))
        return sorted(sorted(i for i in texts if event_of[i] == e) for e in set(event_of.values()))

    assert ingest(ahead=True) == ingest(ahead=False) == [["a", "c"], ["b"]]
