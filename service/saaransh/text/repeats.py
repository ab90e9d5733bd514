"""Paragraphs that repeat other paragraphs: a "सार" summary or a standfirst that restates the
lede. The longer copy is the article's own prose, so the shorter, covered copy goes."""

from __future__ import annotations

_N = 3  # word trigrams: long enough that shared names and stock phrases do not count
_MIN_NGRAMS = 5  # shorter paragraphs are too small to judge
COVERED = 0.6  # share of a paragraph's trigrams found in longer paragraphs


def covered_paragraphs(paragraphs: list[str]) -> list[int]:
    """Indices of paragraphs whose word trigrams mostly occur in longer (or earlier equal)
    paragraphs."""
    grams = [_ngrams(p) for p in paragraphs]
    sizes = [len(p.split()) for p in paragraphs]
    covered: list[int] = []
    for i, own in enumerate(grams):
        if len(own) < _MIN_NGRAMS:
            continue
        others: set[tuple[str, ...]] = set()
        for j, theirs in enumerate(grams):
            # Strictly longer paragraphs, or an identical-length earlier one (exact duplicate).
            if sizes[j] > sizes[i] or (j < i and sizes[j] == sizes[i]):
                others |= theirs
        if len(own & others) >= COVERED * len(own):
            covered.append(i)
    return covered


def _ngrams(paragraph: str) -> set[tuple[str, ...]]:
    words = [w.strip(".,।?!:;'\"‘’“”()") for w in paragraph.lower().split()]
    return {tuple(words[k : k + _N]) for k in range(len(words) - _N + 1)}
