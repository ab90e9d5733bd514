"""Token-level language tags: English vs romanised Hindi decided by lexicons plus context.

Each Latin word gets an emission score, log P(word | hi) - log P(word | en), from the two
lexicons mixed with character models. A two-state Viterbi pass over the Latin words of the text
then trades those scores against a penalty for switching language, plus a document-level prior
from a first, context-free pass. Words that both languages use ("to", "me", "main", "is", "do")
thus follow their neighbours. Devanagari words are "hi" and break the Latin chain: a Latin word
inside a Devanagari sentence ("India के", "Tuesday को") was written in Latin on purpose and is
judged on its own. Proper nouns get no tag of their own: a capitalised word after a lowercase
one ("ne kal Moscow mein Putin se") has its score shrunk, so it follows its Latin neighbours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from .evidence import lexicon_freqs
from .lexicon import load_model
from .scripts import token_kind


@dataclass(frozen=True)
class TaggerParams:
    """Knobs tuned on the dev split of the evaluation data (benchmarks/eval_tagging.py)."""

    lm_weight: float = 0.5  # share of the character model in P(word | language)
    hindi_bias: float = 0.0  # added to every emission score, in nats
    switch_penalty: float = 0.75  # cost of changing language between adjacent words
    boundary_penalty: float = 1.0  # the same across a sentence end
    doc_prior: float = 0.5  # weight of the document's first-pass Hindi/English log-odds
    emission_cap: float = 5.0  # no single word may outvote its context without limit
    name_shrink: float = 0.25  # scale of a capitalised word's score after a lowercase word
    # Words frequent in both lexicons ("to", "me", "is", "do") carry little evidence of their own:
    # their score is scaled by `ambiguous_shrink` so that context decides.
    ambiguous_freq: float = 1e-4
    ambiguous_shrink: float = 0.25


DEFAULT_PARAMS = TaggerParams()
_SENTENCE_END = frozenset(".!?।॥;:\n")


@lru_cache(maxsize=200_000)
def _word_evidence(word: str, lm_weight: float) -> tuple[float, float]:
    """(log P(word | hi) - log P(word | en), the smaller of its two lexicon frequencies)."""
    model = load_model()
    letters = "".join(ch for ch in word if ch.isalpha())
    p_en, p_hi = lexicon_freqs(model, letters)
    lm_en = math.exp(model.english_lm.logprob(letters))
    lm_hi = math.exp(model.hindi_lm.logprob(letters))
    log_en = math.log((1 - lm_weight) * p_en + lm_weight * lm_en)
    log_hi = math.log((1 - lm_weight) * p_hi + lm_weight * lm_hi)
    return log_hi - log_en, min(p_en, p_hi)


def _emission(token: str, params: TaggerParams) -> float:
    log_odds, shared_freq = _word_evidence(token.lower(), params.lm_weight)
    if shared_freq > params.ambiguous_freq:
        log_odds *= params.ambiguous_shrink
    score = log_odds + params.hindi_bias
    return max(-params.emission_cap, min(params.emission_cap, score))


def _viterbi(scores: list[float], penalties: list[float], prior: float) -> list[bool]:
    """Best hi(True)/en(False) path; penalties[i] is the switch cost between words i-1 and i."""
    hi, en = prior / 2 + scores[0] / 2, -prior / 2 - scores[0] / 2
    back: list[tuple[bool, bool]] = []
    for score, penalty in zip(scores[1:], penalties[1:], strict=True):
        from_hi_to_hi, from_en_to_hi = hi, en - penalty
        from_en_to_en, from_hi_to_en = en, hi - penalty
        back.append((from_hi_to_hi >= from_en_to_hi, from_hi_to_en > from_en_to_en))
        hi = max(from_hi_to_hi, from_en_to_hi) + (prior + score) / 2
        en = max(from_en_to_en, from_hi_to_en) - (prior + score) / 2
    state = hi >= en
    path = [state]
    for hi_came_from_hi, en_came_from_hi in reversed(back):
        state = hi_came_from_hi if state else en_came_from_hi
        path.append(state)
    return path[::-1]


def _is_name_like(token: str, previous: str | None) -> bool:
    return token[:1].isupper() and not token.isupper() and bool(previous and previous[:1].islower())


def tag_tokens(tokens: list[str], params: TaggerParams = DEFAULT_PARAMS) -> list[str]:
    """Tag each token "hi", "en", "univ" (punctuation, numbers, URLs, handles...) or "other"."""
    kinds = [token_kind(tok) for tok in tokens]
    tags = ["hi" if k == "deva" else k for k in kinds]
    chain: list[int] = []  # positions of the Latin words, in order
    scores: list[float] = []
    penalties: list[float] = []
    boundary, previous = False, None
    for i, (tok, kind) in enumerate(zip(tokens, kinds, strict=True)):
        if kind == "latn":
            score = _emission(tok, params)
            if _is_name_like(tok, previous):
                score *= params.name_shrink
            chain.append(i)
            scores.append(score)
            penalties.append(params.boundary_penalty if boundary else params.switch_penalty)
            boundary, previous = False, tok
        elif kind == "deva" or (kind == "univ" and tok[:1] in _SENTENCE_END):
            boundary, previous = True, None
    if not chain:
        return tags
    votes_hi = sum(s > 0 for s in scores)
    prior = params.doc_prior * math.log((votes_hi + 1) / (len(scores) - votes_hi + 1))
    for i, is_hi in zip(chain, _viterbi(scores, penalties, prior), strict=True):
        tags[i] = "hi" if is_hi else "en"
    return tags
