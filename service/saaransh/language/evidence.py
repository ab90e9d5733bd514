"""Lexicon frequencies of a typed Latin word, looking past elongation and run-together words."""

from __future__ import annotations

import re

from .lexicon import LidModel
from .romanise import skeleton

_ELONGATED = re.compile(r"(.)\1{2,}")
# Parts of a run-together word ("kardia", "horaha", "pissedoff") must be this long, so that a
# rare word is not explained away as two fragments.
_MIN_PART = 2
_MIN_SPLIT_WORD = 5


def _direct(model: LidModel, word: str) -> tuple[float, float]:
    return model.english.get(word, 0.0), model.hindi.get(skeleton(word), 0.0)


def _best_split(model: LidModel, word: str) -> tuple[float, float]:
    """Highest product of two part frequencies per language: the word as two words typed as one."""
    best_en = best_hi = 0.0
    for i in range(_MIN_PART, len(word) - _MIN_PART + 1):
        left, right = _direct(model, word[:i]), _direct(model, word[i:])
        best_en = max(best_en, left[0] * right[0])
        best_hi = max(best_hi, left[1] * right[1])
    return best_en, best_hi


def lexicon_freqs(model: LidModel, word: str) -> tuple[float, float]:
    """(English frequency, romanised-Hindi frequency) of a lowercase, letters-only word.

    "sooo" and "haiii" are looked up with the run cut to two letters and to one; a word that
    neither lexicon lists and is long enough is tried as two words run together.
    """
    p_en, p_hi = _direct(model, word)
    if not (p_en or p_hi) and _ELONGATED.search(word):
        for squeezed in (_ELONGATED.sub(r"\1\1", word), _ELONGATED.sub(r"\1", word)):
            en, hi = _direct(model, squeezed)
            p_en, p_hi = max(p_en, en), max(p_hi, hi)
    if not (p_en or p_hi) and len(word) >= _MIN_SPLIT_WORD:
        p_en, p_hi = _best_split(model, word)
    return p_en, p_hi
