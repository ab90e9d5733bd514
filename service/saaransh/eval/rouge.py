"""ROUGE-1/2/L for Hindi, English and code-mixed text.

Stock `rouge_score` lower-cases and then deletes every character outside [a-z0-9], so two
identical Hindi summaries score 0.0. Following XL-Sum's multilingual ROUGE, we keep
rouge_score's scorer and give it a Unicode tokenizer: a token is a run of letters, combining
marks and digits (so matras and viramas stay inside the word), with a light suffix stemmer for
Devanagari words and Porter for Latin ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from nltk.stem.porter import PorterStemmer
from rouge_score import rouge_scorer, tokenizers

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")

# Inflectional suffixes after Ramanathan & Rao (2003), "A lightweight stemmer for Hindi",
# longest first, without the bare "कर" (it ate names: जयशंकर, दिवाकर). Only stripped when at
# least _MIN_STEM code points remain, so short function words (का, की, के, ने) stay distinct.
_HINDI_SUFFIXES = sorted(
    {unicodedata.normalize("NFC", s) for s in """
    ो े ू ु ी ि ा
    ाओ िए ाई ाए ने नी ना ते ीं ती ता ाँ ां ों ें
    ाकर ाइए ाईं ाया ेगी ेगा ोगी ोगे ाने ाना ाते ाती ाता तीं ाओं ाएं ुओं ुएं ुआं
    ाएगी ाएगा ाओगी ाओगे एंगी ेंगी एंगे ेंगे ूंगी ूंगा ातीं नाओं नाएं ताओं ताएं ियाँ ियों ियां
    ाएंगी ाएंगे ाऊंगी ाऊंगा ाइयाँ ाइयों ाइयां
    """.split()},
    key=len,
    reverse=True,
)
_MIN_STEM = 2


def stem_hindi(token: str) -> str:
    """Strip the longest known inflectional suffix if a stem of 2+ code points remains."""
    for suffix in _HINDI_SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= _MIN_STEM:
            return token[: -len(suffix)]
    return token


class UnicodeTokenizer(tokenizers.Tokenizer):
    """Lower-cased letter/mark/digit runs; stems Devanagari (lang "hi") and Latin words."""

    def __init__(self, lang: str) -> None:
        self.hindi = lang == "hi"
        self.english = lang in ("hi", "en")  # Hindi news is full of English words
        self._porter = PorterStemmer("ORIGINAL_ALGORITHM")  # what rouge_score itself uses

    def tokenize(self, text: str) -> list[str]:
        return [self._stem(t) for t in _words(unicodedata.normalize("NFC", text).lower())]

    def _stem(self, token: str) -> str:
        if self.hindi and "\u0900" <= token[0] <= "\u097f":
            return stem_hindi(token)
        # Like rouge_score: short English words are left alone.
        if self.english and token.isascii() and token.isalpha() and len(token) > 3:
            return self._porter.stem(token)
        return token


def _words(text: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if unicodedata.category(ch)[0] in "LMN":
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


@lru_cache(maxsize=8)
def _scorer(lang: str) -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=UnicodeTokenizer(lang))


def rouge(prediction: str, reference: str, lang: str) -> dict[str, dict[str, float]]:
    """ROUGE-1/2/L of one prediction: {"rouge1": {"p": .., "r": .., "f": ..}, ...}."""
    scores = _scorer(lang).score(reference, prediction)  # rouge_score takes (target, prediction)
    return {
        name: {"p": s.precision, "r": s.recall, "f": s.fmeasure} for name, s in scores.items()
    }


def corpus_rouge(pairs: Iterable[tuple[str, str]], lang: str) -> dict[str, float]:
    """Mean F-measure of each ROUGE type over (prediction, reference) pairs."""
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    count = 0
    for prediction, reference in pairs:
        for name, score in rouge(prediction, reference, lang).items():
            totals[name] += score["f"]
        count += 1
    if count == 0:
        raise ValueError("corpus_rouge needs at least one (prediction, reference) pair")
    return {name: total / count for name, total in totals.items()}
