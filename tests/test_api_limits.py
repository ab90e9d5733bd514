"""Every limit at exactly the limit and one past it; invalid input never gives a 500 and
never comes back in the error message."""

from __future__ import annotations

import asyncio
import json

import pytest

from api_support import ENGLISH, fake_engine, make_settings, serve

BODY_LIMIT = 4096


def body_of_size(size: int) -> bytes:
    """A valid request body of exactly `size` bytes."""
    shell = b'{"text": "", "target_langs": ["en"]}'
    return shell.replace(b'""', b'"' + b"a" * (size - len(shell)) + b'"')


def chunked(data: bytes, piece: int = 1000):
    async def stream():
        for i in range(0, len(data), piece):
            yield data[i : i + piece]

    return stream()


@pytest.mark.parametrize(("size", "status"), [(BODY_LIMIT, 200), (BODY_LIMIT + 1, 413)])
@pytest.mark.parametrize("streamed", [False, True])
async def test_body_size_limit(size, status, streamed):
    body = body_of_size(size)
    assert len(body) == size
    headers = {"content-type": "application/json"}
    async with serve(make_settings(max_body_bytes=BODY_LIMIT)) as client:
        content = chunked(body) if streamed else body
        r = await client.post("/v1/summaries", content=content, headers=headers)
    assert r.status_code == status
    if status == 413:
        assert r.json()["error"] == {
            "code": "too_large",
            "message": f"body: larger than the limit of {BODY_LIMIT} bytes",
        }


async def test_declared_content_length_over_the_limit_is_refused_unread():
    received = []

    async def never_read():
        received.append("read")
        yield b"{}"

    async with serve(make_settings(max_body_bytes=BODY_LIMIT)) as client:
        r = await client.post(
            "/v1/summaries",
            content=never_read(),
            headers={"content-length": str(BODY_LIMIT + 1), "content-type": "application/json"},
        )
    assert r.status_code == 413
    assert received == []  # refused on the header, before reading a byte


@pytest.mark.parametrize(("length", "status"), [(100, 200), (101, 422)])
async def test_max_chars(length, status):
    async with serve(make_settings(max_chars=100)) as client:
        r = await client.post("/v1/summaries", json={"text": "a" * length})
    assert r.status_code == status
    if status == 422:
        assert r.json()["error"]["message"] == (
            "text: 101 characters, over the limit of 100 (max_chars)"
        )


@pytest.mark.parametrize(("count", "status"), [(3, 200), (4, 422)])
async def test_max_batch_items(count, status):
    articles = [{"text": f"{ENGLISH} {i}"} for i in range(count)]
    async with serve(make_settings(max_batch_items=3)) as client:
        r = await client.post("/v1/summaries/batch", json={"articles": articles})
    assert r.status_code == status
    if status == 422:
        assert "over the limit of 3 (max_batch_items)" in r.json()["error"]["message"]


SECRET = "ZEBRA-" + "q" * 2000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (json.dumps({"text": ""}).encode(), "text"),
        (json.dumps({"text": " \n\t "}).encode(), "text"),
        (json.dumps({"text": "a\x00b"}).encode(), "text"),
        (b'{"text": "\\ud800 and more"}', "text"),  # lone surrogate escape
        (b'{"text": "\\udfff"}', "text"),
        ('{"text": "ok \xff"}'.encode("latin-1"), "UTF-8"),  # raw bytes that are not UTF-8
        (b'{"text": "ok", "title": "\\ud83d"}', "title"),
        (json.dumps({"text": "ok", "id": "a\x00"}).encode(), "id"),
        (json.dumps({"text": 5}).encode(), "text"),
        (json.dumps({"txt": "ok"}).encode(), "text"),
        (json.dumps({"text": "ok", "target_langs": ["fr"]}).encode(), "target_langs"),
        (json.dumps({"text": "ok", "target_langs": []}).encode(), "target_langs"),
        (json.dumps({"text": "ok", "format": "pdf"}).encode(), "format"),
        (json.dumps({"text": "ok", "title": SECRET}).encode(), "title"),
        (b'{"text": ', "JSON"),
        (b"[1, 2]", "body"),
    ],
)
async def test_invalid_input_is_422_naming_the_field_without_echo(body, field):
    async with serve(make_settings()) as client:
        r = await client.post(
            "/v1/summaries", content=body, headers={"content-type": "application/json"}
        )
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_input"
    assert field in error["message"]
    assert "ZEBRA" not in r.text and len(r.content) < 600


async def test_queue_full_is_429_with_retry_after():
    settings = make_settings(max_queue=2, max_batch_size=1, request_timeout_s=10.0)
    engine = fake_engine(settings, delay_s=0.3)
    one = {"text": ENGLISH, "target_langs": ["en"]}
    async with serve(settings, engine) as client:
        busy = asyncio.create_task(client.post("/v1/summaries", json=one))
        while not engine.summariser.batch_sizes:  # the model is busy with the first request
            await asyncio.sleep(0.005)
        queued = [asyncio.create_task(client.post("/v1/summaries", json=one)) for _ in range(2)]
        while client.app.state.batcher.depth < 2:  # exactly max_queue items waiting
            await asyncio.sleep(0.005)
        refused = await client.post("/v1/summaries", json=one)
        answers = await asyncio.gather(busy, *queued)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "overloaded"
    assert int(refused.headers["retry-after"]) >= 1
    assert [a.status_code for a in answers] == [200, 200, 200]


@pytest.mark.parametrize(("delay_s", "status"), [(0.05, 200), (0.6, 504)])
async def test_request_timeout(delay_s, status):
    settings = make_settings(request_timeout_s=0.3)
    async with serve(settings, fake_engine(settings, delay_s=delay_s)) as client:
        r = await client.post("/v1/summaries", json={"text": ENGLISH, "target_langs": ["en"]})
    assert r.status_code == status
    if status == 504:
        assert r.json()["error"]["code"] == "timeout"


async def test_a_timed_out_request_leaves_nothing_in_the_queue():
    settings = make_settings(request_timeout_s=0.2, max_batch_size=1)
    engine = fake_engine(settings, delay_s=0.5)
    one = {"text": ENGLISH, "target_langs": ["en"]}
    async with serve(settings, engine) as client:
        first, second = await asyncio.gather(
            client.post("/v1/summaries", json=one), client.post("/v1/summaries", json=one)
        )
        assert client.app.state.batcher.depth == 0
        await asyncio.sleep(0.6)
    assert first.status_code == second.status_code == 504
    # The second request's item was cancelled while queued, so the model never saw it.
    assert engine.summariser.batch_sizes == [1]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 401),
        ({"Authorization": "Basic s3cret"}, 401),
        ({"Authorization": "Bearer s3cret"}, 200),
        ({"Authorization": "bearer s3cret"}, 200),
    ],
)
async def test_api_key(headers, status):
    async with serve(make_settings(api_key="s3cret")) as client:
        r = await client.post("/v1/summaries", json={"text": ENGLISH}, headers=headers)
        clusters = await client.get("/v1/clusters", headers=headers)
        open_routes = [await client.get(p) for p in ("/healthz", "/readyz", "/metrics")]
    assert r.status_code == clusters.status_code == status
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"
        assert r.json()["error"]["code"] == "unauthorized"
    assert [o.status_code for o in open_routes] == [200, 200, 200]
