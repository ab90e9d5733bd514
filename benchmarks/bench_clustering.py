"""Online clustering throughput as the store grows: time per 1,000 articles.

    .venv/bin/python benchmarks/bench_clustering.py [--sizes 1000,10000,50000]

Synthetic stream: articles spread over a year, in date order, grouped in events of
1-12 articles over 0-3 days. Embeddings come from a FAKE embedder (random vectors
around each event's centre), so this measures the clusterer and the store, not the
embedding model. SQLite file in a temporary folder, one transaction per article. The stream has the
same density (articles per day) throughout, so the three checkpoints show how the
cost per article changes as the store grows, not as the news gets busier. CPU time
is printed next to wall time because a shared machine makes wall time noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import tempfile
import time
from pathlib import Path

import numpy as np

from saaransh.article import Article, LanguageInfo
from saaransh.engine import ArticleResult
from saaransh.eval.clustering import bcubed_scores
from saaransh.events import EventService
from saaransh.settings import EventSettings
from saaransh.store import Store

DIM = 384
EVENT = re.compile(r"event(\d+)")


class CentreEmbedder:
    """Event k's articles: a random centre plus noise (same-event cosine ~0.95)."""

    name = "fake-centre-embedder (benchmark only)"
    dim = DIM

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            k = int(EVENT.search(text).group(1))
            centre = np.random.default_rng(k).standard_normal(DIM)
            noise = np.random.default_rng(hash(text) & 0xFFFFFFFF).standard_normal(DIM)
            v = centre / np.linalg.norm(centre) + 0.3 * noise / np.linalg.norm(noise)
            rows.append(v / np.linalg.norm(v))
        return np.asarray(rows, dtype=np.float32)


def synthetic_stream(n: int, seed: int = 0) -> list[tuple[ArticleResult, int]]:
    rng = random.Random(seed)
    start = dt.date(2025, 1, 1)
    items: list[tuple[dt.date, str, int]] = []
    event = 0
    while len(items) < n:
        day = start + dt.timedelta(days=rng.randrange(365))
        name = "".join(rng.choice("bdgklmnprstv") + rng.choice("aeiou") for _ in range(4))
        for _ in range(rng.randint(1, 12)):
            items.append((day + dt.timedelta(days=rng.randint(0, 3)), name.title(), event))
        event += 1
    items = sorted(items[:n], key=lambda t: t[0])
    lang = LanguageInfo("en", "Latn", False, 0.0, {})
    stream = []
    for i, (day, name, event) in enumerate(items):
        title = f"{name} event{event} report {i}"
        sentences = [f"{name} said something about event{event}.",
                     f"A second sentence on event{event}."]
        article = Article(f"a{i}", title, " ".join(sentences), sentences, lang, day)
        stream.append((ArticleResult(article, {}, {}), event))
    return stream


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    sizes = sorted(int(s) for s in parser.parse_args().sizes.split(","))
    print("embedder: fake random vectors around event centres; measures clusterer + store")
    stream = synthetic_stream(sizes[-1])
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}").migrate()
        svc = EventService(store, embedder=CentreEmbedder(), settings=EventSettings())
        predicted, gold = {}, {}
        t0 = last = time.perf_counter()
        cpu0 = cpu_last = time.process_time()
        for i, (result, event) in enumerate(stream, 1):
            predicted[result.article.id] = svc.ingest(result)
            gold[result.article.id] = event
            if i % 1000 == 0:
                now, cpu = time.perf_counter(), time.process_time()
                if i in sizes:
                    print(f"{i:>6} articles: last 1,000 took {now - last:6.2f} s wall, "
                          f"{cpu - cpu_last:6.2f} s CPU; overall {(now - t0) / i * 1000:6.2f} s "
                          f"wall, {(cpu - cpu0) / i * 1000:6.2f} s CPU per 1,000", flush=True)
                last, cpu_last = now, cpu
        f1 = bcubed_scores(predicted, gold)["f1"]
        print(f"events: {len(set(predicted.values()))} predicted, {len(set(gold.values()))} "
              f"true; BCubed F1 {f1:.3f} (synthetic, for sanity only)")


if __name__ == "__main__":
    main()
