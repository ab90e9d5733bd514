"""Token labels for a Hinglish sentence from its aligned English sentence (distant supervision).

A Latin word of the Hinglish side that also occurs in the English side is English ("alarm set
karo" / "set an alarm"); one that does not is Hindi. Two cases are left unlabelled (None), for
the CRF to treat as latent: a shared word that is also a frequent romanised Hindi spelling
("me" for में, "to" for तो, "is" for इस: the alignment cannot tell which one was meant). A word
that the English side spells a little differently ("shangai" / "shanghai", "alarm" / "alarms")
is English too.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

from .scripts import token_kind
from .tokens import tokenize

# A word whose romanised-Hindi frequency is at least this (about the 300th Hindi word) is too
# common in Hindi for the English side to prove it English.
FREQUENT_HINDI = 1e-4
# Spelling variants of an English word: at least this similar, and this long.
VARIANT_RATIO, VARIANT_MIN_LEN = 0.8, 5


def align_labels(hinglish: str, english: str, hindi_freq: Callable[[str], float]
                 ) -> list[tuple[str, str | None]]:
    """(token, "hi" | "en" | "univ" | None) for each token of `hinglish`; None = undecided."""
    english_words = {t.lower() for t in tokenize(english) if token_kind(t) == "latn"}
    out: list[tuple[str, str | None]] = []
    for token in tokenize(hinglish):
        if token_kind(token) != "latn":
            out.append((token, "univ" if token_kind(token) == "univ" else None))
            continue
        word = token.lower()
        label: str | None
        if word in english_words:
            label = None if hindi_freq(word) >= FREQUENT_HINDI else "en"
        elif len(word) >= VARIANT_MIN_LEN and any(
                SequenceMatcher(None, word, e).ratio() >= VARIANT_RATIO for e in english_words):
            label = "en"
        else:
            label = "hi"
        out.append((token, label))
    return out
