"""Speed of the token language tagger: import and first call, then tokens/s warm and cold.

    PYTHONPATH=service python benchmarks/bench_tagging.py

Prints figures only; it asserts nothing. Single process, one core. The sentences are of ordinary
length (12 tokens): the seed articles' tokens, then Latin words drawn (seeded) from the
shipped word table. Three rates: "warm" tags sentences whose words were all seen before (the
per-word caches answer); "cold, lexicon words" clears every cache first and tags words that the
shipped table lists (their frequencies and character-model odds are precomputed); "cold, OOV"
adds made-up words that no table lists (skeleton index, two-word split and both character
models at run time). The end-to-end rate on real chat text is printed by eval_tagging.py.
"""

from __future__ import annotations

import random
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N_TOKENS = 100_000
SENTENCE = 12


def _import_and_first_call() -> float:
    code = ("import time; t=time.perf_counter(); from saaransh.language import tag_tokens; "
            "tag_tokens(['yaar', 'kal', 'meeting', 'hai']); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def _sentences(seed: int, unseen_share: float) -> list[list[str]]:
    from saaransh.language.tables import load_tables
    from saaransh.language.tokens import tokenize

    rng = random.Random(seed)
    tokens = [t for p in sorted((ROOT / "seeds").glob("*.txt")) for t in tokenize(p.read_text())]
    listed = sorted(load_tables().words._raw)
    while len(tokens) < N_TOKENS:
        for _ in range(SENTENCE):
            if rng.random() < unseen_share:  # a made-up word: no table lists it
                tokens.append("".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))))
            else:
                tokens.append(rng.choice(listed))
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
    from saaransh.language import evidence, tables, tagger

    tagger.tag_tokens(["warm", "up"])  # tables loaded; per-word caches still empty
    for label, unseen in (("lexicon words", 0.0), ("OOV: 10% made-up words", 0.1),
                          ("OOV: 100% made-up words", 1.0)):
        sentences = _sentences(seed=len(label), unseen_share=unseen)
        evidence.word_evidence.cache_clear()
        tagger.clear_caches()
        for lm in (tables.load_tables().english_lm, tables.load_tables().hindi_lm):
            lm._memo.clear()
        cold = _rate(sentences)
        warm = _rate(sentences)
        print(f"{N_TOKENS:,} tokens in {SENTENCE}-token sentences, {label}: "
              f"cold {cold:,.0f} tokens/s, warm {warm:,.0f} tokens/s")


if __name__ == "__main__":
    main()
