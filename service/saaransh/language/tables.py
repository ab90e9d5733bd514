"""The tagger's shipped tables (package data under saaransh/data/tagger), loaded once per process.

Built by scripts/build_tagger.py; see saaransh/data/tagger/README.md for what they hold and
where each number comes from.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .charlm import CharNgramLM

TAGGER_DATA = Path(str(resources.files("saaransh") / "data" / "tagger"))
TABLE_FILE, SKELETON_FILE, LM_FILE = "words.tsv.gz", "skeletons.tsv.gz", "charlm.json.gz"
WEIGHTS_FILE = "weights.json"
# Log frequency of a word a lexicon does not list (below wordfreq's floor of about 1e-8).
MISSING_LOG_FREQ = -20.0


@dataclass(frozen=True)
class WordRow:
    """Natural-log frequencies of a typed word in English and in romanised Hindi, and more."""

    log_en: float
    log_hi: float
    lm_log_odds: float  # log P_hi - log P_en under the two character models
    folded_only: bool  # the Hindi frequency was found only through skeleton() folding


@dataclass(frozen=True)
class Tables:
    words: dict[str, WordRow]
    skeletons: dict[str, float]  # skeleton -> log frequency share of the Hindi words behind it
    english_lm: CharNgramLM
    hindi_lm: CharNgramLM


def _read_gz(path: Path) -> str:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return fh.read()


def _log(field: str) -> float:
    return float(field) if field else MISSING_LOG_FREQ


@lru_cache(maxsize=4)
def load_tables(directory: Path = TAGGER_DATA) -> Tables:
    """Read the word table, skeleton index and character models (about a quarter second)."""
    words = {}
    for line in _read_gz(directory / TABLE_FILE).splitlines():
        word, en, hi, lm, folded = line.split("\t")
        words[word] = WordRow(_log(en), _log(hi), float(lm), folded == "1")
    skeletons = {}
    for line in _read_gz(directory / SKELETON_FILE).splitlines():
        key, value = line.split("\t")
        skeletons[key] = float(value)
    state = json.loads(_read_gz(directory / LM_FILE))
    return Tables(words, skeletons, CharNgramLM.from_state(state["en"]),
                  CharNgramLM.from_state(state["hi"]))


@lru_cache(maxsize=4)
def load_weights(directory: Path = TAGGER_DATA) -> dict:
    """The learned sequence-model weights and their provenance (weights.json)."""
    return json.loads((directory / WEIGHTS_FILE).read_text(encoding="utf-8"))
