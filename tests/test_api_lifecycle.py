"""Readiness, draining, graceful shutdown and client disconnects."""

from __future__ import annotations

import asyncio
import json

import httpx

from api_support import ENGLISH, fake_engine, make_settings, serve
from saaransh.api import create_app

ONE = {"text": ENGLISH, "target_langs": ["en"]}


def client_for(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_not_ready_before_startup_and_ready_after():
    settings = make_settings()
    engine = fake_engine(settings)
    app = create_app(settings, engine)
    async with client_for(app) as client:
        before = await client.get("/readyz")
        work_before = await client.post("/v1/summaries", json=ONE)
        async with app.router.lifespan_context(app):
            after = await client.get("/readyz")
        alive = await client.get("/healthz")
    assert before.status_code == 503 and before.json()["error"]["code"] == "not_ready"
    assert work_before.status_code == 503
    assert after.status_code == 200 and after.json()["models"]["summariser"] == "fake"
    assert engine.summariser.warmed_with == settings.max_batch_size
    assert alive.status_code == 200


async def test_draining_refuses_new_work_but_stays_alive():
    async with serve(make_settings()) as client:
        client.app.state.lifecycle.draining = True
        work = await client.post("/v1/summaries", json=ONE)
        ready = await client.get("/readyz")
        alive = await client.get("/healthz")
    assert work.status_code == ready.status_code == 503
    assert work.json()["error"]["code"] == ready.json()["error"]["code"] == "shutting_down"
    assert alive.status_code == 200


async def test_shutdown_finishes_requests_in_flight():
    settings = make_settings(max_batch_size=1)
    engine = fake_engine(settings, delay_s=0.2)
    app = create_app(settings, engine)
    lifespan = app.router.lifespan_context(app)
    await lifespan.__aenter__()
    async with client_for(app) as client:
        in_flight = [asyncio.create_task(client.post("/v1/summaries", json=ONE)) for _ in range(3)]
        while not engine.summariser.batch_sizes:
            await asyncio.sleep(0.005)
        stopping = asyncio.create_task(lifespan.__aexit__(None, None, None))
        await asyncio.sleep(0.01)
        late = await client.post("/v1/summaries", json=ONE)
        answers = await asyncio.gather(*in_flight)
        await asyncio.wait_for(stopping, 5)
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert late.status_code == 503 and late.json()["error"]["code"] == "shutting_down"


async def test_a_client_that_disconnects_has_its_queued_work_dropped():
    settings = make_settings(max_batch_size=1, request_timeout_s=10.0)
    engine = fake_engine(settings, delay_s=0.3)
    async with serve(settings, engine) as client:
        app = client.app
        busy = asyncio.create_task(client.post("/v1/summaries", json=ONE))
        while not engine.summariser.batch_sizes:
            await asyncio.sleep(0.005)

        leave = asyncio.Event()
        body = json.dumps({"text": "Someone who will not wait.", "target_langs": ["en"]})
        messages = [{"type": "http.request", "body": body.encode(), "more_body": False}]

        async def receive():
            if messages:
                return messages.pop()
            await leave.wait()
            return {"type": "http.disconnect"}

        sent = []

        async def send(message):
            sent.append(message)

        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": "POST", "scheme": "http", "path": "/v1/summaries", "raw_path": b"",
            "query_string": b"", "root_path": "", "server": ("test", 80),
            "client": ("127.0.0.1", 1), "headers": [(b"content-type", b"application/json")],
        }
        leaver = asyncio.create_task(app(scope, receive, send))
        while app.state.batcher.depth < 1:
            await asyncio.sleep(0.005)
        leave.set()
        await asyncio.wait_for(leaver, 2)
        assert app.state.batcher.depth == 0
        assert (await busy).status_code == 200
        await asyncio.sleep(0.1)
    assert engine.summariser.batch_sizes == [1]  # only the patient client's item ran
    assert sent[0]["status"] == 499
