"""Request and response bodies of the REST API (the OpenAPI schema is built from these).

Content checks on `text` (blank, NUL, lone surrogates, max_chars) live in the service,
not here, so a bad article in a batch fails alone instead of failing the whole request.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..ids import id_problem
from ..text.normalise import lone_surrogate_at

Lang = Literal["en", "hi"]


def reject_unsafe(value: str | None) -> str | None:
    """NUL and lone surrogates pass JSON parsing but break storage and UTF-8 output."""
    if value is None:
        return None
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    if (at := lone_surrogate_at(value)) is not None:
        raise ValueError(f"contains a lone surrogate at character {at}")
    return value


def reject_bad_id(value: str | None) -> str | None:
    """Ids are refused, never rewritten: two ids must never become one stored article."""
    problem = None if value is None else id_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


class ArticleIn(BaseModel):
    text: str = Field(description="The article: plain text, or HTML with format='html'.")
    title: str | None = Field(None, max_length=1000)
    id: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Your id for the article; default: 'art_' + sha1 of the text. Control "
        "characters and lone surrogates are refused (422), never cleaned away.",
    )
    url: str | None = Field(None, max_length=2048)
    published_at: str | None = Field(
        None, max_length=64, description="Publication date as you have it (parsed leniently)."
    )
    target_langs: list[Lang] | None = Field(
        None, min_length=1, max_length=2, description="Summary languages; default: en and hi."
    )
    format: Literal["text", "html"] = "text"

    _safe = field_validator("title", "url", "published_at")(reject_unsafe)
    _safe_id = field_validator("id")(reject_bad_id)


class BatchIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, description="At most max_batch_items.")


class SummaryOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: str
    method: Literal["abstractive", "extractive", "translated"]
    model: str
    source_sentence_ids: list[int] | None = None


class LanguageOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    primary: Literal["hi", "en", "other"]
    script: Literal["Deva", "Latn", "mixed"]
    code_mixed: bool
    cmi: float
    tokens: dict[str, int]


class ArticleRecord(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    title: str | None = None
    language: LanguageOut
    published_at: str | None = Field(None, description="YYYY-MM-DD")
    summaries: dict[str, SummaryOut | None]
    unavailable: dict[str, str] | None = Field(
        None, description="Why a summary is null; only for the null languages."
    )
    cluster_id: str | None = None


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable, e.g. invalid_input, overloaded.")
    message: str = Field(description="Safe to show; never echoes the request.")


class ErrorOut(BaseModel):
    error: ErrorDetail


class ItemError(BaseModel):
    id: str
    error: ErrorDetail


class BatchOut(BaseModel):
    results: list[ArticleRecord | ItemError] = Field(description="In request order.")


class ClusterOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    article_ids: list[str] = []
    summaries: dict[str, SummaryOut | None] = {}


class ClusterList(BaseModel):
    clusters: list[ClusterOut] = Field(description="Newest first.")
    limit: int
    offset: int


class Health(BaseModel):
    status: str
    models: dict[str, str | None] | None = None
