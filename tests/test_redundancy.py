"""The near-duplicate rule: shared content words plus embedding cosine, fitted thresholds."""

import numpy as np
import pytest

from saaransh.summarise.redundancy import (
    DUPLICATE_SCORE,
    SAME_SENTENCE_SCORE,
    duplicate_score,
    is_duplicate,
    word_overlap,
)

SEED_004_A = "इस दौरान जयशंकर ने पुतिन को आगामी वार्षिक भारत-रूस शिखर सम्मेलन की तैयारियों से अवगत कराया."
SEED_004_B = "उन्हें आगामी वार्षिक भारत-रूस शिखर सम्मेलन की तैयारियों से अवगत कराया."
OTHER_FACT = "रूसी विदेश मंत्रालय ने शुक्रवार को एक पोस्ट में इस बैठक की घोषणा की."


def unit(cosine: float) -> tuple[np.ndarray, np.ndarray]:
    """Two unit vectors with the given cosine."""
    return np.array([1.0, 0.0]), np.array([cosine, np.sqrt(1 - cosine**2)])


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        (SEED_004_A, SEED_004_B, 0.9, 1.0),  # seed 004's repeat: B's words are all in A
        (SEED_004_A, OTHER_FACT, 0.0, 0.2),
        ("रिश्तों को मजबूत करने पर चर्चा हुई।", "रिश्ते मजबूत करने की चर्चा हुई।", 0.99, 1.0),  # endings
        ("The minister met Putin in Moscow.", "The minister met Putin in Moscow.", 1.0, 1.0),
        ("और के की में", "The minister met Putin.", 0.0, 0.0),  # function words only
    ],
)
def test_word_overlap(a: str, b: str, low: float, high: float) -> None:
    assert low <= word_overlap(a, b) <= high


def test_cosine_alone_does_not_decide() -> None:
    # Two different facts of one article at a typical same-article cosine are not repeats;
    # the same words at that cosine are.
    assert not is_duplicate(SEED_004_A, OTHER_FACT, *unit(0.88))
    assert is_duplicate(SEED_004_A, SEED_004_B, *unit(0.88))


def test_thresholds_are_ordered_and_monotone() -> None:
    assert 0 < DUPLICATE_SCORE < SAME_SENTENCE_SCORE < 1  # citing both needs more than not both
    assert duplicate_score(0.5, 0.9) < duplicate_score(0.6, 0.9) < duplicate_score(0.6, 0.95)
    assert duplicate_score(0.0, 0.70) == duplicate_score(0.0, 0.75) == 0.0  # below the floor
