"""Extractive summaries: pick whole sentences of the article, so the output is faithful
by construction. Lead-aware centrality over multilingual embeddings, MMR against
redundancy, and a word budget.

All sentences of all requests in a batch are embedded in one call, then sliced back
per request (the IndicTrans2 trick: one model call for many documents).
"""

from __future__ import annotations

import math
import re

import numpy as np

from ..embeddings import Embedder, default_embedder
from ..language import tag_tokens, tokenize
from .base import Summary, SummaryRequest

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
MIN_WORDS = 4  # shorter "sentences" are headings or fragments, not summary material


class ExtractiveSummariser:
    name = "extractive"

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        lead_weight: float = 0.35,
        lead_decay: float = 3.0,
        mmr_lambda: float = 0.7,
    ) -> None:
        self._embedder = embedder
        self.lead_weight = lead_weight
        self.lead_decay = lead_decay
        self.mmr_lambda = mmr_lambda
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
        # Copying sentences can only produce the article's own language.
        return target_lang == source_lang and source_lang in ("hi", "en")

    def token_count(self, text: str) -> int:
        return len(text.split())

    def warmup(self, batch_size: int = 1) -> None:
        self.embedder.embed(["warm-up sentence"] * max(1, batch_size))

    def summarise(self, requests: list[SummaryRequest]) -> list[Summary | Exception]:
        candidates = [self._candidates(r) for r in requests]
        flat = [r.sentences[i] for r, ids in zip(requests, candidates, strict=True) for i in ids]
        vectors = self.embedder.embed(flat) if flat else np.zeros((0, 1), dtype=np.float32)
        out: list[Summary | Exception] = []
        start = 0
        for request, ids in zip(requests, candidates, strict=True):
            vecs = vectors[start : start + len(ids)]
            start += len(ids)
            if not ids:
                out.append(ValueError(f"no '{request.target_lang}' sentence to extract"))
                continue
            picked = self._select(ids, vecs, request)
            out.append(self._summary(request, picked))
        return out

    def _candidates(self, request: SummaryRequest) -> list[int]:
        """Indices of sentences that are long enough and written in the target language."""
        keep = []
        for i, sentence in enumerate(request.sentences):
            tags = [tag for tag in tag_tokens(tokenize(sentence)) if tag != "univ"]
            if len(tags) < MIN_WORDS:
                continue
            share = tags.count(request.target_lang) / len(tags)
            # Code-mixed sentences count as Hindi when Hindi dominates; never pass an
            # English sentence off as Hindi or the other way round.
            if share >= 0.5:
                keep.append(i)
        return keep

    def _select(self, ids: list[int], vecs: np.ndarray, request: SummaryRequest) -> list[int]:
        centroid = vecs.mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
        centrality = vecs @ centroid
        lead = np.array([math.exp(-rank / self.lead_decay) for rank in range(len(ids))])
        relevance = centrality + self.lead_weight * lead
        lengths = [len(request.sentences[i].split()) for i in ids]
        budget = request.max_words
        chosen: list[int] = []  # positions into ids
        used = 0
        remaining = set(range(len(ids)))
        while remaining:
            def mmr(j: int) -> float:
                redundancy = max((float(vecs[j] @ vecs[k]) for k in chosen), default=0.0)
                return self.mmr_lambda * relevance[j] - (1 - self.mmr_lambda) * redundancy

            best = max(sorted(remaining), key=mmr)
            remaining.discard(best)
            if used + lengths[best] <= budget:
                chosen.append(best)
                used += lengths[best]
        if not chosen:
            # Every sentence is over budget on its own: take the best one whole rather
            # than cut a sentence in half.
            chosen = [int(np.argmax(relevance))]
        return sorted(ids[j] for j in chosen)

    def _summary(self, request: SummaryRequest, picked: list[int]) -> Summary:
        text = " ".join(request.sentences[i] for i in picked)
        extra = {}
        if request.target_lang == "hi" and not DEVANAGARI.search(text):
            extra["script"] = "Latn"  # romanised Hindi stays romanised: no fake transliteration
        return Summary(
            text=text,
            lang=request.target_lang,
            method="extractive",
            model=self.model_name,
            source_sentence_ids=picked,
            extra=extra,
        )
