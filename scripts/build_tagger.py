"""Rebuild the token language tagger's shipped tables and learned weights.

    PYTHONPATH=service python scripts/build_tagger.py

1. Word tables and character models from wordfreq (English; Hindi romanised by rule) ->
   service/saaransh/data/tagger/{words,skeletons}.tsv.gz, charlm.json.gz.
2. The CRF's weights, learned from scripts/tagger_data/hinglish-top-lid.tsv (human-written
   Hinglish from Hinglish-TOP, CC BY-SA 4.0, token labels derived from its aligned English
   queries; see scripts/tagger_data/README.md) -> service/saaransh/data/tagger/weights.json.

No evaluation data is read. The output is deterministic for the same wordfreq version.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from importlib.metadata import version
from pathlib import Path

from saaransh.language import evidence, tables, tagger
from saaransh.language.build import build_tables
from saaransh.language.crf import Weights, train, viterbi

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "service" / "saaransh" / "data" / "tagger"
TRAIN = ROOT / "scripts" / "tagger_data" / "hinglish-top-lid.tsv"
L2 = 1.0  # Gaussian prior on the weights, in units of one labelled word's log-likelihood
FOLDS = 5

Sentence = list[tuple[str, str]]


def read_labelled(path: Path) -> list[Sentence]:
    """token<TAB>label lines (label hi, en or univ), a blank line between sentences."""
    sentences: list[Sentence] = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        sentences.append([tuple(line.split("\t")) for line in block.splitlines()])  # type: ignore[misc]
    return sentences


def to_chains(sentences: list[Sentence]) -> tuple[list, list[list[bool]]]:
    """Feature chains and gold labels (True = hi) of the labelled Latin words."""
    chains, golds = [], []
    for sentence in sentences:
        tokens = [tok for tok, _ in sentence]
        for positions, across, starts in tagger.latin_chains(tokens):
            feats = tagger.chain_features(tokens, positions, across, starts)
            chains.append((feats, across))
            golds.append([sentence[i][1] == "hi" for i in positions])
    return chains, golds


def accuracy(chains: list, golds: list[list[bool]], weights: Weights) -> float:
    right = total = 0
    for (feats, across), gold in zip(chains, golds, strict=True):
        scores = [sum(w * f for w, f in zip(weights.emission, x, strict=True)) for x in feats]
        right += sum(p == g for p, g in zip(viterbi(scores, across, weights), gold, strict=True))
        total += len(gold)
    return right / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-tables", action="store_true", help="only relearn the weights")
    args = parser.parse_args()
    if not args.skip_tables:
        start = time.perf_counter()
        counts = build_tables(OUT)
        print(f"tables: {counts} in {time.perf_counter() - start:.1f} s")
    tables.load_tables.cache_clear()
    evidence.word_evidence.cache_clear()
    tagger.clear_caches()

    sentences = read_labelled(TRAIN)
    chains, golds = to_chains(sentences)
    n = len(tagger.FEATURES)
    # Cross-validated accuracy first, so the figure printed is one the weights never saw.
    order = list(range(len(chains)))
    random.Random(0).shuffle(order)
    fold_acc = []
    for fold in range(FOLDS):
        held = set(order[fold::FOLDS])
        fit = [i for i in order if i not in held]
        w, _ = train([chains[i] for i in fit], [golds[i] for i in fit], n, l2=L2)
        fold_acc.append(accuracy([chains[i] for i in held], [golds[i] for i in held], w))
    weights, mean_ll = train(chains, golds, n, l2=L2)
    words = sum(len(g) for g in golds)
    print(f"training: {len(sentences)} sentences, {words} Latin words; "
          f"{FOLDS}-fold CV accuracy {sum(fold_acc) / FOLDS:.3f}; mean log-lik {mean_ll:.3f}")
    data = {
        "emission": {name: round(w, 4) for name, w in zip(tagger.FEATURES, weights.emission,
                                                          strict=True)},
        "stay": round(weights.stay, 4),
        "stay_across": round(weights.stay_across, 4),
        "trained_on": {"file": str(TRAIN.relative_to(ROOT)), "sentences": len(sentences),
                       "latin_words": words, "l2": L2,
                       "cv_accuracy": round(sum(fold_acc) / FOLDS, 4)},
        "tables_from": {"wordfreq": version("wordfreq")},
    }
    (OUT / tables.WEIGHTS_FILE).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data["emission"]), "stay", data["stay"], "stay_across", data["stay_across"])


if __name__ == "__main__":
    main()
