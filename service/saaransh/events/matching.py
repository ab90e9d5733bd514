"""How much entity evidence an article and an event share (fuzzy, cross-script)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

MIN_FUZZY_LEN = 5
SATURATION = 2.0  # matched weight at which entity evidence is full (two solid names)


@lru_cache(maxsize=1 << 18)
def keys_match(a: str, b: str) -> bool:
    """Equal keys, or long keys at a small edit distance (transliteration drift)."""
    if a == b:
        return True
    # Skeletons are short and lossy: below five consonants one edit joins unrelated
    # words ("andr" Andheri / "and" India), so only longer keys may drift.
    shorter = min(len(a), len(b))
    if a[0] != b[0] or a[0] == "#" or shorter < MIN_FUZZY_LEN or abs(len(a) - len(b)) > 1:
        return False
    return _levenshtein(a, b, limit=1 if shorter < 8 else 2) is not None


def _levenshtein(a: str, b: str, limit: int) -> int | None:
    """Edit distance if at most `limit`, else None."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return None
        previous = current
    return previous[-1] if previous[-1] <= limit else None


def _matched_weight(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The weight of `a`'s keys that some key of `b` matches."""
    # Only keys of the same initial and nearly the same length can match fuzzily.
    fuzzy: dict[tuple[str, int], list[str]] = {}
    for key in b:
        if len(key) >= MIN_FUZZY_LEN:
            fuzzy.setdefault((key[0], len(key)), []).append(key)
    matched = 0.0
    for key, weight in a.items():
        if key in b or (len(key) >= MIN_FUZZY_LEN and any(
            keys_match(key, other)
            for n in (len(key) - 1, len(key), len(key) + 1)
            for other in fuzzy.get((key[0], n), ())
        )):  # fmt: skip
            matched += weight
    return matched


def entity_dice(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Weighted Dice overlap, 0..1: the matched weight on both sides over all the weight.
    Unlike a raw count it does not grow with article length: a long report names more
    people, and more of them by chance."""
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    return (_matched_weight(a, b) + _matched_weight(b, a)) / total


def entity_overlap(article: Mapping[str, float], event: Mapping[str, float]) -> float:
    """0..1: the article's entity weight found in the event, saturating at SATURATION."""
    if not article or not event:
        return 0.0
    by_initial: dict[str, list[str]] = {}
    for key in event:
        by_initial.setdefault(key[0], []).append(key)
    matched = 0.0
    for key, weight in article.items():
        if key in event or any(keys_match(key, other) for other in by_initial.get(key[0], ())):
            matched += weight
    return min(1.0, matched / SATURATION)
