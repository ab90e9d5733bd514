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
from .romanise import skeleton
from .typed import CHAT_WEIGHT, typed_forms

ENGLISH_WORDS = 60_000
_ENGLISH_WORD = re.compile(r"[a-z][a-z']*")
# A spelling reached only through skeleton() folding ("paas" typed "pass", "aap" typed "app") is
# one of many possible misspellings: it gets this share of the skeleton's frequency.
SKELETON_SHARE = 0.05
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


def hindi_frequencies() -> tuple[dict[str, float], list[tuple[str, float]]]:
    """(typed Latin form -> summed frequency, (form, weight) pairs for the character model)."""
    hindi_freq = wordfreq.get_frequency_dict("hi")
    forms: dict[str, float] = defaultdict(float)
    lm_pairs: list[tuple[str, float]] = []
    for word, freq in hindi_freq.items():
        for form, share in typed_forms(word).items():
            forms[form] += freq * share
            lm_pairs.append((form, _lm_weight(freq) * share))
    for spelling, word in CHAT_SPELLINGS.items():
        forms[spelling] += CHAT_WEIGHT * hindi_freq.get(word, 0.0)
    return dict(forms), lm_pairs


def build_tables(out_dir: Path) -> dict[str, int]:
    """Write the word table, the skeleton index and both character models under `out_dir`."""
    english = english_frequencies()
    hindi, hindi_lm_pairs = hindi_frequencies()
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
            "hindi_forms": len(hindi)}


def _log(freq: float | None) -> str:
    return f"{math.log(freq):.2f}" if freq else ""


def _write_gz(path: Path, text: str) -> None:
    # mtime=0 keeps the bytes reproducible, so a rebuild with the same inputs changes nothing.
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(text.encode("utf-8"))
