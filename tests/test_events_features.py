"""What the clusterer embeds of an article (events/features.py)."""

from __future__ import annotations

import numpy as np
import pytest

from saaransh.article import Article, LanguageInfo, SentenceInfo
from saaransh.events import EventSettings
from saaransh.events.features import EMBED_CHARS, MAX_PIECES, embedding_pieces, features_for

RUN_ON = "सुरंग का एक हिस्सा धंस गया… 40 लोगों के फंसे होने की जानकारी मिली है… " * 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A short sentence.", ["A short sentence."]),
        ("x" * EMBED_CHARS, ["x" * EMBED_CHARS]),  # at the limit: whole
        ("a… b", ["a… b"]),  # short: never cut
        ("a" * 200 + "… " + "b" * 200, ["a" * 200, "b" * 200]),
        ("a" * 200 + "... " + "b" * 200, ["a" * 200, "b" * 200]),
        ("a" * 200 + "; " + "b" * 200, ["a" * 200, "b" * 200]),
        ("a" * 200 + " । " + "b" * 200, ["a" * 200, "b" * 200]),
        ("a" * 200 + ", " + "b" * 200, ["a" * 200, "b" * 200]),
    ],
)
def test_embedding_pieces(text, expected) -> None:
    assert embedding_pieces(text) == expected


def test_a_long_text_without_punctuation_is_cut_between_words() -> None:
    text = " ".join(f"word{i}" for i in range(200))
    pieces = embedding_pieces(text)
    assert len(pieces) > 1 and all(len(p) <= EMBED_CHARS for p in pieces)
    assert " ".join(pieces) == text


class Recorder:
    name, dim = "recorder", 4

    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.texts += texts
        rng = np.random.default_rng(len(self.texts))
        rows = rng.standard_normal((len(texts), self.dim))
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_a_run_on_sentence_is_embedded_clause_by_clause() -> None:
    info = LanguageInfo("hi", "Deva", False, 0.0, {})
    article = Article("a", None, RUN_ON, [RUN_ON.strip(), "दूसरा वाक्य।"], info, None)
    embedder = Recorder()
    (features,) = features_for([article], embedder, EventSettings())
    assert len(embedder.texts) > 2 and all(len(t) <= EMBED_CHARS for t in embedder.texts)
    assert embedder.texts[-1] == "दूसरा वाक्य।"
    assert features.vector.shape == (4,)
    assert abs(float(np.linalg.norm(features.vector)) - 1.0) < 1e-5


def test_pieces_of_an_over_long_sentence_are_embedded_a_few_not_all() -> None:
    # 100k characters of "a." reach the clusterer as pieces cut at the length cap; the
    # events store must not embed all of them on its thread (it held every other write).
    piece = "a." * 500
    sentences = [piece] * 60 + ["A real closing sentence."]
    meta = [SentenceInfo("en", 0.0, whole=False)] * 60 + [SentenceInfo("en", 0.0)]
    info = LanguageInfo("en", "Latn", False, 0.0, {})
    article = Article("a", None, piece * 60, sentences, info, None, sentence_info=meta)
    embedder = Recorder()
    features_for([article], embedder, EventSettings())
    assert "A real closing sentence." in embedder.texts
    assert sum(len(t) for t in embedder.texts) <= MAX_PIECES * len(piece) + 100
