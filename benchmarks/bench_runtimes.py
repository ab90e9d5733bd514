"""transformers against ctranslate2 on an mT5-small-sized CrossSum model, and the server
against direct batched generation. Prints numbers; never asserts.

The model is random, with mT5-small's shape (d_model 512, d_ff 1024, 8+8 layers, 6 heads)
and the real 250,112-token vocabulary (the output layer dominates decoding at this size),
CrossSum's `langid_map`, and the tiny seed-trained tokenizer (the real one is not
available offline). Generation uses the model card's settings (4 beams, 84 new tokens,
no_repeat_ngram_size 2), with min_new_tokens = max so that both runtimes decode exactly as
many steps. Inputs are the seed articles as the engine plans them: analysed, chunked to
512 tokens, chunk summaries fused. Each runtime and batch size runs in its own process, so
its peak RSS is its own. The model (and its ctranslate2 conversion) is cached in --cache.
Both runtimes use --threads CPU threads (OMP_NUM_THREADS; ctranslate2 follows torch): on a
shared machine 1 avoids OpenMP threads waiting on each other while the other core is busy.

    nice -n 10 .venv/bin/python benchmarks/bench_runtimes.py [--quick] [--threads N]
        [--cache DIR] [--articles 1:4,8:16,32:32] [--new-tokens 84]
        [--server-requests 64] [--clients 32] [--max-wait-ms 10] [--skip-server]
        [--server-only] [--runtimes transformers,ctranslate2]

Each direct run's figures are saved in the cache folder; `--server-only` compares the
server with the saved direct run at batch = --clients (same runtime, articles, threads)
when there is one, so the slow transformers direct run need not be repeated.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

MODEL = "mt5-small-250k"
MT5_SMALL = dict(d_model=512, d_kv=64, d_ff=1024, num_layers=8, num_decoder_layers=8,
                 num_heads=6, relative_attention_num_buckets=32, initializer_factor=1.0)
VOCAB = 250_112  # mT5's real vocabulary size
RUNTIMES = ("transformers", "ctranslate2")


def build_model(folder: Path) -> None:
    """Once per cache folder: the random model, saved as safetensors."""
    if (folder / "complete").is_file():
        return
    import torch
    from transformers import MT5ForConditionalGeneration

    import tiny_models

    tiny_models.build_tiny_crosssum(folder)  # tokenizer + CrossSum config structure
    params = {"langid_map": tiny_models.CROSSSUM_LANGID_MAP}
    config = tiny_models.mt5_config(VOCAB, task_specific_params=params, **MT5_SMALL)
    torch.manual_seed(0)
    MT5ForConditionalGeneration(config).eval().save_pretrained(folder)
    (folder / "complete").touch()


def write_registry(cache: Path, new_tokens: int) -> None:
    """models_dir for one generation setting; the model folder is shared (one level up)."""
    generation = (f"{{ num_beams = 4, no_repeat_ngram_size = 2, max_new_tokens = {new_tokens},"
                  f" min_new_tokens = {new_tokens}, max_input_tokens = 512 }}")
    (cache / "registry.toml").write_text(
        f'default_summariser = "{MODEL}"\n\n[models.{MODEL}]\nfamily = "crosssum"\n'
        f'folder = "{(cache.parent / MODEL).as_posix()}"\nrole = "summariser"\n'
        f"generation = {generation}\n",
        encoding="utf-8",
    )


def env_for(cache: Path, runtime: str, batch: int, threads: int) -> dict[str, str]:
    """One settings object for the direct runs and the server alike."""
    return {"HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": str(threads),
            "SAARANSH_BACKEND": "seq2seq", "SAARANSH_DEVICE": "cpu",
            "SAARANSH_MODELS_DIR": str(cache), "SAARANSH_MODEL": MODEL,
            "SAARANSH_RUNTIME": runtime, "SAARANSH_MAX_BATCH_SIZE": str(batch),
            "SAARANSH_MAX_BATCH_TOKENS": str(10**7), "SAARANSH_EMBEDDING_CACHE_SIZE": "0"}


def seed_texts() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker(articles: int, batch: int, langs: list[str]) -> None:
    """Runs in its own process: direct batched generation, as the server's batcher calls it."""
    from saaransh.article import RawDocument
    from saaransh.factory import build_engine
    from saaransh.settings import Settings

    start = time.perf_counter()
    engine = build_engine(Settings())
    load_s, load_rss = time.perf_counter() - start, rss_mb()
    texts = seed_texts()
    docs = [RawDocument(id=f"a{i}", body=texts[i % len(texts)][1]) for i in range(articles)]
    requests = [r for d in docs for r in engine.plan(engine.analyse(d), langs).requests]
    # No warm-up call: on this CPU one model call takes tens of seconds, against
    # milliseconds of first-call set-up.
    latencies: list[float] = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for i in range(0, len(requests), batch):
        t0 = time.perf_counter()
        results = engine.summarise_requests(requests[i : i + batch])
        latencies += [time.perf_counter() - t0] * len(results)
        assert not [r for r in results if isinstance(r, Exception)], results
    elapsed, cpu_s = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({
        "articles_per_s": len(docs) / elapsed, "p50_s": statistics.median(latencies),
        "articles_per_cpu_s": len(docs) / cpu_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load_rss_mb": load_rss, "load_s": load_s, "articles": len(docs),
    }))


def run_worker(cache: Path, runtime: str, batch: int, args) -> dict:
    cmd = [sys.executable, __file__, "--worker", "--articles", str(args.per_batch[batch]),
           "--batch", str(batch), "--langs", args.langs]
    env = os.environ | env_for(cache, runtime, batch, args.threads)
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{runtime} batch {batch} failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["measured_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
    saved_direct(cache, runtime, batch, args).write_text(json.dumps(result), encoding="utf-8")
    return result


def saved_direct(cache: Path, runtime: str, batch: int, args) -> Path:
    """Where a direct run's figures are kept, so that a later --server-only run can
    compare against them instead of paying for the slow direct run again."""
    key = f"{runtime}-batch{batch}-articles{args.per_batch[batch]}-threads{args.threads}"
    return cache / f"direct-{key}-{args.langs.replace(',', '+')}.json"


def direct_baseline(cache: Path, runtime: str, args) -> dict:
    """Direct batched generation at batch = clients: this run's, else a saved one."""
    args.per_batch.setdefault(args.clients, args.clients)
    saved = saved_direct(cache, runtime, args.clients, args)
    if args.server_only and saved.is_file():
        result = json.loads(saved.read_text(encoding="utf-8"))
        print(f"direct batch {args.clients} {runtime}: {result['articles_per_s']:.3f} "
              f"articles/s, saved from {result['measured_at']} ({saved.name})", flush=True)
        return result
    return run_worker(cache, runtime, args.clients, args)


def prepare(cache: Path, new_tokens: int, threads: int) -> None:
    """Build the model and convert it for ctranslate2 in a throwaway process, so that no
    measured process pays for (or keeps the memory of) either."""
    code = (f"import sys; sys.path[:0] = {[str(ROOT / 'tests'), str(ROOT / 'benchmarks')]!r}\n"
            f"from bench_runtimes import build_model\nfrom pathlib import Path\n"
            f"build_model(Path({str(cache.parent / MODEL)!r}))\n"
            "from saaransh.summarise.seq2seq.ct2_runtime import convert_checkpoint\n"
            "from saaransh.settings import Settings\nprint(convert_checkpoint(None, Settings()))\n")
    cache.mkdir(parents=True, exist_ok=True)
    write_registry(cache, new_tokens)
    env = os.environ | env_for(cache, "ctranslate2", 1, threads)
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used (all its threads): on a shared machine, work per
    CPU-second compares runs made at different loads where wall-clock rates cannot."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def metric_sums(base: str) -> dict[str, float]:
    import httpx

    wanted = ("saaransh_inference_seconds_sum", "saaransh_batch_size_sum",
              "saaransh_batch_size_count")
    sums = dict.fromkeys(wanted, 0.0)
    for line in httpx.get(f"{base}/metrics", timeout=10).text.splitlines():
        name = line.split("{")[0].split(" ")[0]
        if name in sums:
            sums[name] += float(line.rsplit(" ", 1)[1])
    return sums


# The app without its event store: the same model, batcher and HTTP path, no clustering
# and no event summaries. It shows how much of the gap to direct generation those cost.
NO_EVENTS = ("import uvicorn, sys\nfrom saaransh.api.app import create_app\n"
             "from saaransh.settings import Settings\nsettings = Settings()\n"
             "uvicorn.run(create_app(settings), host='127.0.0.1', port=int(sys.argv[1]),"
             " log_level='warning')\n")


@contextmanager
def server(env: dict[str, str], events: bool):
    """`saaransh serve` (events=True: exactly what ships) or the app without events."""
    import httpx
    from bench_api import free_port

    port = free_port()
    cmd = ([sys.executable, "-c", "from saaransh.cli import main; main()", "serve",
            "--host", "127.0.0.1", "--port", str(port)] if events
           else [sys.executable, "-c", NO_EVENTS, str(port)])
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, env=os.environ | env | {"SAARANSH_DATA_DIR": data},
                                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                if proc.poll() is not None:
                    log.seek(0)
                    raise SystemExit(f"server exited:\n{log.read()[-3000:]}")
                try:
                    if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.5)
            yield base, proc.pid
        finally:
            proc.terminate()
            proc.wait(120)


def serve_and_load(cache: Path, runtime: str, args, events: bool) -> dict:
    """A real server process, `args.clients` clients posting the seed texts."""
    from bench_api import load

    env = env_for(cache, runtime, args.clients, args.threads) | {
        "SAARANSH_MAX_QUEUE": "4096", "SAARANSH_REQUEST_TIMEOUT_S": "3600",
        "SAARANSH_MAX_WAIT_MS": str(args.max_wait_ms)}
    texts, langs = [t for _, t in seed_texts()], args.langs.split(",")
    with server(env, events) as (base, pid):
        before, cpu_before = metric_sums(base), cpu_seconds(pid)
        start = time.perf_counter()
        rate, p50, _p95, statuses = asyncio.run(
            load(base, args.clients, args.server_requests, texts, langs, timeout_s=None))
        elapsed = time.perf_counter() - start
        after, cpu = metric_sums(base), cpu_seconds(pid) - cpu_before
    delta = {k: after[k] - before[k] for k in after}
    batches = max(delta["saaransh_batch_size_count"], 1)
    return {"articles_per_s": rate, "p50_s": p50, "statuses": statuses,
            "articles_per_cpu_s": args.server_requests / cpu,
            "model_busy": delta["saaransh_inference_seconds_sum"] / elapsed,
            "mean_batch": delta["saaransh_batch_size_sum"] / batches, "batches": int(batches)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="batch 1 and 4, 8 new tokens")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/saaransh-bench-runtimes"))
    parser.add_argument("--articles", default="1:4,8:16,32:32", help="batch:articles,...")
    parser.add_argument("--new-tokens", type=int, default=84)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--langs", default="en")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--server-requests", type=int, default=64)
    parser.add_argument("--max-wait-ms", type=float, default=10.0)
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--server-only", action="store_true",
                        help="skip the batch table; compare with a saved direct run if any")
    parser.add_argument("--server-modes", default="serve,app",
                        help="serve: `saaransh serve` as it ships; app: the app without events")
    parser.add_argument("--runtimes", default=",".join(RUNTIMES),
                        help="comma-separated subset of " + ",".join(RUNTIMES))
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(int(args.articles), args.batch, args.langs.split(","))
    if args.quick:
        args.articles, args.new_tokens, args.clients, args.server_requests = "1:2,4:4", 8, 4, 8
    args.per_batch = {int(b): int(n) for b, n in (p.split(":") for p in args.articles.split(","))}
    args.runtimes = [r for r in RUNTIMES if r in args.runtimes.split(",")]
    print("command:", shlex.join([sys.executable, *sys.argv]), flush=True)
    cache = args.cache / f"tokens{args.new_tokens}"
    prepare(cache, args.new_tokens, args.threads)
    report(cache, args)


def report(cache: Path, args) -> None:
    print(f"model: random mT5-small shape, vocab {VOCAB}; 4 beams, {args.new_tokens} new "
          f"tokens; seed articles -> {args.langs}; {args.threads} of {os.cpu_count()} CPU "
          "threads", flush=True)
    direct: dict[tuple[str, int], dict] = {}
    for batch in [] if args.server_only else args.per_batch:
        for runtime in args.runtimes:
            r = direct[runtime, batch] = run_worker(cache, runtime, batch, args)
            print(f"batch={batch:<3} runtime={runtime:<13} "
                  f"articles={r['articles']:<3} articles_per_s={r['articles_per_s']:6.3f} "
                  f"p50_s={r['p50_s']:7.2f} "
                  f"peak_rss_mb={r['peak_rss_mb']:7.0f} load_rss_mb={r['load_rss_mb']:6.0f}",
                  flush=True)
        if len(args.runtimes) < 2:
            continue
        hf, ct = direct["transformers", batch], direct["ctranslate2", batch]
        speed = ct["articles_per_s"] / hf["articles_per_s"]
        print(f"batch={batch:<3} ctranslate2/transformers: {speed:.2f}x articles/s, "
              f"peak RSS {ct['peak_rss_mb'] / hf['peak_rss_mb']:.2f}x", flush=True)
    if args.skip_server:
        return
    for runtime in args.runtimes:
        base = direct.get((runtime, args.clients)) or direct_baseline(cache, runtime, args)
        for events in [m == "serve" for m in args.server_modes.split(",")]:
            s = serve_and_load(cache, runtime, args, events)
            name = "saaransh serve" if events else "app without events"
            share = s["articles_per_s"] / base["articles_per_s"]
            print(f"server ({name}) runtime={runtime} clients={args.clients} "
                  f"requests={args.server_requests} articles_per_s={s['articles_per_s']:6.3f} "
                  f"p50_s={s['p50_s']:7.2f} vs direct batch {args.clients} "
                  f"{base['articles_per_s']:6.3f}: {share:.0%}"
                  f" | model calls {s['model_busy']:.0%} of wall time, {s['batches']} batches of "
                  f"{s['mean_batch']:.1f} on average, statuses {s['statuses']}", flush=True)
            if "articles_per_cpu_s" in base:
                print(f"  per CPU-second: server {s['articles_per_cpu_s']:.3f} vs direct "
                      f"{base['articles_per_cpu_s']:.3f} articles: "
                      f"{s['articles_per_cpu_s'] / base['articles_per_cpu_s']:.0%}", flush=True)


if __name__ == "__main__":
    main()
