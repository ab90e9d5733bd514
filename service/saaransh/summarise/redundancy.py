"""When two sentences say the same thing: shared content words plus embedding similarity.

e5 cosine alone cannot tell: any two sentences of one news article score 0.75-0.9, and a
paraphrase from another outlet scores in the same range. Shared content words separate
copies and near-copies; the embedding adds paraphrases that share few word forms. The two
are combined linearly; the weight and the thresholds were fitted on real news
(benchmarks/fit_redundancy.py, dev tune split; held-out events: the repeat rule finds 64% of
same-thing pairs while flagging 3.0% of different-thing pairs, against 58% for cosine alone
and 51% for shared words alone at the same share; both labels are structural and noisy).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

# Fitted by benchmarks/fit_redundancy.py on the tune split (see its output for the figures).
LEXICAL_WEIGHT = 0.55
DUPLICATE_SCORE = 0.504  # not both in one summary
SAME_SENTENCE_SCORE = 0.639  # one sentence of an event summary, citing every article
COSINE_FLOOR = 0.75  # e5 cosine of two unrelated news sentences: mapped to 0

_WORD = re.compile(r"[\w\u0900-\u097F]+")
# Trailing vowel signs, anusvara and nasalisation: "रिश्तों" and "रिश्ते" share "रिश्त".
_HINDI_ENDING = re.compile("[\u093e-\u094c\u0901\u0902]+$")
_FUNCTION = frozenset(
    "का के की को में से ने पर तक और व एवं तथा या है हैं था थे थी भी कि यह ये वह वे इस उस इन उन जो "
    "एक ही तो हो रहा रही रहे गया गई गए किया कर करने लिए साथ बाद उन्होंने उन्हें उनके उनकी "
    "the a an of to in and or is are was were be been has have had it its this that these "
    "those on at by for with from as he she they his her their said also will would".split()
)


@lru_cache(maxsize=8192)
def content_words(sentence: str) -> frozenset[str]:
    """Lower-cased content words with Hindi vowel endings trimmed; function words left out."""
    out = set()
    for word in _WORD.findall(unicodedata.normalize("NFC", sentence).lower()):
        if word in _FUNCTION or (word.isdigit() and len(word) < 2):
            continue
        stem = _HINDI_ENDING.sub("", word) if "\u0900" <= word[0] <= "\u097f" else word
        out.add(stem if len(stem) >= 2 else word)
    return frozenset(out)


def word_overlap(a: str, b: str) -> float:
    """Share of the smaller sentence's content words that the other one has too."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def duplicate_score(overlap: float, cosine: float) -> float:
    """The fitted combination: at or above DUPLICATE_SCORE, two sentences say the same."""
    scaled = max(0.0, (cosine - COSINE_FLOOR) / (1.0 - COSINE_FLOOR))
    return LEXICAL_WEIGHT * overlap + (1.0 - LEXICAL_WEIGHT) * scaled


def is_duplicate(
    a: str, b: str, vec_a: np.ndarray, vec_b: np.ndarray, threshold: float = DUPLICATE_SCORE
) -> bool:
    """Whether `a` and `b` (with their normalised embeddings) say the same thing."""
    return duplicate_score(word_overlap(a, b), float(vec_a @ vec_b)) >= threshold
