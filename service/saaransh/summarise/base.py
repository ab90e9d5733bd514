"""The summariser interface every backend implements, and the values it exchanges.

A backend is batched: a list of requests in, one result per request out, in the
same order. A per-item failure is returned as an exception object in that slot
so one bad article never sinks its batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..article import SentenceInfo

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
    # Optional, from the analysis: per-sentence language/paragraph facts parallel to
    # `sentences`; where `sentences` sit in the article (None: they are the whole article,
    # in order); and the outlet's standfirst. Summarisers that do not need them ignore them.
    info: tuple[SentenceInfo, ...] | None = None
    sentence_ids: tuple[int, ...] | None = None
    standfirst: str | None = None

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Translation:
    """Carry `text` (a summary, for summarise-then-translate) from one language to another."""

    text: str
    source_lang: str
    target_lang: str


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


@runtime_checkable
class Summariser(Protocol):
    name: str

    def can_write(self, target_lang: str, source_lang: str) -> bool:
        """Whether this backend can write `target_lang` from a `source_lang` article."""
        ...

    def summarise(self, requests: list[SummaryRequest]) -> list[Summary | Exception]:
        """One result per request, same order; failures as exception objects."""
        ...

    def token_count(self, text: str) -> int:
        """What `text` costs this backend's input (the batcher's token budget): model
        tokens for a model, words for one that has no tokenizer."""
        ...

    def warmup(self, batch_size: int = 1) -> None:
        """Pay first-call costs (weights paged in, allocations, lazy loads) with a batch of
        `batch_size`, so the first request does not."""
        ...

    def prefetch(self, request: SummaryRequest) -> list[Callable[[], object]]:
        """Slices of `request`'s model work that may run ahead, one at a time, between
        other batches (a server does), so one long input cannot hold the model thread
        for its whole cost. Each slice only fills a cache: skipping it changes nothing.
        Empty when there is nothing worth slicing."""
        ...


@runtime_checkable
class Translator(Protocol):
    name: str

    def can_translate(self, source_lang: str, target_lang: str) -> bool: ...

    def translate(self, texts: list[str], source_lang: str, target_lang: str) -> list[str]: ...
