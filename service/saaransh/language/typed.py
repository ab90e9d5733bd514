"""How people type a Devanagari word in Latin letters: its surface forms, each with a weight.

`romanise()` gives the careful spellings ("nahin", "nahiin"). Chat text is looser, and these rules
(generic habits of romanised Hindi, not learnt from any labelled data) add the usual shortcuts,
each weighted below 1 because it is one option among several for the same word:

- dropped final nasal ("nahin" -> "nahi", "main" -> "mai", "men" -> "me") and "ei" for "e" before
  it ("men" -> "mein");
- "o" for "au" ("aur" -> "or"), dropped "h" between vowels ("nahi" -> "nai");
- Urdu-style endings and "w" for v (`informal_variants`: "kia", "apnay", "wo");
- vowel-less chat spellings ("kar" -> "kr", "bahut" -> "bht", "nahi" -> "nhi").
"""

from __future__ import annotations

import re

from .romanise import chat_form, informal_variants, spoken_forms

# Relative weight of each kind of spelling, given to one Devanagari word's forms.
PLAIN_WEIGHT = 1.0  # short vowels, schwas deleted: "baat" -> "bat" is as common as "baat"
LONG_VOWEL_WEIGHT = 1.0  # "baat", "nahiin" -> "nahin"
SHORTCUT_WEIGHT = 0.3  # nasal dropped, au -> o, h dropped
INFORMAL_WEIGHT = 0.2  # Urdu-style spellings
CHAT_WEIGHT = 0.15  # vowel-less

_SHORTCUTS = [
    (re.compile(r"(?<=[^aeiou])en$"), "ein"),  # men -> mein, hen -> hein
    (re.compile(r"au"), "o"),  # aur -> or, kaun -> kon
    (re.compile(r"(?<=[aeiou])h(?=[aeiou])"), ""),  # nahi -> nai, pahele -> paele
]


# A nasal sign before ह is typed "ng" ("singh" for सिंह, "singhasan"), as well as "n".
_NASAL_BEFORE_H = re.compile("[ंँ]ह")


def _shortcuts(form: str) -> set[str]:
    out = {pattern.sub(repl, form) for pattern, repl in _SHORTCUTS}
    # Two habits at once are common for the most frequent words: "nahin" -> "nahi" -> "nai".
    out |= {pattern.sub(repl, step) for step in list(out) for pattern, repl in _SHORTCUTS}
    out.discard(form)
    return out


def _chat_form(form: str) -> str | None:
    """The vowel-less spelling, when it keeps two consonants ("kar" -> "kr"; not "hai" -> "hi")."""
    short = chat_form(form)
    consonants = sum(ch not in "aeiou" for ch in short)
    return short if consonants >= 2 and short != form else None


def typed_forms(word: str) -> dict[str, float]:
    """Latin spellings of a Devanagari word with weights summing to 1; {} if not a word."""
    careful, nasal_less = spoken_forms(word)
    if not careful:
        return {}
    weights: dict[str, float] = {}

    def add(form: str | None, weight: float) -> None:
        if form and form.isascii() and weight > weights.get(form, 0.0):
            weights[form] = weight

    for i, form in enumerate(careful):
        add(form, PLAIN_WEIGHT if i == 0 else LONG_VOWEL_WEIGHT)
        if _NASAL_BEFORE_H.search(word):
            add(form.replace("nh", "ngh", 1), PLAIN_WEIGHT)
    for form in nasal_less:  # "nahin" -> "nahi", "main" -> "mai", "men" -> "me"
        add(form, SHORTCUT_WEIGHT)
    for form in careful + nasal_less:
        for variant in _shortcuts(form):
            add(variant, SHORTCUT_WEIGHT)
        # Urdu-style endings on two-letter words only make noise ("me" -> "my"); "w" for v stays.
        for variant in informal_variants(form) if len(form) > 3 else [form.replace("v", "w")]:
            add(variant, INFORMAL_WEIGHT)
        add(_chat_form(form), CHAT_WEIGHT)
    total = sum(weights.values())
    return {form: weight / total for form, weight in weights.items()}
