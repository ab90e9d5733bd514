"""The events' second pass in the server (api/second_pass.py): articles that land apart
online are joined in the background, as `summarise --cluster` joins them after a batch
(test_events.py has the same scenarios through EventService.consolidate)."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

import saaransh.api.refresher as refresher_module
import saaransh.api.second_pass as second_pass_module
from api_support import make_settings, serve
from fakes_events import TopicEmbedder
from saaransh.events import EventService, EventSettings
from saaransh.store import Store
from test_events import RAW, D, result

TOPIC1 = "topic1 The river flooded the old city."
EARLY = "topic1 topic2 topic2 The dam gates opened and the river rose."  # nearer topic2
TOPIC2 = "topic2 The dam gates were opened at night."


@pytest.fixture(autouse=True)
def fast_ticks(monkeypatch):
    monkeypatch.setattr(refresher_module, "TICK_S", 0.02)
    monkeypatch.setattr(second_pass_module, "TICK_S", 0.02)


def events_service(tmp_path, **settings) -> EventService:
    # Cosines taken as they are (the fake's topic arithmetic is exact), as in test_events.
    return EventService(
        Store(f"sqlite:///{tmp_path / 'events.sqlite'}").migrate(), embedder=TopicEmbedder(),
        settings=EventSettings(**RAW, join_threshold=0.4, merge_threshold=0.95, **settings),
    )  # fmt: skip


async def post(client, article_id: str, text: str) -> str:
    body = {"id": article_id, "text": text, "published_at": "2025-11-01"}
    response = await client.post("/v1/summaries", json=body)
    assert response.status_code == 200, response.text
    return response.json()["cluster_id"]


async def event_of(client, article_id: str) -> str:
    return (await client.get(f"/v1/articles/{article_id}")).json()["cluster_id"]


async def until(condition, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not await condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_an_early_arrival_moves_to_the_event_it_fits_better(tmp_path, monkeypatch):
    events = events_service(tmp_path, refine_interval_s=0)
    ran_on = []
    consolidate = events.consolidate_events

    def recording(event_ids):
        ran_on.append(threading.current_thread().name)
        return consolidate(event_ids)

    monkeypatch.setattr(events, "consolidate_events", recording)
    async with serve(make_settings(), events=events) as client:
        first = [await post(client, f"a{i}", TOPIC1) for i in range(3)]
        # Closer to topic2 than to topic1, but topic2 has no event yet: online, it joins topic1.
        assert await post(client, "x", EARLY) == first[0]
        later = [await post(client, f"b{i}", TOPIC2) for i in range(3)]
        assert later[0] != first[0]

        async def moved() -> bool:
            return await event_of(client, "x") == later[0]

        await until(moved)
        old = (await client.get(f"/v1/clusters/{first[0]}")).json()
        new = (await client.get(f"/v1/clusters/{later[0]}")).json()
    assert old["article_ids"] == ["a0", "a1", "a2"]
    assert sorted(new["article_ids"]) == ["b0", "b1", "b2", "x"]
    assert ran_on and all(name.startswith("saaransh-store") for name in ran_on)


async def test_the_pass_is_debounced(tmp_path):
    events = events_service(tmp_path, refine_interval_s=3600)
    async with serve(make_settings(), events=events) as client:
        # The first change after a quiet spell is refined at once (nothing to move yet)...
        first = [await post(client, f"a{i}", TOPIC1) for i in range(3)]
        await asyncio.sleep(0.2)
        await post(client, "x", EARLY)
        later = [await post(client, f"b{i}", TOPIC2) for i in range(3)]
        await asyncio.sleep(0.3)  # many ticks, all inside the debounce
        # ...the next waits out the interval: the early arrival stays where it landed.
        assert await event_of(client, "x") == first[0] != later[0]


async def test_events_from_before_the_server_started_are_left_alone(tmp_path):
    events = events_service(tmp_path, refine_interval_s=0)
    # Filed before this server ran (by another process): not this server's to refine.
    for i in range(3):
        events.ingest(result(f"a{i}", "topic1", [TOPIC1], D(2025, 11, 1)))
    events.ingest(result("x", EARLY, [EARLY], D(2025, 11, 1)))
    for i in range(3):
        events.ingest(result(f"b{i}", "topic2", [TOPIC2], D(2025, 11, 1)))
    before = events.get_article("x")["cluster_id"]
    async with serve(make_settings(), events=events) as client:
        await asyncio.sleep(0.3)
        assert await event_of(client, "x") == before == events.get_article("a0")["cluster_id"]
