"""Split an article into token-budgeted chunks on sentence boundaries."""

from __future__ import annotations

from collections.abc import Sequence


def plan_chunks(
    lengths: Sequence[int], budget: int, max_chunks: int | None = None
) -> list[list[int]]:
    """Group sentence indices into consecutive chunks of at most `budget` tokens.

    Chunk 0 always starts at sentence 0 (the lede). A sentence longer than the
    budget gets a chunk of its own and is cut from the right by the tokenizer.
    `max_chunks` bounds the work: later chunks are dropped, never earlier ones.
    """
    chunks: list[list[int]] = []
    current: list[int] = []
    used = 0
    for index, length in enumerate(lengths):
        if current and used + length > budget:
            chunks.append(current)
            current, used = [], 0
        current.append(index)
        used += length
    if current:
        chunks.append(current)
    return chunks[:max_chunks] if max_chunks else chunks
