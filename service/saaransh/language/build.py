"""Build the tagger's word tables and character models from wordfreq (scripts/build_tagger.py).

English: wordfreq's English list. Romanised Hindi: wordfreq's Hindi (Devanagari) list, each word
spread over the Latin spellings people type (`typed_forms`), plus a spelling-insensitive
`skeleton()` index for spellings no rule produced. Nothing here reads labelled data.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import defaultdict
from pathlib import Path

import wordfreq

from .charlm import CharNgramLM
from .chatwords import CHAT_SPELLINGS
from .loans import is_loan, load_pronunciations
from .romanise import skeleton
from .typed import CHAT_WEIGHT, typed_forms

ENGLISH_WORDS = 60_000
_ENGLISH_WORD = re.compile(r"[a-z][a-z']*")
# A spelling reached only through skeleton() folding ("paas" typed "pass", "aap" typed "app") is
# one of many possible misspellings: it gets this share of the skeleton's frequency.
SKELETON_SHARE = 0.05
# An English word must be at least this frequent (Zipf 3) to take a Devanagari loan's spellings:
# the CMU dictionary also lists rare names and abbreviations ("ke", "ko") that Hindi words match.
LOAN_MIN_ENGLISH = 1e-6
# Borrowing runs both ways: English took "Rahul", "Punjab", "crore" from Hindi. When the Devanagari
# word is this many times more frequent in Hindi than its English twin is in English, English is
# the borrower, and the word stays Hindi evidence (Zipf gap 1.5; "photo", "post", "tweet",
# "Pakistan" are within 1.2 of their Hindi twins, Indian names and "crore" 1.6 to 2.2 apart).
BORROWED_FROM_HINDI = 10 ** 1.5
TABLE_FILE, SKELETON_FILE, LM_FILE = "words.tsv.gz", "skeletons.tsv.gz", "charlm.json.gz"


def _lm_weight(freq: float) -> float:
    # Log-scaled so that the character model learns spelling habits from many words, not "the".
    return 1.0 + max(0.0, math.log10(freq * 1e8))


def english_frequencies() -> dict[str, float]:
    """Lowercase letters-only English word -> frequency (apostrophes dropped: "don't" -> "dont")."""
    english: dict[str, float] = defaultdict(float)
    for word, freq in wordfreq.get_frequency_dict("en").items():
        if _ENGLISH_WORD.fullmatch(word):
            english[word.replace("'", "")] += freq
            if len(english) >= ENGLISH_WORDS:
                break
    return dict(english)


def _loan_keys(word: str, freq: float, typed: dict[str, float], english: dict[str, float],
               pronounce: dict[str, list[list[str]]]) -> set[str]:
    """Skeletons of the English words that the Devanagari `word` (Hindi frequency `freq`) is a
    loan of (फोटो -> "foto"); not those that English borrowed from Hindi (राहुल, करोड़)."""
    floor = max(LOAN_MIN_ENGLISH, freq / BORROWED_FROM_HINDI)
    return {skeleton(form) for form in typed if english.get(form, 0.0) >= floor
            and is_loan(word, pronounce.get(form, ()))}


def hindi_frequencies(english: dict[str, float] | None = None
                      ) -> tuple[dict[str, float], list[tuple[str, float]], dict[str, float]]:
    """(typed Latin form -> summed frequency, (form, weight) pairs for the character model,
    loan form -> the Hindi frequency it did not get).

    A Devanagari loan of an English word (loans.py) gives nothing to the spellings that fold onto
    the English word ("photo", "foto" for फोटो): people type a loan as English, and labelled data
    calls it English. Its other spellings still count, as does every word that only sounds alike.
    """
    hindi_freq = wordfreq.get_frequency_dict("hi")
    english = english or {}
    typed_by_word = {word: typed_forms(word) for word in hindi_freq}
    pronounce = load_pronunciations({f for typed in typed_by_word.values() for f in typed
                                     if f in english}) if english else {}
    forms: dict[str, float] = defaultdict(float)
    loans: dict[str, float] = defaultdict(float)
    lm_pairs: list[tuple[str, float]] = []
    for word, freq in hindi_freq.items():
        typed = typed_by_word[word]
        loan_keys = _loan_keys(word, freq, typed, english, pronounce) if pronounce else set()
        for form, share in typed.items():
            if loan_keys and skeleton(form) in loan_keys:
                loans[form] += freq * share
                continue
            forms[form] += freq * share
            lm_pairs.append((form, _lm_weight(freq) * share))
    for spelling, word in CHAT_SPELLINGS.items():
        forms[spelling] += CHAT_WEIGHT * hindi_freq.get(word, 0.0)
    return dict(forms), lm_pairs, dict(loans)


def build_tables(out_dir: Path) -> dict[str, int]:
    """Write the word table, the skeleton index and both character models under `out_dir`."""
    english = english_frequencies()
    hindi, hindi_lm_pairs, loans = hindi_frequencies(english)
    skeletons: dict[str, float] = defaultdict(float)
    for form, freq in hindi.items():
        skeletons[skeleton(form)] += freq * SKELETON_SHARE
    english_lm = CharNgramLM().fit((w, _lm_weight(f)) for w, f in english.items())
    hindi_lm = CharNgramLM().fit(hindi_lm_pairs)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for word in sorted(set(english) | set(hindi)):
        exact, folded = hindi.get(word, 0.0), skeletons.get(skeleton(word), 0.0)
        lm = hindi_lm.logprob(word) - english_lm.logprob(word)
        # The last column marks a Hindi frequency that only skeleton folding found.
        rows.append(f"{word}\t{_log(english.get(word))}\t{_log(max(exact, folded))}\t{lm:.2f}"
                    f"\t{int(folded > exact)}")
    _write_gz(out_dir / TABLE_FILE, "\n".join(rows))
    _write_gz(out_dir / SKELETON_FILE,
              "\n".join(f"{k}\t{_log(v)}" for k, v in sorted(skeletons.items())))
    state = {"en": english_lm.to_state(), "hi": hindi_lm.to_state()}
    _write_gz(out_dir / LM_FILE, json.dumps(state, sort_keys=True, separators=(",", ":")))
    return {"words": len(rows), "skeletons": len(skeletons), "english": len(english),
            "hindi_forms": len(hindi), "loan_forms": len(loans)}


def _log(freq: float | None) -> str:
    return f"{math.log(freq):.2f}" if freq else ""


def _write_gz(path: Path, text: str) -> None:
    # mtime=0 keeps the bytes reproducible, so a rebuild with the same inputs changes nothing.
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(text.encode("utf-8"))
