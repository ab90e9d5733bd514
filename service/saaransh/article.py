"""The article as it flows through the pipeline: raw document in, analysed article out."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Literal

TokenTag = Literal["hi", "en", "univ", "other"]
DocFormat = Literal["text", "html"]


@dataclass(frozen=True)
class RawDocument:
    """One article as read from a file or a request, before any cleaning."""

    id: str
    body: str
    format: DocFormat = "text"
    title: str | None = None
    url: str | None = None
    published_at: str | None = None  # as the caller gave it; parsed during analysis
    source: str | None = None  # file path or "request", for error messages
    # YYYY-MM-DD: the year given to dates written without one ("22 अगस्त"). A string, so a
    # document still crosses Ray as JSON.
    reference_date: str | None = None
    # The outlet's own summary line (dek), when the caller has it apart from the body: it
    # says what the story is, so summarisers use it for relevance (never as output).
    standfirst: str | None = None


@dataclass
class LanguageInfo:
    """Document-level language analysis, shaped as the public contract's `language` object."""

    primary: Literal["hi", "en", "other"]
    script: Literal["Deva", "Latn", "mixed"]
    code_mixed: bool
    cmi: float
    # Keys: hi (Devanagari Hindi), en, hi-Latn (romanised Hindi), univ, other.
    tokens: dict[str, int]
    switch_points: int = 0
    # Sentences by dominant language ("hi", "en", "other"; "univ" when no word is tagged):
    # what a reader sees, and what decides `primary`.
    sentence_counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SentenceInfo:
    """What the summarisers need to know of one sentence besides its text."""

    lang: str  # dominant language: "hi" (Devanagari or romanised), "en", "other", "univ"
    cmi: float  # code-mixing index of the sentence alone
    paragraph: int = 0  # line number in the clean text: quotes and references stay within one
    whole: bool = True  # False: a piece of a sentence longer than the length cap

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Article:
    """A cleaned and analysed article: the input of every summariser."""

    id: str
    title: str | None
    text: str
    sentences: list[str]
    language: LanguageInfo
    published_at: dt.date | None = None
    url: str | None = None
    meta: dict = field(default_factory=dict)
    sentence_info: list[SentenceInfo] = field(default_factory=list)  # parallel to sentences
    standfirst: str | None = None

    def to_analysis_dict(self) -> dict:
        """The `saaransh analyse` record."""
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "sentences": self.sentences,
            "sentence_info": [info.to_dict() for info in self.sentence_info],
            "standfirst": self.standfirst,
            "language": self.language.to_dict(),
            "published_at": self.published_at.isoformat() if self.published_at else None,
        }
