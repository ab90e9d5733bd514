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
from typing import NamedTuple

from .charlm import CharNgramLM

TAGGER_DATA = Path(str(resources.files("saaransh") / "data" / "tagger"))
TABLE_FILE, SKELETON_FILE, LM_FILE = "words.tsv.gz", "skeletons.tsv.gz", "charlm.json.gz"
WEIGHTS_FILE = "weights.json"
# Log frequency of a word a lexicon does not list (below wordfreq's floor of about 1e-8).
MISSING_LOG_FREQ = -20.0


class WordRow(NamedTuple):
    """Natural-log frequencies of a typed word in English and in romanised Hindi, and more."""

    log_en: float
    log_hi: float
    lm_log_odds: float  # log P_hi - log P_en under the two character models
    folded_only: bool  # the Hindi frequency was found only through skeleton() folding


class WordTable:
    """Word -> WordRow, parsed on first look-up: loading stays a split of lines."""

    def __init__(self, text: str) -> None:
        self._raw = dict(line.split("\t", 1) for line in text.splitlines())

    def get(self, word: str) -> WordRow | None:
        raw = self._raw.get(word)
        if raw is None:
            return None
        en, hi, lm, folded = raw.split("\t")
        return WordRow(_log(en), _log(hi), float(lm), folded == "1")

    def __contains__(self, word: str) -> bool:
        return word in self._raw

    def __len__(self) -> int:
        return len(self._raw)


@dataclass(frozen=True)
class Tables:
    words: WordTable
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
    """Read the word table, skeleton index and character models (a fraction of a second)."""
    words = WordTable(_read_gz(directory / TABLE_FILE))
    skeletons = {key: float(value) for key, value in
                 (line.split("\t") for line in _read_gz(directory / SKELETON_FILE).splitlines())}
    state = json.loads(_read_gz(directory / LM_FILE))
    return Tables(words, skeletons, CharNgramLM.from_state(state["en"]),
                  CharNgramLM.from_state(state["hi"]))


@lru_cache(maxsize=4)
def load_weights(directory: Path = TAGGER_DATA) -> dict:
    """The learned sequence-model weights and their provenance (weights.json)."""
    return json.loads((directory / WEIGHTS_FILE).read_text(encoding="utf-8"))
