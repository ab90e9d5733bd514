"""What the model thread is asked to do: typed work items, and the lanes they wait in.

Every model call of the server is one of these, queued in the batcher: article and event
summaries (`SummaryRequest`), summarise-then-translate (`Translation`), and calls that
must have the model thread to themselves (`Job`: warm-up, the extract of an event).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from ...summarise.base import SummaryRequest, Translation


class Lane(IntEnum):
    """Who waits for an item. The collector serves the lowest lane with items waiting,
    and items of different lanes never share a model call."""

    REQUEST = 0  # a client is waiting for it
    BACKGROUND = 1  # event summaries: run only while no request item waits


@dataclass(frozen=True, eq=False)
class Job:
    """A call that runs on the model thread alone; its return value resolves the Future."""

    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()

    def __call__(self) -> Any:
        return self.fn(*self.args)


Work = SummaryRequest | Translation | Job


def bucket_key(work: Work, lane: Lane = Lane.REQUEST) -> Hashable:
    """Items that may share a model call: the same lane and kind, and then the same target
    language and generation settings (summaries) or language pair (translations)."""
    if isinstance(work, SummaryRequest):
        return (lane, "summary", work.target_lang, work.max_words)
    if isinstance(work, Translation):
        return (lane, "translate", work.source_lang, work.target_lang)
    return (lane, "job", id(work))  # never shared: a job is its own batch


def text_of(work: Work) -> str:
    """What the token budget counts: the model input (nothing for a job)."""
    return "" if isinstance(work, Job) else work.text
