"""A small character n-gram language model, to score words that no lexicon lists."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

BOUNDARY = "^"
END = "$"
_MEMO_SIZE = 500_000  # memoised n-gram log-probabilities per model (a few tens of MB at most)


class CharNgramLM:
    """Interpolated Witten-Bell character model of order `order` over lowercase words."""

    def __init__(self, order: int = 4) -> None:
        self.order = order
        # counts[context][char]; context is the preceding (up to order-1) characters.
        self.counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.contexts: dict[str, tuple[dict[str, float], float, int]] = {}
        self._memo: dict[str, float] = {}
        self.vocab_size = 28

    def fit(self, words: Iterable[tuple[str, float]]) -> CharNgramLM:
        """Count n-grams of each (word, weight) pair; weights let frequent words count more."""
        for word, weight in words:
            padded = BOUNDARY * (self.order - 1) + word + END
            for i in range(self.order - 1, len(padded)):
                for n in range(self.order):
                    self.counts[padded[i - n:i]][padded[i]] += weight
        self.counts = {ctx: dict(c) for ctx, c in self.counts.items()}  # type: ignore[assignment]
        self._index()
        return self

    def _index(self) -> None:
        # One look-up per context at scoring time: (counts, total, number of distinct chars).
        self.contexts = {ctx: (c, sum(c.values()), len(c)) for ctx, c in self.counts.items()}
        self.vocab_size = max(28, len(self.counts.get("", {})))

    def _prob(self, context: str, char: str) -> float:
        prob = 1.0 / self.vocab_size
        for n in range(len(context) + 1):
            entry = self.contexts.get(context[len(context) - n:])
            if entry is None or not entry[1]:
                break
            counts, total, types = entry
            prob = (counts.get(char, 0.0) + types * prob) / (total + types)
        return prob

    def logprob(self, word: str) -> float:
        """Natural-log probability of the whole word, end marker included."""
        padded = BOUNDARY * (self.order - 1) + word + END
        memo = self._memo
        total = 0.0
        for i in range(self.order - 1, len(padded)):
            gram = padded[i - self.order + 1:i + 1]
            value = memo.get(gram)
            if value is None:
                # n-grams repeat across words, so each is interpolated once per process.
                value = math.log(self._prob(gram[:-1], gram[-1]))
                if len(memo) < _MEMO_SIZE:
                    memo[gram] = value
            total += value
        return total

    def to_state(self) -> dict:
        return {"order": self.order, "counts": self.counts}

    @classmethod
    def from_state(cls, state: dict) -> CharNgramLM:
        lm = cls(state["order"])
        lm.counts = state["counts"]
        lm._index()
        return lm
