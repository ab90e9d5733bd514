"""The truth about storage: with the database gone, /readyz is 503, a summary that could
not be stored is 503 (never 200 without its store), reads are 503 not 500, and all of it
turns back to 200 when the database returns. `saaransh serve` with an unreachable
database prints one line and exits non-zero."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from api_support import ENGLISH, make_settings, serve
from fakes_events import TopicEmbedder
from saaransh.events import EventService
from saaransh.settings import EventSettings
from saaransh.store import Store
from store_backends import PG_URL, throwaway_schema
from tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parents[1]
STORY = "topic3 The bridge over the river reopened today. topic3 Traffic moved again by noon."


class _Switch:
    """A store whose database is up or down at the test's word."""

    def __init__(self) -> None:
        self.down = False

    def ping(self) -> None:
        self._check()

    def _check(self) -> None:
        if self.down:
            raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))


class FlakyEvents:
    """The events-store surface the app uses, over a database that can be cut."""

    def __init__(self) -> None:
        self.store = _Switch()
        self.ingested: list[str] = []

    def ingest(self, result):
        self.store._check()
        self.ingested.append(result.article.id)
        return "evt_1"

    def list_clusters(self, limit, offset):
        self.store._check()
        return []

    def get_cluster(self, cluster_id):
        self.store._check()
        return None

    def get_article(self, article_id):
        self.store._check()
        return None


async def _statuses(client) -> dict[str, int]:
    post = await client.post("/v1/summaries", json={"id": "a1", "text": ENGLISH})
    batch = await client.post("/v1/summaries/batch", json={"articles": [{"text": ENGLISH}]})
    item = batch.json()["results"][0]
    return {
        "readyz": (await client.get("/readyz")).status_code,
        "post": post.status_code,
        "batch_item": 503 if item.get("error", {}).get("code") == "store_unavailable" else 200,
        "clusters": (await client.get("/v1/clusters")).status_code,
        "cluster": (await client.get("/v1/clusters/evt_1")).status_code,
        "article": (await client.get("/v1/articles/a1")).status_code,
        "healthz": (await client.get("/healthz")).status_code,
    }


async def test_a_lost_database_is_told_not_hidden():
    events = FlakyEvents()
    async with serve(make_settings(), events=events) as client:
        before = await _statuses(client)
        events.store.down = True
        during = await _statuses(client)
        refused = await client.post("/v1/summaries", json={"text": ENGLISH})
        events.store.down = False
        after = await _statuses(client)
    assert before == after == {"readyz": 200, "post": 200, "batch_item": 200, "clusters": 200,
                               "cluster": 404, "article": 404, "healthz": 200}  # fmt: skip
    assert during == {"readyz": 503, "post": 503, "batch_item": 503, "clusters": 503,
                      "cluster": 503, "article": 503, "healthz": 200}  # fmt: skip
    assert refused.json()["error"]["code"] == "store_unavailable"
    assert "stored" in refused.json()["error"]["message"]


async def test_a_store_failure_that_is_not_an_outage_is_not_hidden_either():
    events = FlakyEvents()

    def broken(result):
        raise ValueError("a bug in the clusterer")

    events.ingest = broken  # type: ignore[method-assign]
    async with serve(make_settings(), events=events) as client:
        r = await client.post("/v1/summaries", json={"text": ENGLISH})
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal"


@pytest.mark.postgres
async def test_postgres_cut_while_serving_and_back(tmp_path):
    with throwaway_schema("saaransh_outage") as (schema, _admin):
        url = make_url(PG_URL)
        proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
        proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        store_url = f"{proxied}?options=-csearch_path%3D{schema}"
        store = Store(store_url).migrate()
        try:
            events = EventService(store, embedder=TopicEmbedder(), settings=EventSettings())
            async with serve(make_settings(), events=events) as client:
                ok = await client.post("/v1/summaries", json={"id": "s1", "text": STORY})
                proxy.cut()
                ready_cut = await client.get("/readyz")
                lost = await client.post("/v1/summaries", json={"id": "s2", "text": STORY})
                read_cut = await client.get("/v1/articles/s1")
                proxy.restore()
                ready_back = await client.get("/readyz")
                again = await client.post("/v1/summaries", json={"id": "s3", "text": STORY})
                stored = {i: (await client.get(f"/v1/articles/{i}")).status_code
                          for i in ("s1", "s2", "s3")}  # fmt: skip
            assert ok.status_code == 200 and ok.json()["cluster_id"]
            assert ready_cut.status_code == 503
            assert ready_cut.json()["error"]["code"] == "store_unavailable"
            assert lost.status_code == 503 and lost.json()["error"]["code"] == "store_unavailable"
            assert read_cut.status_code == 503
            assert ready_back.status_code == 200
            assert again.status_code == 200
            assert again.json()["cluster_id"] == ok.json()["cluster_id"]
            # What answered 200 was stored; what answered 503 was not.
            assert stored == {"s1": 200, "s2": 404, "s3": 200}
        finally:
            proxy.cut()
            store.close()


def test_serve_with_an_unreachable_database_says_so_in_one_line():
    with socket.socket() as s:  # a port nobody listens on once this closes
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"SAARANSH_DATABASE_URL": f"postgresql+psycopg://saaransh:secret@127.0.0.1:{port}/x",
           "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "service")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", "from saaransh.cli import main; main()", "serve"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("saaransh serve: cannot reach the database postgresql")
    assert f"port {port}" in lines[0] and "secret" not in lines[0]
