"""How much of an article's entity evidence an event shares (fuzzy, cross-script)."""

from __future__ import annotations

from collections.abc import Mapping

MIN_FUZZY_LEN = 5
SATURATION = 2.0  # matched weight at which entity evidence is full (two solid names)


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
