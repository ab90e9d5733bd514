"""The summariser interface every backend implements, and the values it exchanges.

A backend is batched: a list of requests in, one result per request out, in the
same order. A per-item failure is returned as an exception object in that slot
so one bad article never sinks its batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

Lang = Literal["en", "hi"]
Method = Literal["abstractive", "extractive", "translated"]


@dataclass(frozen=True)
class SummaryRequest:
    """Summarise `sentences` (one article, or an event's key sentences) into `target_lang`."""

    doc_id: str
    sentences: tuple[str, ...]
    source_lang: str  # "hi" | "en" | "other" (the article's primary language)
    target_lang: Lang
    title: str | None = None
    max_words: int = 60

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass
class Summary:
    text: str
    lang: Lang
    method: Method
    model: str
    source_sentence_ids: list[int] | None = None  # extractive output only
    extra: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        out: dict = {"text": self.text, "method": self.method, "model": self.model}
        if self.source_sentence_ids is not None:
            out["source_sentence_ids"] = self.source_sentence_ids
        out.update(self.extra)
        return out


class CannotWrite(Exception):
    """This backend cannot produce the requested target language for this source."""


@runtime_checkable
class Summariser(Protocol):
    name: str

    def can_write(self, target_lang: str, source_lang: str) -> bool:
        """Whether this backend can write `target_lang` from a `source_lang` article."""
        ...

    def summarise(self, requests: list[SummaryRequest]) -> list[Summary | Exception]:
        """One result per request, same order; failures as exception objects."""
        ...


@runtime_checkable
class Translator(Protocol):
    name: str

    def can_translate(self, source_lang: str, target_lang: str) -> bool: ...

    def translate(self, texts: list[str], source_lang: str, target_lang: str) -> list[str]: ...
