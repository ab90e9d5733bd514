"""The batch job on Ray: the same engine and per-chunk function as the local run.

A `SummariserActor` builds the engine once (one model copy, on its own GPU when asked)
and runs `saaransh.batch.summarise_chunk` on each batch it gets, so Ray writes exactly
the records `--engine local` writes. Two drivers feed it:

- `summarise_with_ray`: one Ray Data pipeline over all documents (`map_batches` with an
  actor pool), streaming records back in input order. The Python entry point.
- `ray_chunk_processor`: a chunk callback for `saaransh.batch.run` (the CLI's resumable
  loop), backed by a pool of the same actors that lives for the whole run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..article import RawDocument
from ..readers import ReadError, read_paths
from ..settings import Settings
from ._ray import ensure_ray
from .actor import SummariserActor, encode

Item = RawDocument | ReadError


def summarise_with_ray(
    items: Iterable[Item | str | Path],
    settings: Settings,
    langs: Sequence[str] = ("en", "hi"),
    *,
    address: str | None = None,
    num_workers: int = 1,
    num_gpus_per_worker: float = 0,
    batch_size: int = 16,
    num_cpus: int | None = None,
) -> Iterator[dict]:
    """Records for `items` (documents, read errors, or paths to read), in input order.

    `address` joins a cluster (`ray://head:10001`); unset starts a local instance with
    `num_cpus` CPUs unless Ray is already initialised. Every node needs saaransh (and,
    for seq2seq, the weights), e.g. by running the same image.
    """
    from ..factory import choose_backend, convert_ahead

    ray = ensure_ray(address, num_cpus=num_cpus)
    from ray.data import ActorPoolStrategy, DataContext

    items = list(items)
    if items and all(isinstance(i, str | Path) for i in items):
        items = list(read_paths(items))  # type: ignore[arg-type]
    positions = [i for i, d in enumerate(items) if isinstance(d, RawDocument)]
    # Read errors never reach the cluster; they are slotted back in by position.
    pending = {i: e.to_record() for i, e in enumerate(items) if isinstance(e, ReadError)}
    cursor = 0
    if positions:
        DataContext.get_current().execution_options.preserve_order = True
        encoded = encode([items[i] for i in positions])  # type: ignore[misc]
        rows = [{"idx": p, "doc": d} for p, d in zip(positions, encoded["doc"], strict=True)]
        # The backend (and runtime) is decided once, here: every actor loads the same model.
        choice = choose_backend(settings)
        convert_ahead(settings, choice)
        ds = ray.data.from_items(rows).map_batches(
            SummariserActor,
            fn_constructor_args=(settings, choice, tuple(langs)),
            compute=ActorPoolStrategy(size=num_workers),
            num_gpus=num_gpus_per_worker or None,
            batch_size=batch_size,
            batch_format="numpy",
        )
        # With preserve_order this buffer only ever holds read errors; it is what keeps
        # the order should a cluster not honour that flag.
        for row in ds.iter_rows():
            pending[int(row["idx"])] = json.loads(row["record"])
            while cursor in pending:
                yield pending.pop(cursor)
                cursor += 1
    yield from (pending[i] for i in sorted(pending))


class RayChunkProcessor:
    """`batch.run`'s chunk callback on a pool of Ray actors that outlives the chunks,
    so each model is loaded once per run. A chunk is split evenly across the actors;
    `chunk_size` (a full batch per actor) is the chunk size that keeps all of them busy."""

    def __init__(
        self,
        settings: Settings,
        langs: Sequence[str],
        *,
        address: str | None,
        num_workers: int,
        num_gpus_per_worker: float,
        batch_size: int,
        num_cpus: int | None = None,
    ) -> None:
        from ..factory import choose_backend, convert_ahead

        ray = ensure_ray(address, num_cpus=num_cpus)
        remote = ray.remote(num_gpus=num_gpus_per_worker, num_cpus=1)(SummariserActor)
        choice = choose_backend(settings)
        convert_ahead(settings, choice)
        self._ray = ray
        self.actors = [remote.remote(settings, choice, tuple(langs)) for _ in range(num_workers)]
        self.batch_size = batch_size
        self.chunk_size = batch_size * num_workers

    def __call__(self, docs: list[RawDocument]) -> list[dict]:
        if not docs:
            return []
        per_actor = max(1, min(self.batch_size, -(-len(docs) // len(self.actors))))
        futures = [
            self.actors[n % len(self.actors)].__call__.remote(encode(docs[i : i + per_actor], i))
            for n, i in enumerate(range(0, len(docs), per_actor))
        ]
        return [json.loads(r) for out in self._ray.get(futures) for r in out["record"]]

    def close(self) -> None:
        for actor in self.actors:
            self._ray.kill(actor)
        self.actors = []


def ray_chunk_processor(
    settings: Settings,
    langs: Sequence[str],
    *,
    address: str | None = None,
    num_workers: int = 1,
    num_gpus_per_worker: float = 0,
    batch_size: int = 16,
    num_cpus: int | None = None,
) -> RayChunkProcessor:
    """The CLI's `--engine ray`: a `batch.run` chunk callback backed by Ray actors.
    Pass `processor.chunk_size` to `batch.run` so every actor gets a full batch."""
    return RayChunkProcessor(
        settings,
        langs,
        address=address,
        num_workers=num_workers,
        num_gpus_per_worker=num_gpus_per_worker,
        batch_size=batch_size,
        num_cpus=num_cpus,
    )
