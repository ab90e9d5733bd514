"""Speed of the token language tagger: cold-start model cost and tokens per second.

    python benchmarks/bench_tagging.py

Prints figures only; it asserts nothing. The 10,000 tokens are the seed articles' tokens plus
Latin words drawn (seeded) from wordfreq's English list and from romanised Hindi forms, so that
about half of them go through the Latin-word scorer.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import wordfreq

from saaransh.language import lexicon, tagger
from saaransh.language.romanise import romanise
from saaransh.language.tokens import tokenize

N_TOKENS = 10_000


def _tokens() -> list[str]:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    tokens = [t for path in sorted(seeds.glob("*.txt")) for t in tokenize(path.read_text("utf-8"))]
    rng = random.Random(0)
    english = wordfreq.top_n_list("en", 20_000)
    hindi = [f for w in wordfreq.top_n_list("hi", 5_000) for f in romanise(w)[:1]]
    while len(tokens) < N_TOKENS:
        tokens += rng.choices(english, k=10) + rng.choices(hindi, k=10)
    return tokens[:N_TOKENS]


def main() -> None:
    start = time.perf_counter()
    lexicon.build_model()
    print(f"model build from wordfreq:        {time.perf_counter() - start:.2f} s")
    lexicon.load_model.cache_clear()
    lexicon.load_model()  # writes the on-disk cache if it is missing
    lexicon.load_model.cache_clear()
    start = time.perf_counter()
    lexicon.load_model()
    print(f"model load from on-disk cache:    {time.perf_counter() - start:.2f} s")

    tokens = _tokens()
    for label, clear in (("cold word cache", True), ("warm word cache", False)):
        if clear:
            tagger._word_evidence.cache_clear()
        start = time.perf_counter()
        tagger.tag_tokens(tokens)
        elapsed = time.perf_counter() - start
        print(f"tag {len(tokens)} tokens ({label}): {elapsed * 1000:.0f} ms per 10,000 tokens, "
              f"{len(tokens) / elapsed:,.0f} tokens/s")


if __name__ == "__main__":
    main()
