"""How much of the tagger's HingLID error is its features, and how much its learned weights?

    PYTHONPATH=service python benchmarks/tagging_ceiling.py

An analysis, not a model: the CRF is refit in memory on the EVEN half of HingLID validation
(CC BY-NC-SA 4.0, evaluation only) and scored on the odd half, next to the shipped weights
(learned from Hinglish-TOP). Nothing is written and nothing ships. If the refit weights score
no better than the shipped ones, the errors come from what the features can tell apart (the
labels' word-by-word conventions), not from a mismatch of weights; better weights alone will
not move the figure. The L2 penalty is the one the build chose. Also printed: how far the labels
follow the word alone (each word type tagged with its most frequent label in the whole file).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from devdata import hinglid_path
from eval_tagging import _scored, read_sentences, score

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import build_tagger  # noqa: E402

from saaransh.language import tagger  # noqa: E402
from saaransh.language.crf_train import train  # noqa: E402
from saaransh.language.tables import load_weights  # noqa: E402


def main() -> None:
    print("reproduce: PYTHONPATH=service python benchmarks/tagging_ceiling.py")
    sentences = read_sentences([str(hinglid_path())])
    even, odd = sentences[0::2], sentences[1::2]
    labelled = [[(tok, gold if gold in ("hi", "en") else None) for tok, gold in s] for s in even]
    chains, golds = build_tagger.to_chains(labelled)
    l2 = load_weights()["trained_on"]["l2"]
    refit, _ = train(chains, golds, len(tagger.FEATURES), l2=l2)
    for name, weights in (("shipped (Hinglish-TOP)", tagger.default_weights()),
                          ("refit on the even half", refit)):
        result = score(odd, [tagger.tag_tokens([tok for tok, _ in s], weights) for s in odd])
        print(f"  odd half, {name:<24} acc {result['accuracy']:.4f}  {result['confusion']}")
    by_type: dict[str, Counter[str]] = {}
    for sentence in sentences:
        for tok, gold in sentence:
            if _scored(gold, tok):
                by_type.setdefault(tok.lower(), Counter())[gold] += 1
    majority = sum(max(c.values()) for c in by_type.values())
    print(f"  labels by word type alone (most frequent label per type, whole file): "
          f"{majority / sum(c.total() for c in by_type.values()):.4f}")
    print("  refit weights: " + ", ".join(f"{f} {w:.2f}" for f, w in
                                          zip(tagger.FEATURES, refit.emission, strict=True))
          + f", stay {refit.stay:.2f}, stay_across {refit.stay_across:.2f}")


if __name__ == "__main__":
    main()
