"""What the clusterer knows of an article: a vector, its language, entities and a date.

The vector is the lead (title and first sentences) plus, at `body_weight`, the whole
article: the mean of its sentence embeddings. Those are the very strings the extractive
summariser embedded, so with the shared embedder's cache they cost nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..article import Article
from ..embeddings import Embedder
from ..text.dates import DayMonth, find_dateline
from .entities import extract_entities
from .settings import EventSettings


@dataclass
class Features:
    vector: np.ndarray
    entities: dict[str, float]
    published_at: dt.date | None
    lang: str = "*"  # "*": unknown, compared as if it were the event's own language
    # The dateline's day and month when the text gives no year (the clusterer finds it).
    day_month: DayMonth | None = None


def article_texts(article: Article, settings: EventSettings) -> list[str]:
    """The strings to embed: the title (if any) and the first `max_sentences` sentences."""
    sentences = article.sentences[: settings.max_sentences] or [article.text[:1000]]
    return [article.title, *sentences] if article.title else list(sentences)


def features_for(
    articles: Sequence[Article], embedder: Embedder, settings: EventSettings
) -> list[Features]:
    """Features of many articles with one batched embedding call."""
    texts = [article_texts(a, settings) for a in articles]
    flat = [t for group in texts for t in group]
    vectors = embedder.embed(flat) if flat else np.zeros((0, embedder.dim), dtype=np.float32)
    out, start = [], 0
    for article, group in zip(articles, texts, strict=True):
        rows = vectors[start : start + len(group)]
        start += len(group)
        lead = rows[: max(1, settings.lead_sentences + (1 if article.title else 0))]
        vector = _unit(_unit(lead.mean(axis=0)) + settings.body_weight * _unit(rows.mean(axis=0)))
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
