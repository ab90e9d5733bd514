"""Latency of single requests through a real `saaransh serve` while its events are being
refreshed, against direct `generate` for the same input. Prints numbers; never asserts.

The model is a random mT5-small-shaped checkpoint with CrossSum's config structure (built
as benchmarks/bench_seq2seq.py builds it; `--tiny` uses the tests' tiny one), 4 beams and
a fixed output length, so every summary costs real decoding. A CrossSum-family model
writes both languages, so every event summary is model work too (two items per event).

1. direct: the benchmark builds the engine the server builds and times the model call
   (`summarise_requests`) of each article's English request alone, before and after the
   served phase (median of both);
2. served: one article at a time, `--interval-s` apart (default twice the direct median,
   so half of the model's time is free), each a new report of one of the seed events:
   every request makes an event stale, and the server's refresher remakes its summaries
   (background priority, SAARANSH_EVENT_REFRESH_INTERVAL_S) in the gaps.

    .venv/bin/python benchmarks/bench_latency.py [--requests 20] [--new-tokens 48]
        [--beams 4] [--refresh-s 10] [--interval-s S] [--tiny]
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_api import server  # noqa: E402
from bench_seq2seq import build_model  # noqa: E402

from saaransh.article import RawDocument  # noqa: E402
from saaransh.factory import build_engine  # noqa: E402
from saaransh.settings import Settings  # noqa: E402

NAME = "mt5-small-random"


def write_registry(tmp: Path, tiny: bool, beams: int, new_tokens: int) -> None:
    folder = tmp / NAME
    if tiny:
        import tiny_models

        tiny_models.build_tiny_crosssum(folder)
    else:
        build_model(folder)
    (tmp / "registry.toml").write_text(
        f'default_summariser = "{NAME}"\n\n[models.{NAME}]\nfamily = "crosssum"\n'
        f'folder = "{folder.as_posix()}"\nrole = "summariser"\n'
        f"generation = {{ num_beams = {beams}, max_new_tokens = {new_tokens}, "
        f"min_new_tokens = {new_tokens}, max_input_tokens = 512 }}\n",
        encoding="utf-8",
    )


def seeds() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def direct_seconds(settings: Settings, texts: list[str]) -> list[float]:
    """The model call of each article's English request, alone, in this process: the
    engine `saaransh serve` builds from the same settings, without the server."""
    engine = build_engine(settings)
    requests = [engine.plan(engine.analyse(RawDocument(id=f"d{i}", body=text)), ["en"]).requests
                for i, text in enumerate(texts)]  # fmt: skip
    engine.summarise_requests(requests[0])  # warm-up
    out = []
    for request in requests:
        start = time.perf_counter()
        engine.summarise_requests(request)
        out.append(time.perf_counter() - start)
    return out


async def stream(base: str, texts: list[str], total: int, interval_s: float) -> list[float]:
    """`total` single requests, one at a time, started `interval_s` apart (or at once
    when the previous one ran late)."""
    latencies = []
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        begin = time.perf_counter()
        for i in range(total):
            await asyncio.sleep(max(0.0, begin + i * interval_s - time.perf_counter()))
            body = {"id": f"r{i}", "text": texts[i % len(texts)], "target_langs": ["en"]}
            start = time.perf_counter()
            r = await client.post("/v1/summaries", json=body)
            latencies.append(time.perf_counter() - start)
            r.raise_for_status()
    return latencies


def events_made(base: str) -> tuple[int, int]:
    """(events with model-written summaries, events still stale) at the end."""
    clusters = httpx.get(f"{base}/v1/clusters", params={"limit": 200}, timeout=60).json()
    made = sum(any(s and s["method"] == "abstractive" for s in c["summaries"].values())
               for c in clusters["clusters"])  # fmt: skip
    stale = sum("unavailable" in c and not any(c["summaries"].values())
                for c in clusters["clusters"])  # fmt: skip
    return made, stale


def main() -> None:
    # Turn SIGTERM (e.g. from `timeout`) into SystemExit so the server process is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--new-tokens", type=int, default=48)
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--refresh-s", type=float, default=10.0,
                        help="SAARANSH_EVENT_REFRESH_INTERVAL_S")  # fmt: skip
    parser.add_argument("--interval-s", type=float, default=None,
                        help="between request starts (default: 2 x the direct median)")
    parser.add_argument("--tiny", action="store_true", help="the tests' tiny checkpoint")
    args = parser.parse_args()
    texts = [text for _, text in seeds()]
    with tempfile.TemporaryDirectory() as tmp:
        write_registry(Path(tmp), args.tiny, args.beams, args.new_tokens)
        settings = Settings(models_dir=Path(tmp), backend="seq2seq", model=NAME)
        before = direct_seconds(settings, texts)
        interval = args.interval_s or 2 * statistics.median(before)
        env = {"HF_HUB_OFFLINE": "1", "SAARANSH_BACKEND": "seq2seq",
               "SAARANSH_MODELS_DIR": tmp, "SAARANSH_MODEL": NAME,
               "SAARANSH_DATABASE_URL": f"sqlite:///{tmp}/events.sqlite",
               "SAARANSH_EVENT_REFRESH_INTERVAL_S": str(args.refresh_s),
               "SAARANSH_MAX_BATCH_SIZE": "4", "SAARANSH_MAX_WAIT_MS": "2",
               "SAARANSH_REQUEST_TIMEOUT_S": "600"}  # fmt: skip
        with server(env) as base:
            asyncio.run(stream(base, texts[:1], 1, 0))  # first-request costs (threads, caches)
            served = asyncio.run(stream(base, texts, args.requests, interval))
            time.sleep(args.refresh_s + 4 * interval)  # let the refresher catch up
            made, stale = events_made(base)
        # Again once the server is gone: both phases of a shared machine's noise count.
        direct = statistics.median(before + direct_seconds(settings, texts))
    p50 = statistics.median(served)
    print(f"model={'tiny' if args.tiny else 'mt5-small-shaped'} beams={args.beams} "
          f"new_tokens={args.new_tokens} refresh_s={args.refresh_s:g} "
          f"interval_s={interval:.2f} requests={len(served)}")
    print(f"direct_generate_p50_s={direct:.3f} served_p50_s={p50:.3f} "
          f"ratio={p50 / direct:.2f} served_p95_s={statistics.quantiles(served, n=20)[18]:.3f} "
          f"served_max_s={max(served):.3f} events_with_model_summaries={made} "
          f"events_never_summarised={stale}", flush=True)


if __name__ == "__main__":
    main()
