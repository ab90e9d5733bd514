"""Extractive summaries: whole sentences of the article, so the output is faithful by
construction. Sentences are grouped into units that stand on their own (discourse.py),
ranked by headline, centrality and lead (selection.py), and taken lede first under a word
budget without repeats (redundancy.py).

All units of all requests in a batch are embedded in one call, then sliced back per
request (the IndicTrans2 trick: one model call for many documents).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from ..article import SentenceInfo
from ..embeddings import Embedder, default_embedder
from ..errors import NothingToExtract
from ..language import tag_tokens, tokenize
from .base import Summary, SummaryRequest
from .discourse import Unit, is_complete, units
from .selection import candidates, guides, pick, relevance

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LETTERED = re.compile(r"\w*[^\W\d_]\w*")
MIN_WORDS = 4  # shorter "sentences" are headings or fragments, not summary material
TINY = 2  # an article of at most this many sentences is its own summary
LANG_NAMES = {"hi": "Hindi", "en": "English"}
# Texts embedded per prefetch slice: about a second of e5-small on one CPU core, so other
# requests wait at most that long behind a long article's embedding.
PREFETCH_SLICE = 32


@dataclass
class _Prepared:
    """One request, ready for the embedder: its candidate units, or its whole answer."""

    request: SummaryRequest
    candidates: list[tuple[Unit, str]]
    guides: list[str]
    whole: list[int] | None = None  # a tiny article: these sentences are the summary


class ExtractiveSummariser:
    name = "extractive"

    def __init__(self, embedder: Embedder | None = None, *, max_embed_chars: int = 1000) -> None:
        self._embedder = embedder
        self.max_embed_chars = max_embed_chars
        self.max_input_tokens = 1_000_000  # no model window: every sentence is considered

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    @property
    def model_name(self) -> str:
        return f"extractive:{self.embedder.name}"

    def can_write(self, target_lang: str, source_lang: str) -> bool:
        # Copying sentences can only produce the language the sentences are written in.
        return target_lang == source_lang and source_lang in ("hi", "en")

    def token_count(self, text: str) -> int:
        return len(text.split())

    def warmup(self, batch_size: int = 1) -> None:
        self.embedder.embed(["warm-up sentence"] * max(1, batch_size))

    def prefetch(self, request: SummaryRequest) -> list[Callable[[], object]]:
        """The embedding work of a long request, in slices of PREFETCH_SLICE texts that
        fill the embedder's cache; a server runs them on the model thread between other
        batches, so one long article cannot hold the model for its whole embedding, and
        a missed deadline stops it between slices. The summary then reads the cache.
        Empty for a short request, or when the cache could not keep the slices' work."""
        try:
            p = self._prepare(request)
        except NothingToExtract:
            return []
        texts = [t[: self.max_embed_chars] for t in (*(t for _, t in p.candidates), *p.guides)]
        if len(texts) <= PREFETCH_SLICE or len(texts) > getattr(self.embedder, "cache_size", 0):
            return []
        embed = self.embedder.embed
        return [partial(embed, texts[i : i + PREFETCH_SLICE])
                for i in range(0, len(texts), PREFETCH_SLICE)]  # fmt: skip

    def summarise(self, requests: list[SummaryRequest]) -> list[Summary | Exception]:
        prepared: list[_Prepared | Exception] = []
        for request in requests:
            try:
                prepared.append(self._prepare(request))
            except NothingToExtract as exc:
                prepared.append(exc)
        texts = [t for p in prepared if isinstance(p, _Prepared)
                 for t in [*(text for _, text in p.candidates), *p.guides]]  # fmt: skip
        # No embedding input is ever longer than the cap (issue: one giant "sentence").
        vectors = self.embedder.embed([t[: self.max_embed_chars] for t in texts]) if texts else None
        out: list[Summary | Exception] = []
        start = 0
        for p in prepared:
            if isinstance(p, Exception):
                out.append(p)
                continue
            n, g = len(p.candidates), len(p.guides)
            assert vectors is not None or n + g == 0
            vecs = vectors[start : start + n + g] if vectors is not None else np.zeros((0, 1))
            start += n + g
            picked = p.whole if p.whole is not None else self._select(p, vecs[:n], vecs[n:])
            out.append(self._summary(p.request, picked))
        return out

    def _prepare(self, request: SummaryRequest) -> _Prepared:
        sentences = request.sentences
        info = request.info or _tagged_info(sentences)
        target = request.target_lang
        mine = {i for i, s in enumerate(info) if s.lang == target}
        if not mine:
            raise NothingToExtract(f"the article has no {LANG_NAMES[target]} sentence to extract")
        guide_texts = guides(request.title, request.standfirst)
        if len(sentences) <= TINY and len(mine) == len(sentences) and request.sentence_ids is None:
            return _Prepared(request, [], [], whole=sorted(mine))
        candidates = []
        for unit in units(sentences, [s.paragraph for s in info]):
            last = unit.ids[-1] == len(sentences) - 1
            text = " ".join(sentences[i] for i in unit.ids)
            if (
                all(i in mine and info[i].whole for i in unit.ids)
                and unit.closed
                and is_complete(sentences[unit.ids[-1]], last)
                and len(_LETTERED.findall(sentences[unit.ids[0]])) >= MIN_WORDS
            ):
                candidates.append((unit, text))
        if not any(unit.needs is None for unit, _ in candidates):
            if not any(info[i].whole for i in mine):
                raise NothingToExtract(
                    f"the article's {LANG_NAMES[target]} text runs on without sentence ends "
                    "past the sentence length limit (max_sentence_chars): nothing to extract"
                )
            raise NothingToExtract(
                f"the article has no {LANG_NAMES[target]} sentence of {MIN_WORDS}+ words that "
                "stands on its own outside a quote"
            )
        return _Prepared(request, candidates, guide_texts)

    def _select(self, p: _Prepared, vecs: np.ndarray, guide_vecs: np.ndarray) -> list[int]:
        units = [unit for unit, _ in p.candidates]
        texts = [text for _, text in p.candidates]
        cands = candidates(units, texts, vecs, p.request.max_words)
        if not cands:
            return []
        scores = relevance([c.text for c in cands], np.stack([c.vector for c in cands]),
                           p.guides, guide_vecs, [c.chain for c in cands],
                           centre=vecs.mean(axis=0))  # fmt: skip
        return pick([replace(c, relevance=float(r)) for c, r in zip(cands, scores, strict=True)],
                    p.request.max_words)  # fmt: skip

    def _summary(self, request: SummaryRequest, picked: list[int]) -> Summary:
        text = " ".join(request.sentences[i] for i in picked)
        extra = {}
        if request.target_lang == "hi" and not DEVANAGARI.search(text):
            extra["script"] = "Latn"  # romanised Hindi stays romanised: no fake transliteration
        ids = request.sentence_ids
        return Summary(
            text=text,
            lang=request.target_lang,
            method="extractive",
            model=self.model_name,
            source_sentence_ids=[ids[i] for i in picked] if ids is not None else picked,
            extra=extra,
        )


def _tagged_info(sentences: tuple[str, ...]) -> tuple[SentenceInfo, ...]:
    """Sentence languages when the request did not bring the analysis' own."""
    out = []
    for sentence in sentences:
        tags = [t for t in tag_tokens(tokenize(sentence)) if t != "univ"]
        hi, en = tags.count("hi"), tags.count("en")
        lang = "univ" if not tags else ("hi" if hi >= en and hi else "en" if en else "other")
        out.append(SentenceInfo(lang=lang, cmi=0.0))
    return tuple(out)
