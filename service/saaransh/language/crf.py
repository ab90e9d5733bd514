"""A two-label linear-chain CRF (hi vs en) with a handful of weights: decoding and training.

A chain is the run of Latin words of one stretch of text. Each word i has a feature vector x_i;
labelling it Hindi scores w . x_i (English scores 0), and two neighbours with the same label score
`stay` (or `stay_across` when a sentence end lies between them). Training maximises the
conditional log-likelihood of labelled chains (forward-backward gives the exact gradient), with
an L2 penalty, by plain gradient ascent: there are only a few weights.
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


def _chain_gradient(chain: Chain, gold: Sequence[bool], weights: Weights,
                    grad: list[float]) -> float:
    """Add d log P(gold | chain) to grad (emission..., stay, stay_across); return log P."""
    feats, across = chain
    n, k = len(feats), len(weights.emission)
    scores = [sum(w * f for w, f in zip(weights.emission, x, strict=True)) for x in feats]
    stays = [weights.stay_across if c else weights.stay for c in across]
    # Forward and backward log-potentials; state 0 = en, 1 = hi.
    fwd = [(0.0, scores[0])]
    for i in range(1, n):
        en_prev, hi_prev = fwd[-1]
        fwd.append((_logaddexp(en_prev + stays[i], hi_prev),
                    _logaddexp(hi_prev + stays[i], en_prev) + scores[i]))
    bwd = [(0.0, 0.0)] * n
    for i in range(n - 2, -1, -1):
        en_next, hi_next = bwd[i + 1]
        nxt = scores[i + 1]
        bwd[i] = (_logaddexp(en_next + stays[i + 1], hi_next + nxt),
                  _logaddexp(hi_next + nxt + stays[i + 1], en_next))
    log_z = _logaddexp(*fwd[-1])
    gold_score = sum(s for s, y in zip(scores, gold, strict=True) if y)
    gold_score += sum(stays[i] for i in range(1, n) if gold[i] == gold[i - 1])
    for i in range(n):
        p_hi = math.exp(fwd[i][1] + bwd[i][1] - log_z)
        for j in range(k):
            grad[j] += (gold[i] - p_hi) * feats[i][j]
        if i:
            en_prev, hi_prev = fwd[i - 1]
            en_next, hi_next = bwd[i]
            p_same = (math.exp(en_prev + stays[i] + en_next - log_z)
                      + math.exp(hi_prev + stays[i] + scores[i] + hi_next - log_z))
            grad[k + across[i]] += (gold[i] == gold[i - 1]) - p_same
    return gold_score - log_z


def train(chains: Sequence[Chain], golds: Sequence[Sequence[bool]], n_features: int,
          l2: float = 0.1, steps: int = 3000, rate: float = 1.0) -> tuple[Weights, float]:
    """Fit the weights by gradient ascent on the mean log-likelihood; returns (weights, mean LL)."""
    params = [0.0] * (n_features + 2)
    n_words = sum(len(g) for g in golds)
    mean_ll = 0.0
    for _ in range(steps):
        weights = Weights(tuple(params[:n_features]), params[n_features], params[-1])
        grad = [0.0] * len(params)
        mean_ll = sum(_chain_gradient(c, g, weights, grad) for c, g in zip(chains, golds,
                                                                           strict=True)) / n_words
        params = [p + rate * (g / n_words - l2 * p / n_words) for p, g in zip(params, grad,
                                                                           strict=True)]
    return Weights(tuple(params[:n_features]), params[n_features], params[-1]), mean_ll
