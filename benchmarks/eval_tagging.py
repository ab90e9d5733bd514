"""Token accuracy of `tag_tokens` on real labelled romanised Hindi-English data.

Input: CoNLL-like files, one "token TAG" per line (TAG in hi/en/univ), blank line between
sentences, e.g. transcribed from the ICON 2016 code-mixed shared-task data. The data is not
shipped with the project; pass the files explicitly:

    python benchmarks/eval_tagging.py --dev DEV1.tsv DEV2.tsv --test TEST1.tsv [--tune]

Scored tokens: gold "en"/"hi" tokens that contain a Latin letter. Baseline: a Latin token is
"en" iff it is in wordfreq's top-N English list, N chosen on dev. `--tune` grid-searches a few
tagger knobs on dev only, then reports dev and test with the chosen knobs.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import re
from pathlib import Path

import wordfreq

from saaransh.language.tagger import DEFAULT_PARAMS, TaggerParams, tag_tokens

Sentence = list[tuple[str, str]]
_LATIN = re.compile(r"[A-Za-z]")


def read_sentences(paths: list[str]) -> list[Sentence]:
    sentences: list[Sentence] = [[]]
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if sentences[-1]:
                    sentences.append([])
                continue
            token, tag = line.rsplit(maxsplit=1)
            sentences[-1].append((token, tag))
        if sentences[-1]:
            sentences.append([])
    return [s for s in sentences if s]


def _scored(gold: str, token: str) -> bool:
    return gold in ("en", "hi") and bool(_LATIN.search(token))


def accuracy(sentences: list[Sentence], params: TaggerParams) -> tuple[float, int]:
    right = total = 0
    for sentence in sentences:
        predicted = tag_tokens([tok for tok, _ in sentence], params)
        for (token, gold), tag in zip(sentence, predicted, strict=True):
            if _scored(gold, token):
                total += 1
                right += tag == gold
    return right / total, total


def baseline_accuracy(sentences: list[Sentence], top_n: int) -> float:
    english = set(wordfreq.top_n_list("en", top_n))
    pairs = [(tok, gold) for s in sentences for tok, gold in s if _scored(gold, tok)]
    return sum((tok.lower() in english) == (gold == "en") for tok, gold in pairs) / len(pairs)


def tune(dev: list[Sentence]) -> TaggerParams:
    grid = {
        "lm_weight": [0.2, 0.5, 0.8],
        "hindi_bias": [0.0, 0.5, 1.0],
        "switch_penalty": [0.75, 1.5, 2.5],
        "boundary_penalty": [0.5, 1.0],
        "ambiguous_shrink": [0.1, 0.25, 0.5],
        "emission_cap": [3.0, 5.0],
    }
    best = (0.0, DEFAULT_PARAMS)
    for values in itertools.product(*grid.values()):
        params = dataclasses.replace(DEFAULT_PARAMS, **dict(zip(grid, values, strict=True)))
        best = max(best, (accuracy(dev, params)[0], params), key=lambda pair: pair[0])
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", nargs="+", required=True)
    parser.add_argument("--test", nargs="+", required=True)
    parser.add_argument("--tune", action="store_true", help="grid-search knobs on dev")
    args = parser.parse_args()
    dev, test = read_sentences(args.dev), read_sentences(args.test)
    top_ns = [1_000, 3_000, 10_000, 30_000, 50_000]
    best_n = max(top_ns, key=lambda n: baseline_accuracy(dev, n))
    params = tune(dev) if args.tune else DEFAULT_PARAMS
    print(f"params: {params}")
    for name, split in (("dev", dev), ("test", test)):
        acc, n = accuracy(split, params)
        base = baseline_accuracy(split, best_n)
        print(f"{name}: {n} EN/HI Latin tokens, {len(split)} sentences | "
              f"baseline (top-{best_n} English list) {base:.3f} | tagger {acc:.3f}")


if __name__ == "__main__":
    main()
