"""The REST API through its lifespan, with a deterministic engine: records, error shape,
request ids, metrics, events routes."""

from __future__ import annotations

import logging

import pytest

from api_support import ENGLISH, HINDI, fake_engine, make_settings, serve
from saaransh.api.request_id import RequestIdFilter


async def test_one_article_gives_the_contract_record():
    async with serve(make_settings()) as client:
        r = await client.post("/v1/summaries", json={"text": HINDI, "title": "योजना"})
    assert r.status_code == 200
    record = r.json()
    assert set(record) >= {"id", "language", "published_at", "summaries", "cluster_id"}
    assert record["id"].startswith("art_")
    assert record["language"]["primary"] == "hi"
    assert set(record["summaries"]) == {"en", "hi"}
    assert record["summaries"]["en"]["text"].startswith("[en] ")
    assert record["summaries"]["hi"]["model"] == "fake"
    assert "unavailable" not in record


async def test_target_langs_and_ids():
    async with serve(make_settings()) as client:
        a = (await client.post("/v1/summaries", json={"text": ENGLISH})).json()
        b = (await client.post("/v1/summaries", json={"text": ENGLISH})).json()
        c = (await client.post("/v1/summaries", json={"text": HINDI})).json()
        d = await client.post(
            "/v1/summaries", json={"text": ENGLISH, "id": "mine-1", "target_langs": ["hi"]}
        )
    assert a["id"] == b["id"] != c["id"]  # generated ids are stable per text
    assert d.json()["id"] == "mine-1"
    assert list(d.json()["summaries"]) == ["hi"]


async def test_batch_reports_errors_per_item_in_order():
    body = {
        "articles": [
            {"text": ENGLISH},
            {"text": "   "},
            {"id": "nul", "text": "a\x00b"},
            {"id": "digits", "text": "12345 678"},  # no letters: language unsupported
            {"text": HINDI},
        ]
    }
    async with serve(make_settings()) as client:
        r = await client.post("/v1/summaries/batch", json=body)
    assert r.status_code == 200
    results = r.json()["results"]
    assert [("error" in x) for x in results] == [False, True, True, True, False]
    assert results[1]["error"]["code"] == "invalid_input"
    assert results[1]["id"].startswith("art_")
    assert results[2] == {
        "id": "nul",
        "error": {
            "code": "invalid_input",
            "message": "text: contains a NUL character at position 1",
        },
    }
    assert results[3]["error"]["code"] == "unsupported"
    assert results[4]["language"]["primary"] == "hi"


async def test_a_batch_shares_model_calls():
    settings = make_settings(max_wait_ms=20.0, max_batch_size=16)
    engine = fake_engine(settings)
    async with serve(settings, engine) as client:
        articles = [{"text": f"{ENGLISH} Number {i}."} for i in range(6)]
        r = await client.post("/v1/summaries/batch", json={"articles": articles})
    assert r.status_code == 200
    # 6 articles x 2 languages, one bucket per language: 2 calls, not 12.
    assert sorted(engine.summariser.batch_sizes) == [6, 6]


@pytest.mark.parametrize(
    ("given", "echoed"),
    [("req-42.a:b_c", True), ("has space", False), ("x" * 129, False), (None, False)],
)
async def test_request_id_is_echoed_when_sane_else_generated(given, echoed):
    headers = {"X-Request-Id": given} if given else {}
    async with serve(make_settings()) as client:
        r = await client.get("/healthz", headers=headers)
    rid = r.headers["x-request-id"]
    assert (rid == given) if echoed else (len(rid) == 32 and rid != given)


async def test_unexpected_errors_are_500_without_internals_and_logged_with_request_id(caplog):
    settings = make_settings()
    engine = fake_engine(settings)

    def explode(raw, reference_date=None):
        raise RuntimeError("secret internals /etc/passwd")

    caplog.handler.addFilter(RequestIdFilter())
    async with serve(settings, engine) as client:
        engine.analyse = explode  # type: ignore[method-assign]
        with caplog.at_level(logging.ERROR):
            r = await client.post("/v1/summaries", json={"text": ENGLISH},
                                  headers={"X-Request-Id": "trace-me"})
    assert r.status_code == 500
    assert r.json() == {"error": {"code": "internal", "message": "internal error"}}
    assert r.headers["x-request-id"] == "trace-me"
    assert any(rec.request_id == "trace-me" and rec.exc_info for rec in caplog.records)


async def test_starlette_errors_use_the_error_shape():
    async with serve(make_settings()) as client:
        missing = await client.get("/v1/nowhere")
        wrong_method = await client.delete("/v1/summaries")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == "method_not_allowed"


async def test_metrics_count_requests_by_route_template_and_batches():
    async with serve(make_settings()) as client:
        await client.post("/v1/summaries", json={"text": ENGLISH})
        await client.get("/v1/clusters/abc")
        text = (await client.get("/metrics")).text
    assert (
        'saaransh_http_requests_total{method="POST",route="/v1/summaries",status="200"} 1.0'
        in text
    )
    assert 'route="/v1/clusters/{cluster_id}",status="404"' in text  # template, not the id
    assert 'saaransh_batch_size_count{model="fake"}' in text
    assert 'saaransh_inference_seconds_count{model="fake"}' in text
    assert 'saaransh_queue_depth{model="fake"} 0.0' in text
    assert "saaransh_http_request_seconds_bucket" in text


async def test_two_apps_have_separate_metrics():
    async with serve(make_settings()) as one, serve(make_settings()) as two:
        await one.get("/healthz")
        text = (await two.get("/metrics")).text
    assert 'route="/healthz"' not in text


class FakeEvents:
    def __init__(self):
        self.ingested = []

    def ingest(self, result):
        self.ingested.append(result.article.id)
        return "evt_1"

    def refresh_dirty(self):
        pass

    def list_clusters(self, limit, offset):
        clusters = [{"id": "evt_1", "article_ids": self.ingested, "summaries": {}}]
        return clusters[offset : offset + limit]

    def get_cluster(self, cluster_id):
        return self.list_clusters(1, 0)[0] if cluster_id == "evt_1" else None

    def get_article(self, article_id):
        return {"id": article_id} if article_id in self.ingested else None


async def test_events_store_gets_every_summarised_article():
    events = FakeEvents()
    async with serve(make_settings(), events=events) as client:
        record = (await client.post("/v1/summaries", json={"text": ENGLISH, "id": "a1"})).json()
        listing = (await client.get("/v1/clusters", params={"limit": 5})).json()
        one = await client.get("/v1/clusters/evt_1")
        unknown = await client.get("/v1/clusters/evt_2")
        article = await client.get("/v1/articles/a1")
        past_end = (await client.get("/v1/clusters", params={"offset": 1})).json()
    assert record["cluster_id"] == "evt_1"
    assert listing == {
        "clusters": [{"id": "evt_1", "article_ids": ["a1"], "summaries": {}}],
        "limit": 5,
        "offset": 0,
    }
    assert one.json()["article_ids"] == ["a1"]
    assert unknown.status_code == 404
    assert article.json() == {"id": "a1"}
    assert past_end["clusters"] == []


async def test_without_a_store_clusters_are_empty_and_ids_unknown():
    async with serve(make_settings()) as client:
        listing = await client.get("/v1/clusters")
        cluster = await client.get("/v1/clusters/evt_1")
        article = await client.get("/v1/articles/a1")
    assert listing.json()["clusters"] == []
    assert cluster.status_code == article.status_code == 404


@pytest.mark.parametrize(
    ("params", "status"),
    [({"limit": 200}, 200), ({"limit": 201}, 422), ({"limit": 0}, 422), ({"offset": -1}, 422)],
)
async def test_cluster_paging_limits(params, status):
    async with serve(make_settings()) as client:
        r = await client.get("/v1/clusters", params=params)
    assert r.status_code == status


async def test_cors_is_off_unless_origins_are_set():
    preflight = {"Origin": "https://news.example", "Access-Control-Request-Method": "POST"}
    async with serve(make_settings()) as client:
        off = await client.options("/v1/summaries", headers=preflight)
    async with serve(make_settings(cors_origins=["https://news.example"])) as client:
        on = await client.options("/v1/summaries", headers=preflight)
    assert "access-control-allow-origin" not in off.headers
    assert on.headers["access-control-allow-origin"] == "https://news.example"
