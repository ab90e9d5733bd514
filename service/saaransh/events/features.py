"""What the clusterer knows of an article: a vector, its language, entities and a date.

The vector is the lead (title and first sentences) plus, at `body_weight`, the whole
article: the mean of its sentence embeddings. Those are the very strings the extractive
summariser embedded, so with the shared embedder's cache they cost nothing more.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..article import Article
from ..embeddings import Embedder
from ..settings import EventSettings
from ..text.dates import DayMonth, find_dateline
from .entities import extract_entities

MAX_PIECES = 4  # pieces of over-long sentences embedded per article
EMBED_CHARS = 300  # longer sentences are embedded in pieces (about 60 words of English)
ELLIPSIS = re.compile(r"…|\.{3,}")
CLAUSE = re.compile(r"[;।|]")
COMMA = re.compile(r",")


@dataclass
class Features:
    vector: np.ndarray
    entities: dict[str, float]
    published_at: dt.date | None
    lang: str = "*"  # "*": unknown, compared as if it were the event's own language
    # The dateline's day and month when the text gives no year (the clusterer finds it).
    day_month: DayMonth | None = None


def article_texts(article: Article, settings: EventSettings) -> list[str]:
    """The title (if any) and the first `max_sentences` sentences, of which at most
    MAX_PIECES are pieces of an over-long "sentence" (cut at the analysis length cap).
    Such pieces are what a page without punctuation, or a hostile body, is made of: they
    cost the most to embed and say the least, so a few stand for all of them."""
    info = article.sentence_info
    sentences: list[str] = []
    pieces = 0
    for i, sentence in enumerate(article.sentences):
        if len(sentences) == settings.max_sentences:
            break
        if i < len(info) and not info[i].whole:
            if pieces == MAX_PIECES:
                continue
            pieces += 1
        sentences.append(sentence)
    sentences = sentences or [article.text[:1000]]
    return [article.title, *sentences] if article.title else list(sentences)


def embedding_pieces(text: str) -> list[str]:
    """`text` as pieces of at most EMBED_CHARS: a small encoder's vector of a long run-on
    "sentence" (clauses glued with "…", a page that lost its full stops) is a blur; the
    mean of its clauses' vectors is not. Cut at ellipses, semicolons, dandas, then commas,
    then between words."""
    if len(text) <= EMBED_CHARS:
        return [text]
    for boundary in (ELLIPSIS, CLAUSE, COMMA):
        parts = [p.strip() for p in boundary.split(text) if p.strip()]
        if len(parts) > 1:
            return [piece for part in parts for piece in embedding_pieces(part)]
    words, pieces, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > EMBED_CHARS:
            pieces.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*pieces, current] if current else pieces


def features_for(
    articles: Sequence[Article], embedder: Embedder, settings: EventSettings
) -> list[Features]:
    """Features of many articles with one batched embedding call."""
    texts = [article_texts(a, settings) for a in articles]
    pieces = [[embedding_pieces(t) for t in group] for group in texts]
    flat = [p for group in pieces for text in group for p in text]
    vectors = embedder.embed(flat) if flat else np.zeros((0, embedder.dim), dtype=np.float32)
    out, start = [], 0
    for article, group, split in zip(articles, texts, pieces, strict=True):
        # One row per text (title, sentence): the mean of its pieces.
        rows = []
        for text_pieces in split:
            rows.append(_unit(vectors[start : start + len(text_pieces)].mean(axis=0)))
            start += len(text_pieces)
        matrix = np.asarray(rows)
        lead = matrix[: max(1, settings.lead_sentences + (1 if article.title else 0))]
        vector = _unit(
            _unit(lead.mean(axis=0)) + settings.body_weight * _unit(matrix.mean(axis=0))
        )
        out.append(Features(
            vector=vector.astype(np.float32),
            entities=extract_entities(group),
            published_at=article.published_at,
            lang=article.language.primary,
            day_month=None if article.published_at else find_dateline(article.text),
        ))  # fmt: skip
    return out


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)
