"""The batch job on Ray: the same engine and per-chunk function as the local run.

A `SummariserActor` builds the engine once (one model copy, on its own GPU when asked)
and runs `saaransh.jobs.summarise_chunk` on each batch it gets, so Ray writes exactly
the records `--engine local` writes. Two drivers feed it:

- `summarise_with_ray`: one Ray Data pipeline over all documents (`map_batches` with an
  actor pool), streaming records back in input order. The Python entry point.
- `RayChunkProcessor`: a chunk callback for `saaransh.jobs.run` (the CLI's resumable
  loop), backed by a pool of the same actors that lives for the whole run.

Both take their cluster address, actor count, GPUs per actor and batch size from
`settings.ray` (`SAARANSH_RAY_*`; the CLI's flags override them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..article import RawDocument
from ..jobs.readers import ReadError, read_paths
from ..settings import Settings
from ._ray import ensure_ray
from .actor import SummariserActor, encode

Item = RawDocument | ReadError


def summarise_with_ray(
    items: Iterable[Item | str | Path],
    settings: Settings,
    langs: Sequence[str] = ("en", "hi"),
    *,
    num_cpus: int | None = None,
) -> Iterator[dict]:
    """Records for `items` (documents, read errors, or paths to read), in input order.

    `settings.ray` says where and how: `address` joins a cluster (`ray://head:10001`);
    unset starts a local instance with `num_cpus` CPUs unless Ray is already initialised;
    `num_workers` actors with `num_gpus_per_worker` GPUs each take `batch_size` documents
    per call. Every node needs saaransh (and, for seq2seq, the weights), e.g. by running
    the same image.
    """
    from ..factory import choose_backend, convert_ahead

    knobs = settings.ray
    ray = ensure_ray(knobs.address, num_cpus=num_cpus)
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
            compute=ActorPoolStrategy(size=knobs.num_workers),
            num_gpus=knobs.num_gpus_per_worker or None,
            batch_size=knobs.batch_size,
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
        self, settings: Settings, langs: Sequence[str], *, num_cpus: int | None = None
    ) -> None:
        from ..factory import choose_backend, convert_ahead

        knobs = settings.ray
        ray = ensure_ray(knobs.address, num_cpus=num_cpus)
        remote = ray.remote(num_gpus=knobs.num_gpus_per_worker, num_cpus=1)(SummariserActor)
        choice = choose_backend(settings)
        convert_ahead(settings, choice)
        self._ray = ray
        self.actors = [
            remote.remote(settings, choice, tuple(langs)) for _ in range(knobs.num_workers)
        ]
        self.batch_size = knobs.batch_size
        self.chunk_size = knobs.batch_size * knobs.num_workers

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
