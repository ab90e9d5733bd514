"""A two-label linear-chain CRF (hi vs en) with a handful of weights: the model and its decoding.

A chain is the run of Latin words of one stretch of text. Each word i has a feature vector x_i;
labelling it Hindi scores w . x_i (English scores 0), and two neighbours with the same label score
`stay` (or `stay_across` when a sentence end lies between them). Training (build time only, with
numpy) is in crf_train.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Chain = tuple[list[Sequence[float]], list[bool]]  # features per word, "sentence end before it"


@dataclass(frozen=True)
class Weights:
    emission: tuple[float, ...]  # one per feature, the score of "hi" over "en"
    stay: float  # bonus for the same label as the previous word in the sentence
    stay_across: float  # the same across a sentence end


def _logaddexp(a: float, b: float) -> float:
    return max(a, b) + math.log1p(math.exp(-abs(a - b)))


def viterbi(scores: Sequence[float], across: Sequence[bool], weights: Weights) -> list[bool]:
    """Best labels (True = hi) from each word's hi-over-en score; across[i]: sentence end before."""
    hi, en = scores[0], 0.0
    back: list[tuple[bool, bool]] = []
    for score, crossing in zip(scores[1:], across[1:], strict=True):
        stay = weights.stay_across if crossing else weights.stay
        hi_from_hi, hi_from_en = hi + stay, en
        en_from_en, en_from_hi = en + stay, hi
        back.append((hi_from_hi >= hi_from_en, en_from_hi > en_from_en))
        hi, en = max(hi_from_hi, hi_from_en) + score, max(en_from_en, en_from_hi)
    state = hi >= en
    path = [state]
    for hi_came_from_hi, en_came_from_hi in reversed(back):
        state = hi_came_from_hi if state else en_came_from_hi
        path.append(state)
    return path[::-1]
