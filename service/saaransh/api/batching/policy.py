"""How a batch is chosen: pure functions over queued items, kept apart from the asyncio
machinery so the policy is easy to read and to test."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar


class Sized(Protocol):
    """What the policy needs of a queued item: its length and whether it is still wanted."""

    tokens: int
    future: Any  # an asyncio.Future; done() = resolved or cancelled


T = TypeVar("T", bound=Sized)


@dataclass(frozen=True)
class BatchLimits:
    max_batch_size: int
    max_batch_tokens: int
    max_wait_s: float
    # How many batches' worth of the queue are sorted by length when picking company for
    # the oldest item: wider windows pad less but let a short item jump further ahead.
    window_batches: int = 4

    def is_full(self, items: Iterable[Sized]) -> bool:
        count = tokens = 0
        for item in items:
            if item.future.done():
                continue
            count, tokens = count + 1, tokens + item.tokens
            if count >= self.max_batch_size or tokens >= self.max_batch_tokens:
                return True
        return False


def pick_batch(queue: Sequence[T], limits: BatchLimits) -> list[T]:
    """The oldest live item plus the items closest to it in length, within the window,
    up to max_batch_size items and max_batch_tokens tokens (summed input lengths).

    The oldest item always goes, so nothing starves; an item longer than the whole
    token budget goes alone."""
    live = [it for it in queue if not it.future.done()]
    if not live:
        return []
    window = live[: limits.max_batch_size * limits.window_batches]
    oldest = window[0]
    by_length = sorted(window, key=lambda it: it.tokens)
    lo = hi = next(i for i, it in enumerate(by_length) if it is oldest)
    tokens = oldest.tokens
    while hi - lo + 1 < limits.max_batch_size:
        left = by_length[lo - 1] if lo > 0 else None
        right = by_length[hi + 1] if hi + 1 < len(by_length) else None
        # Try the neighbour closer in length first: it adds the least padding.
        order = sorted(
            (c for c in (left, right) if c is not None),
            key=lambda c: abs(c.tokens - oldest.tokens),
        )
        for cand in order:
            if tokens + cand.tokens <= limits.max_batch_tokens:
                tokens += cand.tokens
                if cand is left:
                    lo -= 1
                else:
                    hi += 1
                break
        else:
            break
    return by_length[lo : hi + 1]
