"""A small character n-gram language model, to score words that no lexicon lists."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

BOUNDARY = "^"
END = "$"


class CharNgramLM:
    """Interpolated Witten-Bell character model of order `order` over lowercase words."""

    def __init__(self, order: int = 4) -> None:
        self.order = order
        # counts[context][char]; context is the preceding (up to order-1) characters.
        self.counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.totals: dict[str, float] = {}
        self.types: dict[str, int] = {}
        self.vocab_size = 28

    def fit(self, words: Iterable[tuple[str, float]]) -> CharNgramLM:
        """Count n-grams of each (word, weight) pair; weights let frequent words count more."""
        for word, weight in words:
            padded = BOUNDARY * (self.order - 1) + word + END
            for i in range(self.order - 1, len(padded)):
                for n in range(self.order):
                    self.counts[padded[i - n:i]][padded[i]] += weight
        self.totals = {ctx: sum(c.values()) for ctx, c in self.counts.items()}
        self.types = {ctx: len(c) for ctx, c in self.counts.items()}
        self.vocab_size = max(28, len(self.counts[""]))
        self.counts = {ctx: dict(c) for ctx, c in self.counts.items()}  # type: ignore[assignment]
        return self

    def _prob(self, context: str, char: str) -> float:
        prob = 1.0 / self.vocab_size
        for n in range(len(context) + 1):
            ctx = context[len(context) - n:]
            total = self.totals.get(ctx)
            if not total:
                break
            types = self.types[ctx]
            seen = self.counts[ctx].get(char, 0.0)
            prob = (seen + types * prob) / (total + types)
        return prob

    def logprob(self, word: str) -> float:
        """Natural-log probability of the whole word, end marker included."""
        padded = BOUNDARY * (self.order - 1) + word + END
        return sum(
            math.log(self._prob(padded[i - self.order + 1:i], padded[i]))
            for i in range(self.order - 1, len(padded))
        )

    def to_state(self) -> dict:
        return {"order": self.order, "counts": self.counts}

    @classmethod
    def from_state(cls, state: dict) -> CharNgramLM:
        lm = cls(state["order"])
        lm.counts = state["counts"]
        lm.totals = {ctx: sum(c.values()) for ctx, c in lm.counts.items()}
        lm.types = {ctx: len(c) for ctx, c in lm.counts.items()}
        lm.vocab_size = max(28, len(lm.counts.get("", {})))
        return lm
