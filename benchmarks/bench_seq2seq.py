"""Throughput of the seq2seq backend at batch 1 / 8 / 32 with an mT5-small-sized model.

The model is randomly initialised with mT5-small's shape (d_model 512, d_ff 1024,
8+8 layers, 6 heads; vocabulary cut to 32k to save memory) and CrossSum's config
structure, behind the tiny seed-trained tokenizer. Output length is fixed
(min_new_tokens = max_new_tokens) so every article costs real decoding work.
Prints numbers only.

    .venv/bin/python benchmarks/bench_seq2seq.py [--articles 32] [--new-tokens 32]
        [--runtime transformers|ctranslate2]

benchmarks/bench_runtimes.py compares the two runtimes at mT5's real vocabulary size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from transformers import MT5ForConditionalGeneration  # noqa: E402

import tiny_models  # noqa: E402
from saaransh.jobs.readers import read_paths  # noqa: E402
from saaransh.pipeline import analyse  # noqa: E402
from saaransh.settings import Settings  # noqa: E402
from saaransh.summarise.base import SummaryRequest  # noqa: E402
from saaransh.summarise.registry import ModelSpec  # noqa: E402
from saaransh.summarise.seq2seq import load_summariser  # noqa: E402

MT5_SMALL = dict(
    d_model=512,
    d_kv=64,
    d_ff=1024,
    num_layers=8,
    num_decoder_layers=8,
    num_heads=6,
    relative_attention_num_buckets=32,
)


def build_model(folder: Path) -> None:
    tiny_models.build_tiny_crosssum(folder)  # tokenizer + config structure
    config = tiny_models.mt5_config(
        32_000, task_specific_params={"langid_map": tiny_models.CROSSSUM_LANGID_MAP}, **MT5_SMALL
    )
    torch.manual_seed(0)
    MT5ForConditionalGeneration(config).eval().save_pretrained(folder)


def seed_requests(count: int) -> list[SummaryRequest]:
    # The seeds as the engine sees them: cleaned and split by the real pipeline.
    articles = [tuple(analyse(doc).sentences) for doc in read_paths([ROOT / "seeds"])]
    return [SummaryRequest(f"a{i}", articles[i % len(articles)], "hi", "en") for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=32)
    parser.add_argument("--new-tokens", type=int, default=32)
    parser.add_argument("--input-tokens", type=int, default=512)
    parser.add_argument("--batch-sizes", default="1,8,32")
    parser.add_argument("--runtime", default="transformers",
                        choices=["transformers", "ctranslate2"])
    args = parser.parse_args()
    torch.set_num_threads(torch.get_num_threads())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "mt5-small-random"
        build_model(folder)
        generation = {
            "num_beams": 1,
            "max_new_tokens": args.new_tokens,
            "min_new_tokens": args.new_tokens,
            "max_input_tokens": args.input_tokens,
        }
        spec = ModelSpec("mt5-small-random", "crosssum", folder, generation=generation)
        requests = seed_requests(args.articles)
        for batch_size in [int(b) for b in args.batch_sizes.split(",")]:
            settings = Settings(device="auto", max_batch_size=batch_size, max_batch_tokens=10**9,
                                runtime=args.runtime)
            summariser = load_summariser(spec, settings)
            summariser.max_chunks = 1  # one encoder input per article: measure batching alone
            summariser.warmup(batch_size)
            start = time.perf_counter()
            for i in range(0, len(requests), batch_size):
                summariser.summarise(requests[i : i + batch_size])
            elapsed = time.perf_counter() - start
            print(
                f"runtime={args.runtime} batch={batch_size:>3} "
                f"articles={len(requests)} input_tokens<={args.input_tokens} "
                f"new_tokens={args.new_tokens} seconds={elapsed:.2f} "
                f"articles_per_s={len(requests) / elapsed:.2f}"
            )


if __name__ == "__main__":
    main()
