"""The runtime check for a lent GPU: transformers (bf16) against ctranslate2
(int8_bfloat16 and bfloat16) on CUDA, in under 5 minutes, building its model there.

It prints, and writes to $OUT/gpu_check.json when $OUT is set:
1. the environment (GPU, torch, transformers, ctranslate2 and its CUDA compute types);
2. the tiny CrossSum-like checkpoint under both runtimes on CUDA in bf16: each target
   language starts the decoder with its langid token, and how many greedy outputs agree;
3. the mT5-small-sized random model (250,112-token vocabulary, CrossSum langid_map;
   4 beams, 84 new tokens, no_repeat_ngram_size 2) at batch 1, 8 and 32: articles/s,
   p50 latency, peak GPU memory (device-wide, polled) and peak RSS, each runtime and
   batch size in its own process, and the ratio to transformers.
The server comparison needs the service's dependencies (FastAPI, the analysis
pipeline), which the GPU image lacks; benchmarks/bench_runtimes.py measures it on CPU.

    scripts/gpu_check_runtimes.sh                  # on the GPU machine (installs carried wheels)
    python3 scripts/gpu_check_runtimes.py --device cpu --small   # the whole script, on a CPU

Without CUDA, `--device cuda` (the default) stops at once with exit status 2. `--device cpu
--small` runs every step on the CPU with the tiny checkpoint in place of the mT5-small-sized
one (batches 1 and 2, 4 new tokens) in about a minute: it checks the script end to end
(tests/test_gpu_check_script.py) and measures nothing of value.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "service"), str(ROOT / "tests"), str(ROOT / "benchmarks")]
WORK = Path(os.environ.get("GPU_CHECK_DIR", "/tmp/saaransh-gpu-check"))
# Articles per batch size: enough for a few batches, few enough for the 5-minute budget.
ARTICLES = {1: 4, 8: 16, 32: 64}
BENCH_MODEL, SMALL_MODEL = "mt5-small-250k", "tiny-crosssum"
CONFIGS = [("transformers", "auto"), ("ctranslate2", "int8_bfloat16"),
           ("ctranslate2", "bfloat16")]


def fail(message: str) -> None:
    print(f"GPU CHECK FAILED: {message}", file=sys.stderr, flush=True)
    raise SystemExit(2)


def seed_requests(count: int, target: str = "en"):
    """Seed articles split on sentence ends (the analysis pipeline's dependencies are not
    on the GPU image; the seq2seq path chunks these sentences as it always does)."""
    from saaransh.summarise.base import SummaryRequest

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    split = [tuple(s.strip() for s in re.split(r"(?<=[।.?!])\s+", t) if s.strip())
             for t in texts]
    return [SummaryRequest(f"a{i}", split[i % len(split)], "hi", target) for i in range(count)]


def environment(device: str) -> dict:
    import torch
    import transformers

    info = {"python": sys.version.split()[0], "torch": torch.__version__,
            "transformers": transformers.__version__, "device": device}
    if device == "cuda":
        info["gpu"] = torch.cuda.get_device_name(0)
    try:
        import ctranslate2
    except ImportError as exc:
        fail(f"ctranslate2 is not importable ({exc}); carry its wheel (see the .sh script)")
    info["ctranslate2"] = ctranslate2.__version__
    info["ct2_cuda_devices"] = ctranslate2.get_cuda_device_count()
    if device == "cuda":
        if info["ct2_cuda_devices"] < 1:
            fail("ctranslate2 sees no CUDA device (a CPU-only build?)")
        info["ct2_cuda_compute_types"] = sorted(ctranslate2.get_supported_compute_types("cuda"))
    return info


def tiny_check(device: str) -> dict:
    """The CrossSum-like tiny checkpoint under both runtimes on the device."""
    import tiny_models
    from saaransh.settings import Settings
    from saaransh.summarise.registry import ModelSpec
    from saaransh.summarise.seq2seq import GenItem, load_runner

    folder = WORK / SMALL_MODEL
    if not (folder / "model.safetensors").is_file():
        tiny_models.build_tiny_crosssum(folder)
    spec = ModelSpec(SMALL_MODEL, "crosssum", folder,
                     generation={"num_beams": 1, "max_new_tokens": 8, "min_new_tokens": 8})
    texts = [" ".join(r.sentences[:2]) for r in seed_requests(5)]
    outputs, report = {}, {}
    # ctranslate2 in the transformers runtime's own precision (bf16 on CUDA, fp32 on CPU),
    # so agreement measures the engines rather than int8 rounding.
    same_precision = "bfloat16" if device == "cuda" else "float32"
    for runtime in ("transformers", "ctranslate2"):
        settings = Settings(device=device, runtime=runtime, compute_type=same_precision)
        runner = load_runner(spec, settings)
        for target in ("en", "hi"):
            start = runner.convention.decoder_start(target)
            token = runner.tokenizer.convert_ids_to_tokens(start.prefix[0])
            ids = runner.encode([GenItem(t, "hi", target) for t in texts])
            outputs[runtime, target] = runner.generator.generate(ids, start)
            report[f"{runtime}_{target}_decoder_start"] = token
    for target in ("en", "hi"):
        same = sum(a == b for a, b in zip(outputs["transformers", target],
                                          outputs["ctranslate2", target], strict=True))
        report[f"greedy_same_{target}"] = f"{same}/{len(texts)}"
    report["languages_differ"] = outputs["ctranslate2", "en"] != outputs["ctranslate2", "hi"]
    return report


class MemoryPoll:
    """Peak device-wide GPU memory in use, polled every 20 ms (sees both runtimes'
    allocators, which torch.cuda.max_memory_allocated would not)."""

    def __init__(self, device: str) -> None:
        self.device, self.peak, self._stop = device, 0, threading.Event()
        self.base = self._used()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _used(self) -> int:
        if self.device != "cuda":
            return 0
        import torch

        free, total = torch.cuda.mem_get_info()
        return total - free

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self._used())

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return max(0, self.peak - self.base) / 2**20


def worker(runtime: str, compute_type: str, batch: int, device: str, new_tokens: int,
           model: str) -> None:
    from saaransh.settings import Settings
    from saaransh.summarise.registry import ModelSpec
    from saaransh.summarise.seq2seq import load_summariser

    poll = MemoryPoll(device)
    generation = {"num_beams": 4, "no_repeat_ngram_size": 2, "max_new_tokens": new_tokens,
                  "min_new_tokens": new_tokens, "max_input_tokens": 512}
    spec = ModelSpec(model, "crosssum", WORK / model, generation=generation)
    settings = Settings(device=device, runtime=runtime, compute_type=compute_type,
                        max_batch_size=batch, max_batch_tokens=10**7)
    summariser = load_summariser(spec, settings)
    requests = seed_requests(ARTICLES[batch] if model == BENCH_MODEL else batch * 2)
    summariser.summarise(requests[:batch])  # warm-up: one full batch
    latencies: list[float] = []
    start = time.perf_counter()
    for i in range(0, len(requests), batch):
        t0 = time.perf_counter()
        results = summariser.summarise(requests[i : i + batch])
        if device == "cuda":
            import torch

            torch.cuda.synchronize()
        latencies += [time.perf_counter() - t0] * len(results)
        errors = [r for r in results if isinstance(r, Exception)]
        if errors:
            fail(f"{runtime}/{compute_type} batch {batch}: {errors[0]!r}")
    elapsed = time.perf_counter() - start
    print(json.dumps({"articles_per_s": len(requests) / elapsed,
                      "p50_s": statistics.median(latencies), "articles": len(requests),
                      "peak_gpu_mb": poll.stop(),
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def prepare(device: str, model: str) -> None:
    """Build the benchmark model (on the CPU, once) and convert it for both compute types
    (the small model is the tiny checkpoint tiny_check built)."""
    from bench_runtimes import build_model

    from saaransh.settings import Settings
    from saaransh.summarise.registry import ModelSpec
    from saaransh.summarise.seq2seq.ct2_runtime import convert_spec

    if model == BENCH_MODEL:
        build_model(WORK / model)
    spec = ModelSpec(model, "crosssum", WORK / model)
    for runtime, compute_type in CONFIGS:
        if runtime == "ctranslate2":
            convert_spec(spec, Settings(device=device, compute_type=compute_type))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--device", choices=("cuda", "cpu"), default="cuda",
                        help="cpu: check the script itself (int8 in place of the bf16 types)")
    parser.add_argument("--small", action="store_true",
                        help="the tiny checkpoint, batches 1 and 2, 4 new tokens (seconds)")
    parser.add_argument("--worker", nargs=3, metavar=("RUNTIME", "COMPUTE", "BATCH"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--new-tokens", type=int, default=84)
    args = parser.parse_args()
    import torch

    device = args.device
    if device == "cuda" and not torch.cuda.is_available():
        fail("CUDA is not available (torch.cuda.is_available() is False): this check needs "
             "a GPU; `--device cpu --small` checks the script itself")
    model = SMALL_MODEL if args.small else BENCH_MODEL
    if device == "cpu":
        CONFIGS[:] = [("transformers", "auto"), ("ctranslate2", "int8")]
    if args.worker:
        runtime, compute_type, batch = args.worker
        return worker(runtime, compute_type, int(batch), device, args.new_tokens, model)
    started = time.perf_counter()
    batches = (1, 2) if args.small else (1, 8, 32)
    new_tokens = 4 if args.small else args.new_tokens
    if device == "cpu" or args.small:
        print(f"CHECK OF THE SCRIPT ({device}, {model}): these numbers measure nothing useful")
    WORK.mkdir(parents=True, exist_ok=True)
    result: dict = {"environment": environment(device), "model": model,
                    "check_only": device == "cpu" or args.small}
    print(json.dumps(result["environment"]), flush=True)
    result["tiny_crosssum"] = tiny_check(device)
    print(json.dumps(result["tiny_crosssum"]), flush=True)
    prepare(device, model)
    print(f"model built and converted in {time.perf_counter() - started:.0f} s", flush=True)
    result["runs"] = runs = []
    for batch in batches:
        for runtime, compute_type in CONFIGS:
            cmd = [sys.executable, __file__, "--worker", runtime, compute_type, str(batch),
                   "--new-tokens", str(new_tokens), "--device", device] + (
                       ["--small"] * args.small)
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=240)
            if out.returncode:
                fail(f"{runtime}/{compute_type} batch {batch} failed:\n{out.stderr[-4000:]}")
            run = {"runtime": runtime, "compute_type": compute_type, "batch": batch,
                   **json.loads(out.stdout.strip().splitlines()[-1])}
            base = next(r for r in runs + [run] if r["batch"] == batch)
            run["vs_transformers"] = run["articles_per_s"] / base["articles_per_s"]
            runs.append(run)
            print(f"batch={batch:<3} {runtime:<13} {compute_type:<14} "
                  f"articles_per_s={run['articles_per_s']:8.2f} p50_s={run['p50_s']:6.2f} "
                  f"peak_gpu_mb={run['peak_gpu_mb']:7.0f} peak_rss_mb={run['peak_rss_mb']:6.0f} "
                  f"x{run['vs_transformers']:.2f} vs transformers", flush=True)
    result["seconds"] = time.perf_counter() - started
    print(f"done in {result['seconds']:.0f} s", flush=True)
    if os.environ.get("OUT"):
        Path(os.environ["OUT"]).mkdir(parents=True, exist_ok=True)
        Path(os.environ["OUT"], "gpu_check.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
