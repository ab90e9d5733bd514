"""What a typed Latin word says about its language, past elongation and run-together words.

`word_evidence` returns a `WordRow` for any letters-only lowercase word: straight from the shipped
table when listed, else from the elongation-squeezed word, the skeleton index, a split into two
listed words ("kardia" = "kar" + "dia"), and the character models.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .romanise import skeleton
from .tables import MISSING_LOG_FREQ, WordRow, WordTable, load_tables

_ELONGATED = re.compile(r"(.)\1{2,}")
# Parts of a run-together word must be this long, so that a rare word is not explained away as
# two fragments; only words this long are split at all.
_MIN_PART = 2
_MIN_SPLIT_WORD = 5


def _best_split(words: WordTable, word: str) -> tuple[float, float]:
    """Highest log-product of two listed parts, per language: two words typed as one."""
    best_en = best_hi = 2 * MISSING_LOG_FREQ
    for i in range(_MIN_PART, len(word) - _MIN_PART + 1):
        if word[:i] not in words or word[i:] not in words:  # cheap test before parsing rows
            continue
        left, right = words.get(word[:i]), words.get(word[i:])
        if left and right:
            best_en = max(best_en, left.log_en + right.log_en)
            best_hi = max(best_hi, left.log_hi + right.log_hi)
    return max(best_en, MISSING_LOG_FREQ), max(best_hi, MISSING_LOG_FREQ)


@lru_cache(maxsize=200_000)
def word_evidence(word: str) -> WordRow:
    """Frequencies and character-model odds of a lowercase letters-only word."""
    tables = load_tables()
    row = tables.words.get(word)
    if row is not None:
        return row
    if _ELONGATED.search(word):  # "sooo", "haiii": try the run cut to two letters, then one
        for squeezed in (_ELONGATED.sub(r"\1\1", word), _ELONGATED.sub(r"\1", word)):
            row = tables.words.get(squeezed)
            if row is not None:
                return row
    lm = tables.hindi_lm.logprob(word) - tables.english_lm.logprob(word)
    folded = tables.skeletons.get(skeleton(word))
    if folded is not None:
        return WordRow(MISSING_LOG_FREQ, folded, lm, True)
    if len(word) >= _MIN_SPLIT_WORD:
        log_en, log_hi = _best_split(tables.words, word)
        if max(log_en, log_hi) > MISSING_LOG_FREQ:
            return WordRow(log_en, log_hi, lm, False)
    return WordRow(MISSING_LOG_FREQ, MISSING_LOG_FREQ, lm, False)


def letters_of(token: str) -> str:
    """The lowercase letters of a token ("Don't!" -> "dont"); digits and marks dropped."""
    if token.isalpha():
        return token.lower()
    return "".join(ch for ch in token.lower() if ch.isalpha())


def log_odds(row: WordRow) -> float:
    """log P(word | hi) - log P(word | en) from the two lexicons alone."""
    return row.log_hi - row.log_en

