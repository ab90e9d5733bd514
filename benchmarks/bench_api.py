"""Throughput and latency of a real `saaransh serve` process: dynamic batching against
MAX_BATCH_SIZE=1, at 1, 8 and 32 concurrent clients, for the extractive backend and for a
randomly initialised mT5-small-sized seq2seq model with a fixed output length (built as
benchmarks/bench_seq2seq.py builds it). Prints numbers; never asserts.

    .venv/bin/python benchmarks/bench_api.py [--backends extractive,seq2seq]
        [--clients 1,8,32] [--requests 64] [--new-tokens 16] [--input-tokens 256]
        [--article-chars N]   # e.g. 400 on a 2-core CPU, where whole seeds take minutes
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(env: dict[str, str]):
    port = free_port()
    cmd = [sys.executable, "-c", "from saaransh.cli import main; main()", "serve",
           "--host", "127.0.0.1", "--port", str(port)]
    log = tempfile.TemporaryFile("w+")
    proc = subprocess.Popen(cmd, env=os.environ | env, cwd=ROOT, stdout=log,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                log.seek(0)
                raise SystemExit(f"server exited:\n{log.read()[-3000:]}")
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(60)


def articles(chars: int) -> list[str]:
    """The seed articles, cut to their first `chars` characters (0 = whole)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return [t[:chars] if chars else t for t in texts]


async def load(base: str, clients: int, total: int, texts: list[str], langs: list[str],
               timeout_s: float | None = 600):  # fmt: skip
    """`clients` workers, each posting one article after another, `total` in all.
    `timeout_s=None` waits as long as a request takes (a CPU batch can take minutes)."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=timeout_s, limits=limits) as client:

        async def worker() -> None:
            for i in counter:
                body = {"id": f"b{i}", "text": texts[i % len(texts)], "target_langs": langs}
                t0 = time.perf_counter()
                r = await client.post("/v1/summaries", json=body)
                latencies.append(time.perf_counter() - t0)
                statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else latencies * 19
    return total / elapsed, statistics.median(latencies), q[18], statuses


def seq2seq_env(tmp: Path, new_tokens: int, input_tokens: int) -> dict[str, str]:
    from bench_seq2seq import build_model

    folder = tmp / "mt5-small-random"
    build_model(folder)
    (tmp / "registry.toml").write_text(
        'default_summariser = "mt5-small-random"\n\n[models.mt5-small-random]\n'
        f'family = "crosssum"\nfolder = "{folder.as_posix()}"\nrole = "summariser"\n'
        f"generation = {{ num_beams = 1, max_new_tokens = {new_tokens}, "
        f"min_new_tokens = {new_tokens}, max_input_tokens = {input_tokens} }}\n",
        encoding="utf-8",
    )
    return {"SAARANSH_BACKEND": "seq2seq", "SAARANSH_MODELS_DIR": str(tmp),
            "SAARANSH_MODEL": "mt5-small-random"}


def main() -> None:
    # Turn SIGTERM (e.g. from `timeout`) into SystemExit so the server processes are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser()
    parser.add_argument("--backends", default="extractive,seq2seq")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--requests", type=int, default=64, help="per concurrency level")
    parser.add_argument("--batch-size", type=int, default=32, help="the dynamic setting")
    parser.add_argument("--max-wait-ms", type=float, default=10.0)
    parser.add_argument("--new-tokens", type=int, default=16)
    parser.add_argument("--input-tokens", type=int, default=256)
    parser.add_argument("--langs", default="en")
    parser.add_argument("--article-chars", type=int, default=0, help="cut articles (CPU runs)")
    args = parser.parse_args()
    texts, langs = articles(args.article_chars), args.langs.split(",")
    common = {"HF_HUB_OFFLINE": "1", "SAARANSH_MAX_QUEUE": "4096",
              "SAARANSH_REQUEST_TIMEOUT_S": "600", "SAARANSH_MAX_WAIT_MS": str(args.max_wait_ms),
              "SAARANSH_MAX_BATCH_TOKENS": str(10**7),
              # The requests repeat the seeds: without this the embedding cache would
              # answer every extractive request after the first few from memory.
              "SAARANSH_EMBEDDING_CACHE_SIZE": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            env = dict(common)
            if backend == "seq2seq":
                env |= seq2seq_env(Path(tmp), args.new_tokens, args.input_tokens)
            else:
                env["SAARANSH_BACKEND"] = backend
            for batch in (args.batch_size, 1):
                env["SAARANSH_MAX_BATCH_SIZE"] = str(batch)
                with server(env) as base:
                    asyncio.run(load(base, 2, 4, texts, langs))  # warm caches and threads
                    for clients in map(int, args.clients.split(",")):
                        total = max(args.requests, clients)
                        rps, p50, p95, statuses = asyncio.run(
                            load(base, clients, total, texts, langs)
                        )
                        print(f"backend={backend:<10} max_batch_size={batch:<3} "
                              f"clients={clients:<3} requests={total:<4} "
                              f"articles_per_s={rps:7.2f} p50_ms={p50 * 1000:8.1f} "
                              f"p95_ms={p95 * 1000:8.1f} statuses={statuses}", flush=True)


if __name__ == "__main__":
    main()
