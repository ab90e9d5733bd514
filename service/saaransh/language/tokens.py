"""Word tokenizer for Hindi, English and the mixes of them found in news and social text."""

from __future__ import annotations

import regex

# A "word" keeps Devanagari combining marks (matras, nukta, virama) and ZWJ/ZWNJ inside it, so
# "क्षेत्र" or "ज़्यादा" stay whole; apostrophes and hyphens join parts ("don't", "Chashm-e-buddoor").
_WORD_CHAR = r"[\p{L}\p{M}\p{N}_\u200c\u200d]"
# Every repetition below that could rescan the rest of the text from each start position is
# bounded or possessive, so tokenising stays linear in the text length even on hostile input
# ("a." * 100_000, long runs of dots, "@" or "-"): a trailing-punctuation check looks at most
# _MAX_TRAIL characters ahead, an email's local part is at most 64 characters (RFC 5321).
_MAX_TRAIL = 16
_URL = r"(?:https?://|www\.)\S+?(?=[.,!?;:)\]'\"»”’…]{0," + str(_MAX_TRAIL) + r"}(?:\s|$))"
_EMAIL = r"[\w.+\-]{1,64}@[\w\-]++(?:\.[\w\-]++)++"
_HANDLE_OR_TAG = r"[@#]" + _WORD_CHAR + "+"
# Numbers stay whole across separators ("1950-60", "9.30", "1,00,000", "२०२४") and keep a percent
# sign; a number glued to letters ("2nd", "11AM") is left to the word rule.
_NUMBER = r"[+\-]?\p{N}++(?:[.,:/\-]\p{N}++){0,32}+%?(?!" + _WORD_CHAR + ")"
_WORD = _WORD_CHAR + r"+(?:['’\-]" + _WORD_CHAR + "+)*"
# Repeated punctuation ("...", "!!", "॥") is one token; anything else is one grapheme (emoji too).
_PUNCT_RUN = r"([^\s\p{L}\p{M}\p{N}])\1+"

_TOKEN = regex.compile(
    "|".join(f"(?:{p})" for p in (_URL, _EMAIL, _HANDLE_OR_TAG, _NUMBER, _WORD, _PUNCT_RUN))
    + r"|\X",
    regex.V1,
)


def tokenize(text: str) -> list[str]:
    """Split text into words, numbers, URLs, handles, hashtags, emails and punctuation."""
    return [m.group() for m in _TOKEN.finditer(text) if not m.group().isspace()]
