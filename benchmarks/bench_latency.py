"""Latency of single requests through a real `saaransh serve` while its events are being
refreshed, against direct `generate` for the same input. Prints numbers; never asserts.

The model is a random mT5-small-shaped checkpoint with CrossSum's config structure (built
as benchmarks/bench_seq2seq.py builds it; `--tiny` uses the tests' tiny one), 4 beams and
a fixed output length (min = max new tokens), so every summary costs real decoding. A
CrossSum-family model writes both languages, so every event summary is model work too.

Both paths run in their own process, started with the same SAARANSH_* environment (so
the same Settings, model and generation settings) and the same thread count
(OMP_NUM_THREADS / MKL_NUM_THREADS, `--threads`, default 1). The thread count was
what made the old figures impossible (direct 3.5 s against served 1.0 s): with as many
intra-op threads as cores on a CPU shared with other work, torch's OpenMP threads spin at
their barriers waiting for a core, and the same `generate` took 12 times longer
(6 s against 0.5 s for the tiny model) in one process than in the other, depending on
which threads had used OpenMP first. One thread each is stable and the same on both sides:



- direct: a worker process that builds the engine `saaransh serve` builds and times only
  the model call (`Engine.summarise_requests`) of an article's English request, the call
  the server's batcher makes, on one dedicated thread as the batcher runs it; analysis
  and planning are not timed;
- served: `POST /v1/summaries` of the same article, one at a time; every request makes an
  event stale, and the server's refresher remakes its summaries (background priority,
  SAARANSH_EVENT_REFRESH_INTERVAL_S) in the gaps.

Each round is: one served request; then the server is paused (SIGSTOP) while the worker
times the same article directly, so the two never compete for the CPU; then the server
runs alone for `--interval-s` (default twice the direct median), the gap in which its
refresher works. Interleaving the two in time matters on a shared machine, where the
load of other processes changes minute to minute. Both sides first run every article
once untimed (first-call costs per input shape, lazy loads) and the same warm-up.

    .venv/bin/python benchmarks/bench_latency.py [--requests 20] [--new-tokens 48]
        [--beams 4] [--refresh-s 10] [--interval-s S] [--threads N] [--tiny]

On the shared 2-core CPU of development, `--tiny --requests 20` finished in about 2
minutes and the mT5-small-shaped model with `--requests 8` (4 beams, 48 new tokens) in
447 s, under 10 minutes; each round prints a line to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_api import server  # noqa: E402

NAME = "mt5-small-random"


def write_registry(tmp: Path, tiny: bool, beams: int, new_tokens: int) -> None:
    folder = tmp / NAME
    if tiny:
        import tiny_models

        tiny_models.build_tiny_crosssum(folder)
    else:
        from bench_seq2seq import build_model

        build_model(folder)
    (tmp / "registry.toml").write_text(
        f'default_summariser = "{NAME}"\n\n[models.{NAME}]\nfamily = "crosssum"\n'
        f'folder = "{folder.as_posix()}"\nrole = "summariser"\n'
        f"generation = {{ num_beams = {beams}, max_new_tokens = {new_tokens}, "
        f"min_new_tokens = {new_tokens}, max_input_tokens = 512 }}\n",
        encoding="utf-8",
    )


def seeds() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


# -- the direct side: a worker process -----------------------------------------------
def direct_worker() -> None:
    """Read article texts (JSON lines) on stdin; answer each with the seconds of its
    model call. Settings come from the environment, as `saaransh serve` reads them."""
    import torch

    from saaransh.article import RawDocument
    from saaransh.factory import build_engine
    from saaransh.settings import Settings

    settings = Settings()
    engine = build_engine(settings)
    model_thread = ThreadPoolExecutor(1)  # as the batcher: one thread does all model work
    model_thread.submit(engine.summariser.warmup, settings.max_batch_size).result()
    print(json.dumps({"threads": torch.get_num_threads()}), flush=True)

    def timed(requests: list) -> float:
        start = time.perf_counter()
        engine.summarise_requests(requests)
        return time.perf_counter() - start

    for n, line in enumerate(sys.stdin):
        article = engine.analyse(RawDocument(id=f"d{n}", body=json.loads(line)))
        requests = engine.plan(article, ["en"]).requests
        seconds = model_thread.submit(timed, requests).result()
        print(json.dumps({"seconds": seconds}), flush=True)


class Direct:
    """The worker process, asked one article at a time."""

    def __init__(self, env: dict[str, str]) -> None:
        cmd = [sys.executable, __file__, "--direct-worker"]
        self.proc = subprocess.Popen(cmd, env=os.environ | env, cwd=ROOT, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
        self.threads = self._read()["threads"]

    def time(self, text: str) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(text) + "\n")
        self.proc.stdin.flush()
        return float(self._read()["seconds"])

    def _read(self) -> dict:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"the direct worker exited ({self.proc.wait()})")
        return json.loads(line)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(60)


# -- the served side -------------------------------------------------------------------
async def post(client: httpx.AsyncClient, i: int, text: str) -> float:
    body = {"id": f"r{i}", "text": text, "target_langs": ["en"]}
    start = time.perf_counter()
    r = await client.post("/v1/summaries", json=body)
    seconds = time.perf_counter() - start
    r.raise_for_status()
    return seconds


def server_pid(base: str) -> int:
    """The pid of the process listening on `base` (the server is a child of ours)."""
    port = base.rsplit(":", 1)[1]
    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True)
    return int(out.stdout.split("pid=")[1].split(",")[0])


async def rounds(base: str, pid: int, direct: Direct, texts: list[str], total: int,
                 interval_s: float | None) -> tuple[list[float], list[float], float]:  # fmt: skip
    """`total` rounds of (served request, direct call with the server paused, gap)."""
    served: list[float] = []
    direct_s: list[float] = []
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        for i, text in enumerate(texts):  # untimed: every input shape once, both sides
            await post(client, -1 - i, text)
            direct.time(text)
        gap = interval_s
        for i in range(total):
            text = texts[i % len(texts)]
            served.append(await post(client, i, text))
            os.kill(pid, signal.SIGSTOP)
            try:
                direct_s.append(direct.time(text))
            finally:
                os.kill(pid, signal.SIGCONT)
            print(f"round {i}: served {served[-1]:.3f} s, direct {direct_s[-1]:.3f} s",
                  file=sys.stderr, flush=True)  # fmt: skip
            gap = interval_s or 2 * statistics.median(direct_s)
            await asyncio.sleep(gap)  # the server alone: its refresher works here
    return served, direct_s, gap or 0.0


def events_made(base: str) -> tuple[int, int]:
    """(events with model-written summaries, events still stale) at the end."""
    clusters = httpx.get(f"{base}/v1/clusters", params={"limit": 200}, timeout=60).json()
    made = sum(any(s and s["method"] == "abstractive" for s in c["summaries"].values())
               for c in clusters["clusters"])  # fmt: skip
    stale = sum("unavailable" in c and not any(c["summaries"].values())
                for c in clusters["clusters"])  # fmt: skip
    return made, stale


def main() -> None:
    if "--direct-worker" in sys.argv:
        return direct_worker()
    # Turn SIGTERM (e.g. from `timeout`) into SystemExit so the children are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--new-tokens", type=int, default=48)
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--refresh-s", type=float, default=10.0,
                        help="SAARANSH_EVENT_REFRESH_INTERVAL_S")  # fmt: skip
    parser.add_argument(
        "--interval-s",
        type=float,
        default=None,
        help="the gap after each round (default: 2 x the direct median)",
    )
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads of both processes (see the docstring)")  # fmt: skip
    parser.add_argument("--tiny", action="store_true", help="the tests' tiny checkpoint")
    args = parser.parse_args()
    texts = seeds()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_registry(Path(tmp), args.tiny, args.beams, args.new_tokens)
        threads = str(args.threads)
        env = {"HF_HUB_OFFLINE": "1", "SAARANSH_BACKEND": "seq2seq",
               "SAARANSH_MODELS_DIR": tmp, "SAARANSH_MODEL": NAME,
               "SAARANSH_DATABASE_URL": f"sqlite:///{tmp}/events.sqlite",
               "SAARANSH_EVENT_REFRESH_INTERVAL_S": str(args.refresh_s),
               "SAARANSH_MAX_BATCH_SIZE": "4", "SAARANSH_MAX_WAIT_MS": "2",
               "SAARANSH_REQUEST_TIMEOUT_S": "600",
               # Every request pays its own clustering embeddings, as new articles would,
               # though the benchmark repeats the seed texts.
               "SAARANSH_EMBEDDING_CACHE_SIZE": "0",
               "OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}  # fmt: skip
        direct = Direct(env)
        try:
            with server(env) as base:
                served, direct_s, gap = asyncio.run(
                    rounds(base, server_pid(base), direct, texts, args.requests, args.interval_s)
                )
                time.sleep(args.refresh_s + 2 * gap)  # let the refresher catch up
                made, stale = events_made(base)
        finally:
            direct.close()
    d50, s50 = statistics.median(direct_s), statistics.median(served)
    print(
        f"model={'tiny' if args.tiny else 'mt5-small-shaped'} beams={args.beams} "
        f"new_tokens={args.new_tokens} threads={direct.threads} refresh_s={args.refresh_s:g} "
        f"gap_s={gap:.2f} requests={len(served)} wall_s={time.perf_counter() - started:.0f}"
    )
    print(
        f"direct_generate_p50_s={d50:.3f} served_p50_s={s50:.3f} ratio={s50 / d50:.2f} "
        f"served_p95_s={statistics.quantiles(served, n=20, method='inclusive')[18]:.3f} "
        f"served_max_s={max(served):.3f} events_with_model_summaries={made} "
        f"events_never_summarised={stale}",
        flush=True,
    )
    ratios = sorted(s / d for s, d in zip(served, direct_s, strict=True))
    print(
        f"per_round_ratio_p50={statistics.median(ratios):.2f} "
        f"min={ratios[0]:.2f} max={ratios[-1]:.2f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
