"""Acronyms across scripts: "BMC" is written "बीएमसी" (or "बी एम सी") in Hindi news, the
Latin letters spelled out by their English names. Both sides get the same key, "^BMC".

A consonant skeleton cannot do this: बीएमसी sounds "bee-em-see" (skeleton "bms"), and
एनडीए's skeleton "and" collides with INDIA's. Acronyms read as words (ISRO/इसरो) still
meet through their ordinary skeleton; a Latin acronym carries both keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PREFIX = "^"
# Hindi spellings of the English letter names (variants as found in news copy).
_NAMES = {
    "A": "ए", "B": "बी", "C": "सी", "D": "डी", "E": "ई", "F": "एफ एफ़", "G": "जी", "H": "एच",
    "I": "आई", "J": "जे", "K": "के", "L": "एल", "M": "एम", "N": "एन", "O": "ओ", "P": "पी",
    "Q": "क्यू", "R": "आर", "S": "एस", "T": "टी", "U": "यू", "V": "वी",
    "W": "डब्ल्यू डब्लू डबल्यू", "X": "एक्स", "Y": "वाई", "Z": "जेड ज़ेड जैड ज़ैड",
}  # fmt: skip
# Spelling -> Latin letter, in NFC (ज़, फ़ are stored decomposed after NFC).
SPELLINGS = {
    unicodedata.normalize("NFC", spelling): letter
    for letter, spellings in _NAMES.items()
    for spelling in spellings.split()
}
_LONGEST = max(len(s) for s in SPELLINGS)
LATIN_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
MIN_LETTERS, MAX_LETTERS = 2, 6


@lru_cache(maxsize=65536)
def devanagari_acronym(word: str) -> str | None:
    """"बीएमसी" -> "BMC": the Latin letters a Devanagari word spells, if it is made of
    2-6 letter names and nothing else; else None."""
    word = unicodedata.normalize("NFC", word)
    # best[i]: the letters spelling word[:i], preferring fewer letters (longer names).
    best: list[str | None] = [""] + [None] * len(word)
    for i in range(len(word)):
        if best[i] is None:
            continue
        for j in range(i + 1, min(len(word), i + _LONGEST) + 1):
            letter = SPELLINGS.get(word[i:j])
            current = best[j]
            if letter and (current is None or len(current) > len(best[i]) + 1):  # type: ignore[arg-type]
                best[j] = best[i] + letter  # type: ignore[operator]
    letters = best[-1]
    return letters if letters and MIN_LETTERS <= len(letters) <= MAX_LETTERS else None


def acronym_key(letters: str) -> str:
    return PREFIX + letters.upper()


_LETTER = "|".join(sorted(map(re.escape, SPELLINGS), key=len, reverse=True))
_DEVA = r"\u0900-\u0963\u0971-\u097F"
# "बी एम सी" (spelled letters a space apart) and "B.M.C." / "B. M. C." (dotted capitals).
SPACED = re.compile(
    rf"(?<![{_DEVA}])(?:{_LETTER})(?: (?:{_LETTER})){{1,5}}(?![{_DEVA}])"
    r"|\b[A-Z]\.(?:\s?[A-Z]\.){1,5}"
)
# The postposition के is also the letter K: "जी के साथ" is not an acronym.
POSTPOSITION = unicodedata.normalize("NFC", " के")


def join_spelled_letters(text: str) -> str:
    """Write spaced or dotted acronyms as one word: "बी एम सी" -> "बीएमसी", "B.M.C." -> "BMC"."""

    def joined(match: re.Match[str]) -> str:
        run = match.group()
        tail = ""
        while run.endswith(POSTPOSITION):
            run, tail = run[: -len(POSTPOSITION)], POSTPOSITION + tail
        if " " not in run.strip(". ") and "." not in run.rstrip("."):
            return match.group()  # a single letter left: nothing to join
        return re.sub(r"[\s.]", "", run) + tail

    return SPACED.sub(joined, unicodedata.normalize("NFC", text))
