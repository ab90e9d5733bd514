"""Event summaries: multi-document extractive in each language, abstractive when a
summariser that can write the language is given.

Extractive: the sentences of the event's articles written in the target language
are embedded; near-duplicates across articles collapse into one sentence that cites
every article that reported it; sentences are ranked by centrality in the event,
how many articles report them and a lead bonus, then picked with MMR under a word
budget. Nothing is translated: an event with no article in a language gets `None`
and a reason, unless the summariser can write that language from the other one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..embeddings import Embedder
from ..store import ArticleRow
from ..summarise.base import Summariser, SummaryRequest
from .settings import EventSettings

LANGS = ("en", "hi")
MIN_WORDS = 4  # shorter "sentences" are datelines and captions
MMR_LAMBDA = 0.7
SUPPORT_WEIGHT, LEAD_WEIGHT = 0.3, 0.2
LEAD_BONUS = {0: 1.0, 1: 0.5, 2: 0.25}


@dataclass
class EventSentence:
    text: str
    position: int  # index in its (first) article
    order: int  # reading order across the event: earliest article first
    article_ids: list[str] = field(default_factory=list)


def article_lang(article: ArticleRow) -> str:
    return (article.language or {}).get("primary", "other")


def key_sentences(
    articles: Sequence[ArticleRow], lang: str, embedder: Embedder, settings: EventSettings,
    budget: int,
) -> list[EventSentence]:
    """The event's best sentences in `lang`, MMR-picked under `budget` words, reading order."""
    pool = _collect(articles, lang, settings)
    if not pool:
        return []
    vectors = embedder.embed([s.text for s in pool])
    kept, kept_vecs = _collapse(pool, vectors, settings.summary_duplicate_cosine)
    n_articles = len({a for s in pool for a in s.article_ids})
    centre = vectors.mean(axis=0)
    centrality = kept_vecs @ (centre / max(float(np.linalg.norm(centre)), 1e-12))
    span = float(centrality.max() - centrality.min()) or 1.0
    rank = (
        (centrality - centrality.min()) / span
        + SUPPORT_WEIGHT * np.array([len(s.article_ids) / n_articles for s in kept])
        + LEAD_WEIGHT * np.array([LEAD_BONUS.get(s.position, 0.0) for s in kept])
    )
    chosen = _mmr(rank, kept_vecs, [len(s.text.split()) for s in kept], budget)
    return sorted((kept[i] for i in chosen), key=lambda s: s.order)


def _collect(
    articles: Sequence[ArticleRow], lang: str, settings: EventSettings
) -> list[EventSentence]:
    mine = [a for a in articles if article_lang(a) == lang][: settings.summary_max_articles]
    pool: list[EventSentence] = []
    for article in mine:
        leading = article.sentences[: settings.summary_sentences_per_article]
        for position, text in enumerate(leading):
            if len(text.split()) >= MIN_WORDS:
                pool.append(EventSentence(text.strip(), position, len(pool), [article.id]))
    return pool


def _collapse(
    pool: list[EventSentence], vectors: np.ndarray, threshold: float
) -> tuple[list[EventSentence], np.ndarray]:
    """Greedy in reading order: a sentence close to an earlier one adds its article id."""
    kept: list[int] = []
    for i, sentence in enumerate(pool):
        if kept:
            sims = vectors[kept] @ vectors[i]
            j = int(np.argmax(sims))
            if sims[j] > threshold:
                first = pool[kept[j]]
                if sentence.article_ids[0] not in first.article_ids:
                    first.article_ids.append(sentence.article_ids[0])
                continue
        kept.append(i)
    return [pool[i] for i in kept], vectors[kept]


def _mmr(rank: np.ndarray, vectors: np.ndarray, words: list[int], budget: int) -> list[int]:
    chosen: list[int] = []
    used = 0
    left = set(range(len(rank)))
    while left:
        def gain(i: int) -> float:
            redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            return MMR_LAMBDA * float(rank[i]) - (1 - MMR_LAMBDA) * redundancy

        best = max(sorted(left), key=gain)
        left.discard(best)
        # The first pick always fits: an over-long lead beats an empty summary.
        if chosen and used + words[best] > budget:
            continue
        chosen.append(best)
        used += words[best]
    return chosen


def summarise_event(
    event_id: str, articles: Sequence[ArticleRow], lang: str, embedder: Embedder,
    settings: EventSettings, summariser: Summariser | None = None,
) -> tuple[dict | None, str | None]:
    """(summary record, None) or (None, reason) for one event and target language."""
    budget = settings.summary_words
    langs_present = [x for x in LANGS if any(article_lang(a) == x for a in articles)]
    # Same-language sources first and only: a cross-lingual model is the fallback for a
    # language no article is written in, never a replacement for extracting from one.
    sources = [lang] if lang in langs_present else langs_present
    # An extractive backend would only re-pick our key sentences, without citations.
    if summariser is not None and summariser.name != "extractive":
        for source in sources:
            if summariser.can_write(lang, source):
                record = _abstractive(event_id, articles, lang, source, embedder, settings,
                                      summariser)  # fmt: skip
                if record is not None:
                    return record, None
    if lang in langs_present:
        picked = key_sentences(articles, lang, embedder, settings, budget)
        if picked:
            return _record(" ".join(s.text for s in picked), "extractive", embedder.name,
                           picked), None  # fmt: skip
    have = ", ".join(langs_present) or "none"
    return None, (
        f"no article of this event is in '{lang}' (articles in: {have}) and no installed "
        f"summariser can write '{lang}' from them"
    )


def _abstractive(
    event_id: str, articles: Sequence[ArticleRow], lang: str, source: str, embedder: Embedder,
    settings: EventSettings, summariser: Summariser,
) -> dict | None:
    key = key_sentences(articles, source, embedder, settings, budget=3 * settings.summary_words)
    if not key:
        return None
    request = SummaryRequest(
        doc_id=event_id, sentences=tuple(s.text for s in key), source_lang=source,
        target_lang=lang, max_words=settings.summary_words,  # type: ignore[arg-type]
    )  # fmt: skip
    (result,) = summariser.summarise([request])
    # A failure or an extractive backend: our own multi-document extract cites better.
    if isinstance(result, Exception) or result.method == "extractive":
        return None
    return _record(result.text, result.method, result.model, key)


def _record(text: str, method: str, model: str, sentences: list[EventSentence]) -> dict:
    return {
        "text": text,
        "method": method,
        "model": model,
        # For abstractive output these are the source sentences the model was given.
        "sentences": [{"text": s.text, "article_ids": s.article_ids} for s in sentences],
    }
