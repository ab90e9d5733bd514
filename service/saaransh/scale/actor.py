"""The Ray worker of the batch job: one engine, fed batches of JSON-encoded documents.

JSON strings (not nested columns) cross Ray because Arrow infers a schema per block,
and records whose optional fields are null in one block but set in another would not
concatenate.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from ..article import RawDocument
from ..factory import BackendChoice
from ..settings import Settings


def encode(docs: Sequence[RawDocument], start: int = 0) -> dict[str, list]:
    """A batch as the actor takes it: positions from `start`, documents as JSON."""
    return {
        "idx": list(range(start, start + len(docs))),
        "doc": [json.dumps(dataclasses.asdict(d), ensure_ascii=False) for d in docs],
    }


class SummariserActor:
    """One model copy: built once in the actor, then fed batches of encoded documents."""

    def __init__(self, settings: Settings, choice: BackendChoice, langs: Sequence[str]) -> None:
        from ..factory import build_engine

        self.engine = build_engine(settings, choice)
        self.langs = list(langs)

    def __call__(self, batch: dict) -> dict:
        from ..jobs import summarise_chunk

        docs = [RawDocument(**json.loads(s)) for s in batch["doc"]]
        records = summarise_chunk(self.engine, docs, self.langs)
        return {
            "idx": list(batch["idx"]),
            "record": [json.dumps(r, ensure_ascii=False) for r in records],
        }
