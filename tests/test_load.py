"""A real server process (`saaransh serve`'s server, tests/load_server.py) on 127.0.0.1
under 200 concurrent requests: every request is answered, with its own article's record,
and SIGTERM drains cleanly.

Runs in the default suite, bounded to well under 30 s per test: the fake summariser of
tests/fake_engine.py, injected into the real app, behind the real analysis pipeline.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from processes import free_port, wait_ready

CONCURRENCY = 200
ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def running_server(delay_ms: int = 20, **env_overrides: str
                   ) -> Iterator[tuple[str, subprocess.Popen]]:  # fmt: skip
    """The server on a free port with the fake engine, until the block ends; `delay_ms`
    is the fake model's cost per call, so batching matters."""
    port = free_port()
    env = os.environ | {
        "SAARANSH_MAX_QUEUE": "1000",
        "SAARANSH_MAX_WAIT_MS": "5",
        "SAARANSH_REQUEST_TIMEOUT_S": "20",
    } | env_overrides
    cmd = [sys.executable, str(ROOT / "tests" / "load_server.py"), str(port),
           "--delay-ms", str(delay_ms)]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, proc, lambda: proc.stdout.read(), timeout_s=20)
        yield base, proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(5)


async def _post_all(base: str, n: int) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=25) as client:
        return await asyncio.gather(*(
            client.post("/v1/summaries", json={"id": f"load-{i}", "text": f"Story number {i}."})
            for i in range(n)
        ))


def test_200_concurrent_requests_all_answered():
    with running_server() as (base, _):
        start = time.monotonic()
        responses = asyncio.run(_post_all(base, CONCURRENCY))
        elapsed = time.monotonic() - start
        metrics = httpx.get(f"{base}/metrics").text
    assert [r.status_code for r in responses] == [200] * CONCURRENCY
    for i, r in enumerate(responses):  # every caller got its own article back
        record = r.json()
        assert record["id"] == f"load-{i}"
        assert record["summaries"]["en"]["text"] == f"[en] Story number {i}."
    batches = float(re.search(r'saaransh_batch_size_count\{model="fake"\} (\S+)', metrics)[1])
    items = float(re.search(r'saaransh_batch_size_sum\{model="fake"\} (\S+)', metrics)[1])
    assert items == 2 * CONCURRENCY  # en + hi for each article, none lost or duplicated
    assert batches < items / 2  # requests really shared model calls
    assert elapsed < 20


def test_sigterm_finishes_in_flight_requests_then_exits():
    # A slow model, so the requests are surely inside the server when SIGTERM comes.
    with running_server(delay_ms=1000, SAARANSH_MAX_BATCH_SIZE="64") as (base, proc):

        async def scenario() -> list[httpx.Response]:
            async with httpx.AsyncClient(base_url=base, timeout=20) as client:
                in_flight = [
                    asyncio.create_task(client.post("/v1/summaries", json={"text": f"Late {i}."}))
                    for i in range(20)
                ]
                await asyncio.sleep(0.5)
                proc.send_signal(signal.SIGTERM)
                return await asyncio.gather(*in_flight)

        responses = asyncio.run(scenario())
        code = proc.wait(15)
        log = proc.stdout.read()
    assert [r.status_code for r in responses] == [200] * 20
    assert code in (0, -signal.SIGTERM)  # uvicorn re-raises the signal it handled
    assert "SIGTERM: draining" in log
    assert "Traceback" not in log
