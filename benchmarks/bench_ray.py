"""Articles/s of the local engine and of Ray Data with 1..N actors, same documents.

    .venv/bin/python benchmarks/bench_ray.py --docs 100 --workers 1,2

The seeds are replicated to `--docs` documents with distinct ids. Times are wall
clock, end to end: for Ray that includes starting the actors and loading a model in
each (Ray itself is started once, beforehand, and reported apart). The script also
checks that every Ray run wrote exactly the local records. It prints, never asserts.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import time
from pathlib import Path

from saaransh.article import RawDocument
from saaransh.factory import build_engine
from saaransh.jobs import chunked, summarise_chunk
from saaransh.jobs.readers import read_paths
from saaransh.scale._ray import ensure_ray
from saaransh.scale.ray_batch import summarise_with_ray
from saaransh.settings import RaySettings, Settings

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "hi")


def replicated_seeds(n: int) -> list[RawDocument]:
    seeds = [d for d in read_paths(sorted((ROOT / "seeds").glob("*.txt")))
             if isinstance(d, RawDocument)]
    return [dataclasses.replace(seeds[i % len(seeds)], id=f"{seeds[i % len(seeds)].id}-{i:04d}")
            for i in range(n)]


def run_local(docs, settings, batch_size):
    engine = build_engine(settings)
    return [r for chunk in chunked(docs, batch_size) for r in summarise_chunk(engine, chunk, LANGS)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--workers", default="1,2", help="comma-separated actor counts")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--num-cpus", type=int, default=None, help="local Ray CPUs")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    settings = Settings(backend="extractive")
    docs = replicated_seeds(args.docs)
    print(f"{len(docs)} documents, extractive backend, batch size {args.batch_size}, "
          f"{os.cpu_count()} CPUs, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}")

    start = time.perf_counter()
    local = run_local(docs, settings, args.batch_size)
    seconds = time.perf_counter() - start
    print(f"local          {seconds:7.1f} s  {len(docs) / seconds:6.2f} articles/s")

    start = time.perf_counter()
    ensure_ray(num_cpus=args.num_cpus)
    print(f"ray.init       {time.perf_counter() - start:7.1f} s  (not counted below)")
    for workers in (int(w) for w in args.workers.split(",")):
        start = time.perf_counter()
        ray = RaySettings(num_workers=workers, batch_size=args.batch_size)
        records = list(summarise_with_ray(docs, settings.model_copy(update={"ray": ray}), LANGS))
        seconds = time.perf_counter() - start
        print(f"ray x{workers:<2} actors {seconds:7.1f} s  {len(docs) / seconds:6.2f} articles/s"
              f"  records identical to local: {records == local}")


if __name__ == "__main__":
    main()
