"""The file job behind `saaransh summarise`: documents in, JSON Lines out.

`summarise_chunk` is the unit of work both engines run (local here, Ray in
saaransh.scale.ray_batch), so they write exactly the same records.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..article import RawDocument
from ..engine import ArticleResult, Engine
from ..errors import Unwritable, error_record
from ..ids import escape_id
from ..text.normalise import lone_surrogate_at
from .readers import ReadError

ChunkProcessor = Callable[[list[RawDocument]], list[dict]]


def unwritable_record(record: dict, exc: Exception) -> dict:
    """The error record that stands in for `record` when it cannot be written as UTF-8
    JSON (a lone surrogate somewhere in it); its id is escaped so it always can."""
    problem = Unwritable(f"the record could not be written ({type(exc).__name__})")
    return error_record(escape_id(str(record.get("id", ""))), problem)


def process_chunk(
    engine: Engine, docs: Sequence[RawDocument], langs: Sequence[str]
) -> list[ArticleResult | dict]:
    """Analyse and summarise `docs` with one batched model call; errors become records."""
    analysed: list = []
    for doc in docs:
        try:
            analysed.append(engine.analyse(doc))
        except Exception as exc:  # noqa: BLE001 - one bad article never aborts the run
            analysed.append(error_record(doc.id, exc, detail=True))
    articles = [a for a in analysed if not isinstance(a, dict)]
    results = iter(engine.summarise_articles(articles, langs))
    out: list[ArticleResult | dict] = []
    for item in analysed:
        if isinstance(item, dict):
            out.append(item)
            continue
        result = next(results)
        out.append(error_record(item.id, result, detail=True)
                   if isinstance(result, Exception) else result)
    return out


def summarise_chunk(
    engine: Engine, docs: Sequence[RawDocument], langs: Sequence[str]
) -> list[dict]:
    """The output records for one chunk of documents, in input order."""
    return [r if isinstance(r, dict) else r.to_record() for r in process_chunk(engine, docs, langs)]


def chunked(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


# -- resumable output ------------------------------------------------------------


class JsonlSink:
    """Appends whole, flushed lines; on open, drops a torn last line from a killed run
    and remembers which ids are already done, so a rerun skips them."""

    def __init__(self, path: Path | None, *, replace_types: frozenset[str] = frozenset()) -> None:
        # Records of `replace_types` (cluster snapshots) are rewritten by every run,
        # so a resumed run drops the old ones instead of appending duplicates.
        self.path = path
        self.replace_types = replace_types
        self.done: set[str] = set()
        self._fh: TextIO | None = None
        if path is None:
            self._fh = sys.stdout
        elif path.exists():
            self._repair_and_scan(path)

    def _repair_and_scan(self, path: Path) -> None:
        data = path.read_bytes()
        # A torn last line from a killed run was never complete: drop it.
        lines = data[: data.rfind(b"\n") + 1].decode("utf-8", "replace").splitlines()
        kept = []
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if record.get("type") in self.replace_types:
                continue
            kept.append(line)
            if record.get("type") is None and "id" in record:
                self.done.add(str(record["id"]))
        torn = bool(data) and not data.endswith(b"\n")
        if torn or len(kept) != len(lines):
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
            os.replace(tmp, path)  # atomic: a crash here leaves the old file whole

    def write(self, record: dict) -> None:
        if self._fh is None:
            # Opened on the first record: a run that fails before writing leaves no file.
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("a", encoding="utf-8")
        try:
            line = json.dumps(record, ensure_ascii=False)
            if (at := lone_surrogate_at(line)) is not None:
                raise ValueError(f"a lone surrogate at character {at} of the line")
        except (TypeError, ValueError) as exc:
            # One record that cannot be written must not stop the run (nor every rerun).
            line = json.dumps(unwritable_record(record, exc), ensure_ascii=False)
        self._fh.write(line + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self.path is not None and self._fh is not None:
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None


@dataclass
class Totals:
    articles: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.articles} articles, {self.errors} errors, {self.skipped} skipped "
            f"(already in output), {self.seconds:.1f} s, {rate:.2f} articles/s"
        )


def pending(
    items: Iterable[RawDocument | ReadError], sink: JsonlSink, totals: Totals
) -> Iterator[RawDocument | ReadError]:
    """Inputs not yet in the output, each id once."""
    seen: set[str] = set()
    for item in items:
        key = escape_id(item.id)  # as the output file holds it
        if key in sink.done or key in seen:
            totals.skipped += 1
            continue
        seen.add(key)
        yield item


def run(
    items: Iterable[RawDocument | ReadError],
    sink: JsonlSink,
    process: ChunkProcessor,
    *,
    batch_size: int,
    progress=None,
) -> Totals:
    """Drive `process` over the pending documents chunk by chunk, writing records in
    input order (read errors keep their place) as each chunk completes."""
    totals = Totals()
    start = time.perf_counter()
    for chunk in chunked(pending(items, sink, totals), batch_size):
        docs = [d for d in chunk if isinstance(d, RawDocument)]
        records = iter(process(docs) if docs else [])
        for item in chunk:
            record = item.to_record() if isinstance(item, ReadError) else next(records)
            sink.write(record)
            totals.articles += 1
            totals.errors += "error" in record
        if progress is not None:
            progress.update(len(chunk))
    totals.seconds = time.perf_counter() - start
    return totals


class ClusteringProcessor:
    """Summarise a chunk, then file each article into its event as it arrives (online
    clustering); `cluster_records` gives the events of every article seen, at the end."""

    def __init__(self, engine: Engine, events, langs: Sequence[str], done: Iterable[str] = ()):
        self.engine = engine
        self.events = events
        self.langs = list(langs)
        self.article_ids: set[str] = set(done)  # a resumed run still reports their events

    def __call__(self, docs: list[RawDocument]) -> list[dict]:
        items = process_chunk(self.engine, docs, self.langs)
        results = [r for r in items if isinstance(r, ArticleResult)]
        for result, cluster_id in zip(results, self.events.ingest_many(results), strict=True):
            result.cluster_id = cluster_id
            # The event as it stood mid-run is noise here: the cluster records written at
            # the end carry each event whole, with its summaries (DESIGN: `event` is REST's).
            result.event = None
            self.article_ids.add(result.article.id)
        return [r if isinstance(r, dict) else r.to_record() for r in items]

    def cluster_records(self) -> list[dict]:
        # The second pass: the whole batch is in, so early arrivals may change event.
        self.events.consolidate(sorted(self.article_ids))
        self.events.refresh_dirty()
        ids = self.events.cluster_ids_for(sorted(self.article_ids))
        records = (self.events.get_cluster(i) for i in ids)
        return [r for r in records if r is not None]
