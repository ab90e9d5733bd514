"""A deterministic engine for the API tests, the load test's server process
(tests/load_server.py) and the API benchmark: injected into the real app through
`create_app(settings, engine)`. The "summary" is the article's first words.
"""

from __future__ import annotations

import re
import time

from fakes import SummariserDefaults
from saaransh.article import Article, LanguageInfo, RawDocument
from saaransh.engine import Engine
from saaransh.summarise.base import Summary, SummaryRequest

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_SENTENCE_END = re.compile(r"(?<=[।.!?])\s+")


class FakeSummariser(SummariserDefaults):
    """Deterministic: `[lang] ` + the first max_words words. `delay_s` is slept once per
    call, like a model's fixed per-batch cost, so batching has something to save."""

    name = "fake"

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s
        self.batch_sizes: list[int] = []
        self.warmed_with: int | None = None

    def can_write(self, target_lang: str, source_lang: str) -> bool:
        return source_lang in ("hi", "en")

    def summarise(self, requests: list[SummaryRequest]) -> list[Summary | Exception]:
        self.batch_sizes.append(len(requests))
        if self.delay_s:
            time.sleep(self.delay_s)
        return [
            Summary(
                text=f"[{r.target_lang}] " + " ".join(r.text.split()[: r.max_words]),
                lang=r.target_lang,
                method="extractive",
                model=self.name,
            )
            for r in requests
        ]

    def warmup(self, batch_size: int = 1) -> None:
        self.warmed_with = batch_size


def simple_analyse(raw: RawDocument, reference_date=None) -> Article:
    """A crude, deterministic analysis for tests that must not depend on the real pipeline:
    sentences split at danda/period, language by the share of Devanagari characters."""
    text = raw.body.strip()
    letters = [c for c in text if c.isalpha()]
    deva = sum(bool(_DEVANAGARI.match(c)) for c in letters)
    share = deva / len(letters) if letters else 0.0
    primary = "other" if not letters else ("hi" if share >= 0.5 else "en")
    language = LanguageInfo(
        primary=primary,  # type: ignore[arg-type]
        script="Deva" if share > 0.9 else ("Latn" if share < 0.1 else "mixed"),
        code_mixed=0.1 <= share <= 0.9,
        cmi=0.0,
        tokens={"hi": 0, "en": 0, "hi-Latn": 0, "univ": 0, "other": 0},
    )
    return Article(
        id=raw.id,
        title=raw.title,
        text=text,
        sentences=[s for s in _SENTENCE_END.split(text) if s],
        language=language,
        url=raw.url,
    )


class FakeEngine(Engine):
    """An Engine with the fake summariser (or the one given) and, optionally, the crude
    analysis above."""

    def __init__(
        self, delay_s: float = 0.0, *, summariser=None, fake_analysis: bool = False, **kw
    ) -> None:
        super().__init__(summariser or FakeSummariser(delay_s), **kw)
        self.fake_analysis = fake_analysis

    def analyse(self, raw: RawDocument, reference_date=None) -> Article:
        if self.fake_analysis:
            return simple_analyse(raw, reference_date)
        return super().analyse(raw, reference_date)
