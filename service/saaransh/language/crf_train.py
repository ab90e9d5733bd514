"""Training of the two-label linear-chain CRF (crf.py), vectorised over chains with numpy.

Labels may be partial: a word whose gold label is None is latent, and the likelihood sums over
both of its labels. Distant supervision needs this: a Latin word of a Hinglish query that also
occurs in the aligned English query is English, unless it is also a frequent Hindi spelling
("me", "to", "is"), in which case the alignment cannot tell and the word is left latent.
The objective, mean log-likelihood per labelled word minus an L2 penalty, is concave.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .crf import Chain, Weights

Gold = Sequence[bool | None]
_NEG = -1e9


def _logsumexp2(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    hi = np.maximum(a, b)
    return hi + np.log1p(np.exp(-np.abs(a - b)))


class _Batch:
    """All chains padded to one length: features X[c, i, k], masks and allowed labels."""

    def __init__(self, chains: Sequence[Chain], golds: Sequence[Gold], n_features: int) -> None:
        n, length = len(chains), max(len(f) for f, _ in chains)
        self.x = np.zeros((n, length, n_features))
        self.valid = np.zeros((n, length), dtype=bool)
        self.across = np.zeros((n, length), dtype=bool)
        self.allowed = np.ones((n, length, 2), dtype=bool)  # state 0 = en, 1 = hi
        for c, ((feats, across), gold) in enumerate(zip(chains, golds, strict=True)):
            m = len(feats)
            self.x[c, :m] = np.asarray(feats, dtype=float)
            self.valid[c, :m] = True
            self.across[c, :m] = across
            for i, label in enumerate(gold):
                if label is not None:
                    self.allowed[c, i, int(not label)] = False
        self.n_labelled = int(sum(g is not None for gold in golds for g in gold))


def _expectations(batch: _Batch, w: np.ndarray, stay: float, stay_across: float,
                  clamp: bool) -> tuple[np.ndarray, np.ndarray, float]:
    """(E[features of "hi"], E[same-label transitions] (within, across), sum of log Z).

    With `clamp` the labels are restricted to the gold ones (latent words left free). Padding
    positions are transparent: no emission, no transition, both labels allowed.
    """
    n, length, _ = batch.x.shape
    score = batch.x @ w  # (n, L): score of "hi"
    emit = np.stack([np.zeros_like(score), score], axis=-1)
    if clamp:
        emit = np.where(batch.allowed, emit, _NEG)
    trans = np.where(batch.across, stay_across, stay) * batch.valid  # (n, L), at i: i-1 -> i
    alpha = np.zeros((n, length, 2))
    alpha[:, 0] = emit[:, 0]
    for i in range(1, length):
        prev = alpha[:, i - 1]
        t = trans[:, i]
        en = _logsumexp2(prev[:, 0] + t, prev[:, 1])
        hi = _logsumexp2(prev[:, 1] + t, prev[:, 0])
        alpha[:, i] = np.stack([en, hi], axis=-1) + emit[:, i]
    beta = np.zeros((n, length, 2))
    for i in range(length - 2, -1, -1):
        nxt = beta[:, i + 1] + emit[:, i + 1]
        t = trans[:, i + 1]
        beta[:, i, 0] = _logsumexp2(nxt[:, 0] + t, nxt[:, 1])
        beta[:, i, 1] = _logsumexp2(nxt[:, 1] + t, nxt[:, 0])
    log_z = _logsumexp2(alpha[:, -1, 0], alpha[:, -1, 1])  # (n,)
    p_hi = np.exp(alpha[:, :, 1] + beta[:, :, 1] - log_z[:, None]) * batch.valid
    feat_exp = np.einsum("ci,cik->k", p_hi, batch.x)
    same = np.zeros((n, length))
    for s in (0, 1):
        same[:, 1:] += np.exp(alpha[:, :-1, s] + trans[:, 1:] + emit[:, 1:, s] + beta[:, 1:, s]
                              - log_z[:, None])
    same *= batch.valid
    within = float((same * ~batch.across).sum())
    across = float((same * batch.across).sum())
    return feat_exp, np.array([within, across]), float(log_z.sum())


def _objective(batch: _Batch, params: np.ndarray, n_features: int, l2: float
               ) -> tuple[float, np.ndarray]:
    """(penalised log-likelihood, its gradient), both per labelled word."""
    w, stay, stay_across = params[:n_features], params[-2], params[-1]
    f_gold, t_gold, z_gold = _expectations(batch, w, stay, stay_across, clamp=True)
    f_all, t_all, z_all = _expectations(batch, w, stay, stay_across, clamp=False)
    scale = max(batch.n_labelled, 1)
    value = (z_gold - z_all - 0.5 * l2 * float(params @ params)) / scale
    grad = (np.concatenate([f_gold - f_all, t_gold - t_all]) - l2 * params) / scale
    return value, grad


def train(chains: Sequence[Chain], golds: Sequence[Gold], n_features: int, l2: float = 1.0,
          max_iter: int = 200, tol: float = 1e-7) -> tuple[Weights, float]:
    """Fit the weights by L-BFGS (ascent); returns (weights, mean log-likelihood per word).

    The features are strongly correlated (lexicon odds and their sign), where plain gradient
    ascent crawls; L-BFGS with a backtracking line search converges in a few dozen steps.
    """
    batch = _Batch(chains, golds, n_features)
    params = np.zeros(n_features + 2)
    value, grad = _objective(batch, params, n_features, l2)
    history: list[tuple[np.ndarray, np.ndarray]] = []
    for _ in range(max_iter):
        direction = _lbfgs_direction(grad, history)
        step, new_value, new_grad, new_params = 1.0, value, grad, params
        for _ in range(30):  # Armijo backtracking
            new_params = params + step * direction
            new_value, new_grad = _objective(batch, new_params, n_features, l2)
            if new_value >= value + 1e-4 * step * float(grad @ direction):
                break
            step *= 0.5
        if new_value - value < tol:
            params, value = (new_params, new_value) if new_value > value else (params, value)
            break
        history = [*history[-9:], (new_params - params, new_grad - grad)]
        params, value, grad = new_params, new_value, new_grad
    mean_ll = value + 0.5 * l2 * float(params @ params) / max(batch.n_labelled, 1)
    return (Weights(tuple(float(v) for v in params[:n_features]), float(params[-2]),
                    float(params[-1])), mean_ll)


def _lbfgs_direction(grad: np.ndarray, history: list[tuple[np.ndarray, np.ndarray]]
                     ) -> np.ndarray:
    """Ascent direction: the two-loop recursion on the negated objective's curvature pairs."""
    q = grad.copy()
    alphas = []
    pairs = [(s, -y) for s, y in history if float(s @ -y) > 1e-12]
    for s, y in reversed(pairs):
        a = float(s @ q) / float(y @ s)
        alphas.append(a)
        q -= a * y
    if pairs:
        s, y = pairs[-1]
        q *= float(s @ y) / float(y @ y)
    for (s, y), a in zip(pairs, reversed(alphas), strict=True):
        b = float(y @ q) / float(y @ s)
        q += (a - b) * s
    return q
