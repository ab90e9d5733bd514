"""What kind of token this is: Devanagari word, Latin word, other-script word, or univ."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

import regex

TokenKind = Literal["deva", "latn", "other", "univ"]

_UNIV_PATTERN = regex.compile(
    r"(?:https?://|www\.)\S+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|[@#][\p{L}\p{M}\p{N}_]+"
)


def _letter_script(ch: str) -> str | None:
    """Script of one letter ("deva", "latn", "other"), or None when it is not a letter."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    code = ord(ch)
    if 0x0900 <= code <= 0x097F or 0xA8E0 <= code <= 0xA8FF:
        return "deva"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latn"
    return "other"


@lru_cache(maxsize=65536)
def token_kind(token: str) -> TokenKind:
    """Classify a token by the script of most of its letters; URLs, handles and letterless
    tokens (numbers, punctuation, emoji) are "univ"."""
    if token.isascii() and token.isalpha():  # the common case, without the regex
        return "latn"
    if _UNIV_PATTERN.fullmatch(token):
        return "univ"
    counts: dict[TokenKind, int] = {"deva": 0, "latn": 0, "other": 0}
    for ch in token:
        script = _letter_script(ch)
        if script:
            counts[script] += 1  # type: ignore[index]
    if not any(counts.values()):
        return "univ"
    return max(counts, key=counts.__getitem__)
