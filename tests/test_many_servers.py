"""Two real `saaransh serve` processes on one PostgreSQL database (a throwaway schema,
reached through a TCP proxy so the test can cut it off without touching the shared
server). 60 concurrent reports of one story, ten ids sent to both servers at once: every
answer is 200 with a cluster id, there is one event and its stored count equals its
members. Then the database is cut while serving: /readyz turns 503, a POST answers 503
and stores nothing, and both servers are ready again once it is back."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from processes import free_port, wait_ready
from store_backends import PG_URL, throwaway_schema
from tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parents[1]
REPORTS, DUPLICATES = 60, 10
STORY = ("The new bridge over the Ganga at Patna opened to traffic on Monday. "
         "The chief minister said the bridge cuts the trip to north Bihar by an hour. "
         "About forty thousand vehicles are expected to use it every day.")  # fmt: skip


@contextmanager
def serve_process(database_url: str, data_dir: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """`saaransh serve` (the real extractive backend) on a free port, until the block ends."""
    port = free_port()
    env = os.environ | {
        "SAARANSH_DATABASE_URL": database_url,
        "SAARANSH_DATA_DIR": str(data_dir),
        "SAARANSH_BACKEND": "extractive",
        "SAARANSH_REQUEST_TIMEOUT_S": "120",
        "SAARANSH_MAX_QUEUE": "1000",
        "SAARANSH_WEB": "false",
    }
    env.pop("SAARANSH_FEEDS", None)
    cmd = [sys.executable, "-c", "from saaransh.cli import main; main()", "serve",
           "--host", "127.0.0.1", "--port", str(port)]
    log = open(data_dir / f"serve-{port}.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}", proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        log.close()


async def post_reports(bases: list[str]) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=REPORTS, max_keepalive_connections=REPORTS)
    async with httpx.AsyncClient(limits=limits, timeout=150) as client:
        return await asyncio.gather(*(
            client.post(f"{bases[i % 2]}/v1/summaries", json={
                # ids r0..r49, and r0..r9 a second time through the other server
                "id": f"r{i % (REPORTS - DUPLICATES)}", "text": STORY,
                "title": "Patna bridge opens", "published_at": "2025-11-03"})
            for i in range(REPORTS)
        ))  # fmt: skip


@pytest.fixture
def database(tmp_path):
    """A throwaway schema, and its URL through a proxy the test can cut."""
    with throwaway_schema("saaransh_two") as (schema, admin):
        url = make_url(PG_URL)
        proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
        proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        try:
            yield proxy, f"{proxied}?options=-csearch_path%3D{schema}", admin, schema
        finally:
            proxy.cut()


@pytest.mark.postgres
def test_two_servers_one_database_60_reports_then_the_database_is_cut(database, tmp_path):
    proxy, url, admin, schema = database
    with ExitStack() as stack:
        servers = [stack.enter_context(serve_process(url, tmp_path)) for _ in range(2)]
        for base, proc in servers:
            log = tmp_path / f"serve-{base.rsplit(':', 1)[1]}.log"
            wait_ready(base, proc, lambda log=log: log.read_text()[-3000:], timeout_s=120)
        bases = [base for base, _ in servers]

        answers = asyncio.run(post_reports(bases))
        assert [a.status_code for a in answers] == [200] * REPORTS, answers[0].text[:300]
        cluster_ids = {a.json()["cluster_id"] for a in answers}
        assert None not in cluster_ids and len(cluster_ids) == 1
        with admin.connect() as conn:
            conn.execute(text(f'SET search_path TO "{schema}"'))
            events = conn.execute(text("SELECT id, article_count FROM events")).all()
            members = conn.execute(text("SELECT count(*) FROM articles WHERE event_id = :e"),
                                   {"e": events[0][0]}).scalar()  # fmt: skip
            articles = conn.execute(text("SELECT count(*) FROM articles")).scalar()
        assert len(events) == 1 and events[0][0] in cluster_ids
        assert events[0][1] == members == articles == REPORTS - DUPLICATES

        proxy.cut()
        cut = [httpx.get(f"{b}/readyz", timeout=10).status_code for b in bases]
        lost = httpx.post(f"{bases[0]}/v1/summaries", timeout=60,
                          json={"id": "during-cut", "text": STORY})  # fmt: skip
        healthz = httpx.get(f"{bases[1]}/healthz", timeout=10).status_code
        proxy.restore()
        back = [httpx.get(f"{b}/readyz", timeout=10).status_code for b in bases]
        again = httpx.post(f"{bases[1]}/v1/summaries", timeout=60,
                           json={"id": "after-cut", "text": STORY})  # fmt: skip
        lookups = {i: httpx.get(f"{bases[0]}/v1/articles/{i}", timeout=10).status_code
                   for i in ("during-cut", "after-cut")}  # fmt: skip

    assert cut == [503, 503] and healthz == 200
    assert lost.status_code == 503 and lost.json()["error"]["code"] == "store_unavailable"
    assert back == [200, 200]
    assert again.status_code == 200 and again.json()["cluster_id"] in cluster_ids
    assert lookups == {"during-cut": 404, "after-cut": 200}  # no claim without a store
