"""Speed of the token language tagger: import and first call, then tokens/s warm and cold.

    PYTHONPATH=service python benchmarks/bench_tagging.py

Prints figures only; it asserts nothing. Single process, one core. The sentences are of ordinary
length (12 tokens): the seed articles' tokens, then Latin words drawn (seeded) from wordfreq's
English list and from romanised Hindi forms. "cold" clears every per-word cache first and tags
words the process has never seen (fresh draws, plus made-up words that no table lists, which go
through the character models); "warm" tags the same sentences again.
"""

from __future__ import annotations

import random
import string
import subprocess
import sys
import time
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parents[1]
N_TOKENS = 100_000
SENTENCE = 12


def _import_and_first_call() -> float:
    code = ("import time; t=time.perf_counter(); from saaransh.language import tag_tokens; "
            "tag_tokens(['yaar', 'kal', 'meeting', 'hai']); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def _sentences(seed: int, unseen_share: float) -> list[list[str]]:
    from saaransh.language.romanise import romanise
    from saaransh.language.tokens import tokenize

    rng = random.Random(seed)
    tokens = [t for p in sorted((ROOT / "seeds").glob("*.txt")) for t in tokenize(p.read_text())]
    english = wordfreq.top_n_list("en", 30_000)
    hindi = [f for w in wordfreq.top_n_list("hi", 20_000) for f in romanise(w)[:2]]
    while len(tokens) < N_TOKENS:
        for _ in range(SENTENCE):
            if rng.random() < unseen_share:  # a made-up word: no table lists it
                tokens.append("".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))))
            else:
                tokens.append(rng.choice(english if rng.random() < 0.4 else hindi))
        tokens.append(".")
    tokens = tokens[:N_TOKENS]
    return [tokens[i:i + SENTENCE] for i in range(0, len(tokens), SENTENCE)]


def _rate(sentences: list[list[str]]) -> float:
    from saaransh.language import tag_tokens

    start = time.perf_counter()
    for sentence in sentences:
        tag_tokens(sentence)
    return sum(map(len, sentences)) / (time.perf_counter() - start)


def main() -> None:
    print("reproduce: PYTHONPATH=service python benchmarks/bench_tagging.py")
    print(f"import + load tables + first call (fresh process): {_import_and_first_call():.2f} s")
    from saaransh.language import evidence, tagger

    tagger.tag_tokens(["warm", "up"])  # tables loaded; per-word caches still empty
    for label, unseen in (("cold, words never seen", 0.0), ("cold, 5% made-up words", 0.05)):
        sentences = _sentences(seed=len(label), unseen_share=unseen)
        evidence.word_evidence.cache_clear()
        tagger.clear_caches()
        cold = _rate(sentences)
        warm = _rate(sentences)
        print(f"{N_TOKENS:,} tokens in {SENTENCE}-token sentences, {label}: "
              f"cold {cold:,.0f} tokens/s, warm {warm:,.0f} tokens/s")


if __name__ == "__main__":
    main()
