"""Token-level language tags: English vs romanised Hindi, word evidence weighed against context.

Each Latin word gets a few features (lexicon log-odds from wordfreq's English and romanised Hindi
frequencies, with English loanwords taken out of the Hindi side; character-model log-odds;
whether it looks like a name or an acronym; its neighbours' odds...). A two-label linear-chain
CRF (crf.py), whose weights were learned from licence-clean labelled code-mixed text
(scripts/build_tagger.py, provenance in saaransh/data/tagger/README.md), picks the best labels
for the Latin words of each stretch of text. Words that both languages use ("to", "me", "is")
have small lexicon odds and follow their neighbours; words with strong evidence ("the", "tweet")
keep it, since no learned switching cost is large enough to outvote it.

Devanagari words are "hi" and cut the Latin chain: a Latin word inside Devanagari text ("India
के", "Tuesday को") was written in Latin on purpose and is judged on its own.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .crf import Weights, viterbi
from .evidence import letters_of, word_evidence
from .scripts import token_kind
from .tables import MISSING_LOG_FREQ, load_weights

FEATURES = ("lexicon", "lexicon_sign", "charlm", "bias", "folded", "unlisted", "english_listed",
            "short", "acronym", "name", "prev_lexicon", "next_lexicon")
_LEX, _NAME, _PREV, _NEXT = (FEATURES.index(f) for f in ("lexicon", "name", "prev_lexicon",
                                                          "next_lexicon"))
# Lexicon and character-model odds are clipped: beyond this many nats a word's evidence is
# decisive anyway, and one odd spelling must not weigh like ten words.
CLIP = 8.0
_SENTENCE_END = frozenset(".!?।॥;:\n")


def _clip(value: float) -> float:
    return max(-CLIP, min(CLIP, value))


def token_features(token: str) -> tuple[float, ...]:
    """The context-free features of a Latin token; "name" and the neighbour terms left at 0.

    Besides the lexicon log-odds itself, its squashed sign lets the model trust the direction of
    weak evidence more than its size; "english_listed" is membership of the English word list,
    whatever the Hindi side says; "short" marks one- and two-letter words, the chat spellings
    whose lexicon odds are least reliable; "acronym" an all-capitals token ("BJP", "PM").
    """
    letters = letters_of(token)
    row = word_evidence(letters)
    unlisted = row.log_en <= MISSING_LOG_FREQ and row.log_hi <= MISSING_LOG_FREQ
    lexicon = _clip(row.log_hi - row.log_en)
    return (lexicon, math.tanh(lexicon / 2), _clip(row.lm_log_odds), 1.0, float(row.folded_only),
            float(unlisted), float(row.log_en > MISSING_LOG_FREQ), float(len(letters) <= 2),
            float(len(letters) >= 2 and token.isupper()), 0.0, 0.0, 0.0)


def _looks_like_name(token: str, start: bool) -> bool:
    return not start and token[:1].isupper() and not token.isupper()


def chain_features(tokens: list[str], positions: list[int], across: list[bool],
                   starts: list[bool]) -> list[tuple[float, ...]]:
    """Features of each Latin word of a chain, with its neighbours' lexicon odds.

    A capitalised word inside a sentence looks like a name. The neighbours' odds let an
    ambiguous word ("to", "per", "the") lean toward the words around it, beyond the label
    transition alone; they are zero across a sentence end.
    """
    own = [token_features(tokens[i]) for i in positions]
    out = []
    for j, (i, start) in enumerate(zip(positions, starts, strict=True)):
        feats = list(own[j])
        if _looks_like_name(tokens[i], start):
            feats[_NAME] = 1.0
        if j and not across[j]:
            feats[_PREV] = own[j - 1][_LEX] / CLIP
        if j + 1 < len(own) and not across[j + 1]:
            feats[_NEXT] = own[j + 1][_LEX] / CLIP
        out.append(tuple(feats))
    return out


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    """The shipped, learned weights (saaransh/data/tagger/weights.json)."""
    data = load_weights()
    return Weights(tuple(data["emission"][name] for name in FEATURES), data["stay"],
                   data["stay_across"])


def latin_chains(tokens: list[str], kinds: list[str] | None = None
                 ) -> list[tuple[list[int], list[bool], list[bool]]]:
    """Runs of Latin words: (positions, sentence end before each, each starts a sentence).

    Devanagari or other-script words end a run; sentence-end punctuation only marks the join.
    `kinds` are the tokens' `token_kind`s when the caller has them already.
    """
    chains: list[tuple[list[int], list[bool], list[bool]]] = []
    positions: list[int] = []
    across: list[bool] = []
    starts: list[bool] = []
    crossing, at_start = False, True
    for i, tok in enumerate(tokens):
        kind = kinds[i] if kinds is not None else token_kind(tok)
        if kind == "latn":
            positions.append(i)
            across.append(crossing and bool(across))
            starts.append(at_start)
            crossing = at_start = False
        elif kind in ("deva", "other"):
            if positions:
                chains.append((positions, across, starts))
            positions, across, starts = [], [], []
            crossing, at_start = False, True
        elif tok[:1] in _SENTENCE_END:
            crossing = at_start = True
    if positions:
        chains.append((positions, across, starts))
    return chains


_BASE_SCORES: dict[Weights, dict[str, tuple[float, float]]] = {}


def clear_caches() -> None:
    """Forget every per-word result (benchmarks measure the cold path with it)."""
    _BASE_SCORES.clear()


def _base_scores(weights: Weights) -> dict[str, tuple[float, float]]:
    return _BASE_SCORES.setdefault(weights, {})


def _base(token: str, weights: Weights, cache: dict[str, tuple[float, float]]
          ) -> tuple[float, float]:
    """(score of the word's own features, its lexicon odds), cached per raw token."""
    hit = cache.get(token)
    if hit is None:
        feats = token_features(token)
        hit = (sum(w * f for w, f in zip(weights.emission, feats, strict=True)), feats[_LEX])
        cache[token] = hit
    return hit


def tag_tokens(tokens: list[str], weights: Weights | None = None) -> list[str]:
    """Tag each token "hi", "en", "univ" (punctuation, numbers, URLs, handles...) or "other".

    The score is linear in the features, so each word's own part is cached and only the name
    and neighbour terms of `chain_features` are added per occurrence.
    """
    weights = weights or default_weights()
    cache = _base_scores(weights)
    w_name = weights.emission[_NAME]
    w_prev, w_next = weights.emission[_PREV] / CLIP, weights.emission[_NEXT] / CLIP
    tags: list[str] = [token_kind(tok) for tok in tokens]
    for positions, across, starts in latin_chains(tokens, tags):
        own = [_base(tokens[i], weights, cache) for i in positions]
        scores = []
        for j, i in enumerate(positions):
            score = own[j][0]
            if _looks_like_name(tokens[i], starts[j]):
                score += w_name
            if j and not across[j]:
                score += w_prev * own[j - 1][1]
            if j + 1 < len(own) and not across[j + 1]:
                score += w_next * own[j + 1][1]
            scores.append(score)
        for i, is_hi in zip(positions, viterbi(scores, across, weights), strict=True):
            tags[i] = "hi" if is_hi else "en"
    return ["hi" if tag == "deva" else tag for tag in tags]
