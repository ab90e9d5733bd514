"""English and romanised-Hindi lexicons and character models, built once from `wordfreq`.

English frequencies come straight from wordfreq's English list. Hindi frequencies come from
wordfreq's Hindi (Devanagari) list, transliterated into informal Latin spellings and keyed by
`skeleton()`. The built model is cached in-process and, as a pickle of plain dicts, under the
user's cache directory, keyed by the builder version and wordfreq's version.
"""

from __future__ import annotations

import math
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import wordfreq

from .charlm import CharNgramLM
from .chatwords import CHAT_SPELLINGS
from .romanise import chat_form, informal_variants, romanise, skeleton

BUILD_VERSION = 8
ENGLISH_WORDS = 60_000
_ENGLISH_WORD = re.compile(r"[a-z][a-z']*")
# Weight of the unreduced spelling ("karana" for करना): people rarely type every schwa.
_FULL_SCHWA_WEIGHT = 0.2
# Weight of the vowel-less chat spelling ("krna", "nhi", "bht"), an extra key for the same word.
_CHAT_WEIGHT = 0.1
# Weight, in the Hindi character model, of each informal variant ("kia", "apnay", "wo").
_INFORMAL_WEIGHT = 0.2


@dataclass
class LidModel:
    """Word frequencies per language and character models for words outside both lists."""

    english: dict[str, float]  # lowercase word -> frequency
    hindi: dict[str, float]  # skeleton -> summed frequency of the Hindi words that map to it
    english_lm: CharNgramLM
    hindi_lm: CharNgramLM


def _lm_weight(freq: float) -> float:
    # Log-scaled so that the model learns spelling habits from many words, not from "the".
    return 1.0 + max(0.0, math.log10(freq * 1e8))


def build_model() -> LidModel:
    """Build the lexicons and character models from wordfreq (about a second or two)."""
    english: dict[str, float] = {}
    for word, freq in wordfreq.get_frequency_dict("en").items():
        if _ENGLISH_WORD.fullmatch(word):
            english[word] = freq
            if len(english) >= ENGLISH_WORDS:
                break
    hindi: dict[str, float] = {}
    hindi_forms: list[tuple[str, float]] = []
    hindi_freq = wordfreq.get_frequency_dict("hi")
    for word, freq in hindi_freq.items():
        forms = romanise(word)
        if not forms:
            continue
        # The last two forms spell out every schwa (with ड़ as "d" and as "r"); when schwa
        # deletion changes nothing, romanise() returns fewer forms and the first one keeps 1.0.
        keys: dict[str, float] = {}
        for i, form in enumerate(forms):
            keys.setdefault(skeleton(form),
                            1.0 if i < max(1, len(forms) - 2) else _FULL_SCHWA_WEIGHT)
        for key, weight in list(keys.items()):
            keys.setdefault(chat_form(key), weight * _CHAT_WEIGHT)
        for key, weight in keys.items():
            hindi[key] = hindi.get(key, 0.0) + freq * weight
        hindi_forms += [(form, _lm_weight(freq)) for form in forms[:2]]
        hindi_forms += [(variant, _INFORMAL_WEIGHT * _lm_weight(freq))
                        for variant in informal_variants(forms[0])]
        hindi_forms.append((chat_form(forms[0]), _CHAT_WEIGHT * _lm_weight(freq)))
    for spelling, word in CHAT_SPELLINGS.items():
        key = skeleton(spelling)
        hindi[key] = hindi.get(key, 0.0) + _CHAT_WEIGHT * hindi_freq.get(word, 0.0)
    english_lm = CharNgramLM().fit((w, _lm_weight(f)) for w, f in english.items())
    hindi_lm = CharNgramLM().fit(hindi_forms)
    return LidModel(english, hindi, english_lm, hindi_lm)


def _cache_path() -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "saaransh" / f"lid-v{BUILD_VERSION}-wordfreq{version('wordfreq')}.pkl"


@lru_cache(maxsize=1)
def load_model() -> LidModel:
    """The model, from the in-process cache, the on-disk cache, or built afresh."""
    path = _cache_path()
    try:
        with path.open("rb") as fh:
            state = pickle.load(fh)  # our own cache file: plain dicts, written below
        return LidModel(state["english"], state["hindi"],
                        CharNgramLM.from_state(state["english_lm"]),
                        CharNgramLM.from_state(state["hindi_lm"]))
    except (OSError, EOFError, KeyError, pickle.UnpicklingError):
        pass
    model = build_model()
    state = {"english": model.english, "hindi": model.hindi,
             "english_lm": model.english_lm.to_state(), "hindi_lm": model.hindi_lm.to_state()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write-then-rename so a concurrent reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            pickle.dump(state, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
    except OSError:
        pass  # a read-only home only costs a rebuild per process
    return model
