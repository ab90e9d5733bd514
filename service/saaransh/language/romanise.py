"""Devanagari -> the informal Latin spellings people type, and a spelling-insensitive key.

Romanised Hindi has no standard spelling ("nahi", "nahin", "nhi"; "accha", "achha", "acha"), so
lexicon look-ups go through `skeleton()`, which folds the usual variations (long vowels, w/v, z/j,
sh/s, ai/e, final nasal) onto one key, for typed tokens and transliterated Hindi words alike.
"""

from __future__ import annotations

import re
import unicodedata

_VOWELS = {"अ": "a", "आ": "aa", "इ": "i", "ई": "ii", "उ": "u", "ऊ": "uu", "ऋ": "ri", "ए": "e",
           "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e"}
_MATRAS = {"ा": "aa", "ि": "i", "ी": "ii", "ु": "u", "ू": "uu", "ृ": "ri", "े": "e", "ै": "ai",
           "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e"}
_CONSONANTS = {"क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh",
               "ज": "j", "झ": "jh", "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
               "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b",
               "भ": "bh", "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh", "ष": "sh",
               "स": "s", "ह": "h", "ळ": "l"}
# ड़/ढ़ are typed as "d"/"dh" in India ("ladki") and "r"/"rh" in Pakistan ("larki"): a placeholder
# letter is expanded into both in `romanise`.
_NUKTA_FORMS = {"क": "q", "ख": "kh", "ग": "g", "ज": "z", "ड": "R", "ढ": "Rh", "फ": "f"}
_VIRAMA, _NUKTA = "्", "़"
_NASALS = {"ं", "ँ"}
_LABIALS = ("p", "b", "m")


def _units(word: str) -> list[list[str]] | None:
    """Phoneme units [kind, text]: "C" consonant, "V" vowel, "S" inherent schwa, "N" nasal."""
    units: list[list[str]] = []
    for ch in unicodedata.normalize("NFC", word):
        if ch == "ञ" and units and units[-1] == ["C", "j"]:
            units[-1][1] = "g"  # ज्ञ is typed "gy" ("gyan")
            units += [["C", "y"], ["S", "a"]]
        elif ch in _CONSONANTS:
            units += [["C", _CONSONANTS[ch]], ["S", "a"]]
        elif ch == _NUKTA and len(units) >= 2 and units[-2][0] == "C":
            base = next((k for k, v in _CONSONANTS.items() if v == units[-2][1]), "")
            units[-2][1] = _NUKTA_FORMS.get(base, units[-2][1])
        elif ch == _VIRAMA and units and units[-1][0] == "S":
            units.pop()
        elif ch in _MATRAS and units and units[-1][0] == "S":
            units[-1] = ["V", _MATRAS[ch]]
        elif ch in _VOWELS:
            units.append(["V", _VOWELS[ch]])
        elif ch in _NASALS:
            units.append(["N", "n"])
        elif ch == "ः":
            units.append(["C", "h"])
        elif ch not in "ऽ\u200c\u200d":
            return None  # digits, punctuation or a letter we do not know: not a plain word
    return units


def _delete_schwas(units: list[list[str]]) -> list[list[str]]:
    """Hindi schwa deletion: drop the final inherent 'a', and a medial one in V C _ C V."""
    kept = [u[:] for u in units]
    syllables = sum(u[0] in "VS" for u in kept)
    if syllables > 1 and kept[-1][0] == "S":
        kept.pop()
    for i in range(len(kept) - 2, 1, -1):
        if kept[i][0] != "S":
            continue
        before_ok = kept[i - 1][0] == "C" and kept[i - 2][0] in "VSN"
        after_ok = (i + 2 < len(kept) and kept[i + 1][0] == "C" and kept[i + 2][0] in "VS")
        if before_ok and after_ok:
            del kept[i]
    return kept


def _spell(units: list[list[str]], long_vowels: bool) -> str:
    out = []
    for i, (kind, text) in enumerate(units):
        if kind == "N":
            nxt = units[i + 1][1] if i + 1 < len(units) else ""
            text = "m" if nxt.startswith(_LABIALS) else "n"
        elif kind == "V" and not long_vowels:
            text = {"aa": "a", "ii": "i", "uu": "u"}.get(text, text)
        elif kind == "V" and long_vowels:
            text = {"ii": "ee", "uu": "oo"}.get(text, text)
        out.append(text)
    return "".join(out)


def romanise(word: str) -> list[str]:
    """Informal Latin spellings of a Devanagari word, most typical first; [] if not a word."""
    units = _units(word)
    if not units:
        return []
    spoken = _delete_schwas(units)
    forms = [_spell(spoken, False), _spell(spoken, True), _spell(units, False)]
    forms = [f.replace("R", r) for f in forms for r in ("d", "r")]
    return list(dict.fromkeys(forms))


def spoken_forms(word: str) -> tuple[list[str], list[str]]:
    """(schwa-deleted spellings, the same without a final nasal sign: "nahin" -> "nahi").

    Each list has the short-vowel spelling first, then the long-vowel one; [] if not a word.
    """
    units = _units(word)
    if not units:
        return [], []
    spoken = _delete_schwas(units)
    variants = [spoken, spoken[:-1]] if spoken[-1][0] == "N" and len(spoken) > 1 else [spoken]
    out: list[list[str]] = []
    for kept in variants:
        forms = [_spell(kept, False), _spell(kept, True)]
        out.append(list(dict.fromkeys(f.replace("R", r) for f in forms for r in ("d", "r"))))
    return out[0], out[1] if len(out) > 1 else []


# Informal habits that `romanise` does not produce but chat text is full of: "w" for व, Urdu-style
# "-ay"/"-ey"/"-y" for a final "-e" ("apnay", "karny"), "ia" for "iya" ("kia", "dia"), "ae" for
# "ai" ("hae"). Only the character model learns from these; look-ups fold them in `skeleton`.
_INFORMAL = [(re.compile(r"v"), "w"), (re.compile(r"(?<=[^aeiou])e$"), "ay"),
             (re.compile(r"(?<=[^aeiou])e$"), "y"), (re.compile(r"iy(?=[aeo])"), "i"),
             (re.compile(r"ai"), "ae")]


def informal_variants(form: str) -> list[str]:
    """Other ways people type a romanised form, one habit at a time ("kiya" -> ["kia"])."""
    variants = (pattern.sub(repl, form) for pattern, repl in _INFORMAL)
    return [v for v in dict.fromkeys(variants) if v != form]


_SKELETON_STEPS = [
    (re.compile(r"[^a-z]"), ""),
    (re.compile(r"c?chh|cch"), "ch"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"z"), "j"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"ee|ii"), "i"),
    (re.compile(r"oo|uu"), "u"),
    (re.compile(r"ai|ae|ay|ei|ey"), "e"),
    (re.compile(r"au|ou"), "o"),
    (re.compile(r"(?<=[^aeiou])y$"), "e"),  # Urdu-style "aisy", "rhy", "thy" for -e
    (re.compile(r"iy(?=[aeo])"), "i"),  # "kiya"/"kia", "diye"/"die", "chahiye"/"chahie"
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"(ch|kh|gh|jh|th|dh|bh)\1"), r"\1"),
    (re.compile(r"(?<=.[aeiou])[nh]$"), ""),
]


_INNER_VOWELS = re.compile(r"(?<=.)[aeiou]+(?=.)")


def chat_form(key: str) -> str:
    """The vowel-less chat spelling of a skeleton ("karna" -> "krna", "nahi" -> "nhi")."""
    return _INNER_VOWELS.sub("", key)


def skeleton(latin: str) -> str:
    """Spelling-insensitive key of a Latin-script word ("Nahin" -> "nahi", "accha" -> "acha")."""
    key = latin.lower()
    for pattern, repl in _SKELETON_STEPS:
        key = pattern.sub(repl, key)
    return key
