"""Leave-events-out cross-validation of the event clusterer over ALL the dev events.

    PYTHONPATH=service:benchmarks .venv/bin/python benchmarks/cv_clusters.py [--folds 4]
        [--orders 6] [--fit-orders 3]

The fixed tune/held-out split (devdata.py) reports on 12 events. Here every event is held
out once: the events are cut into `--folds` folds, a hard-negative pair (launch vs landing,
...) always in one fold, the distractors dealt round-robin. For each fold the clusterer is
fitted on the other folds exactly as fit_clusters.py fits it on tune (the calibration
measured, embedding_weight and join_threshold searched on a small grid, merge_threshold
0.1 above the join) and scored on the fold it never saw, as the mean over the file order
and seeded shuffles. The mean over folds is the honest estimate of how the clusterer does
on events nobody tuned it on; the defaults in force are scored on every fold too.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys

import devdata
import fit_clusters as fc

from saaransh.events import EventSettings

GRID = {"embedding_weight": (0.6, 0.7, 0.8), "join_threshold": (0.6, 0.65, 0.7)}
MERGE_ABOVE_JOIN = 0.1


def event_of(record: dict) -> str:
    return record["id"].split("-", 1)[0]


def folds(records: list[dict], k: int) -> list[set[str]]:
    """k sets of event prefixes ("d01", ...; distractors by id), hard negatives together."""
    slug_to_prefix = {r["event"]: event_of(r) for r in records if r["event"] != "none"}
    groups = {p: {p} for p in slug_to_prefix.values()}
    for a, b in devdata.HARD_NEGATIVES:  # union the pairs' groups
        merged = groups[slug_to_prefix[a]] | groups[slug_to_prefix[b]]
        for prefix in merged:
            groups[prefix] = merged
    unique = {frozenset(g) for g in groups.values()}
    size = {p: sum(event_of(r) == p for r in records) for p in slug_to_prefix.values()}
    out: list[set[str]] = [set() for _ in range(k)]
    # Largest group first into the lightest fold: folds of about equal size, deterministic.
    for group in sorted(unique, key=lambda g: (-sum(size[p] for p in g), sorted(g))):
        lightest = min(range(k), key=lambda i: (sum(size.get(p, 1) for p in out[i]), i))
        out[lightest] |= group
    distractors = sorted(r["id"] for r in records if r["event"] == "none")
    for i, rid in enumerate(distractors):
        out[i % k].add(rid)
    return out


def in_fold(record: dict, fold: set[str]) -> bool:
    return record["id"] in fold or event_of(record) in fold


def fit(train, embedder, orders) -> EventSettings:
    """The clusterer fitted on `train` as fit_clusters.py fits it on tune."""
    measured = fc.calibrate(train, EventSettings(), embedder)
    base = EventSettings(**{k: round(v, 3) for k, v in measured.items()})
    best: tuple[float, float, EventSettings] | None = None
    for weight, join in itertools.product(*GRID.values()):
        settings = base.model_copy(update={
            "embedding_weight": weight, "join_threshold": join,
            "merge_threshold": min(join + MERGE_ABOVE_JOIN, 1.0)})  # fmt: skip
        score = fc.evaluate(train, settings, embedder, orders)
        key = (round(score["bcubed"]["f1"], 3), score["worst_bcubed_f1"])
        if best is None or key > best[:2]:
            best = (*key, settings)
    assert best is not None
    return best[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--orders", type=int, default=6, help="orders scored per fold")
    parser.add_argument("--fit-orders", type=int, default=3, help="orders per grid point")
    args = parser.parse_args()
    embedder = fc.CachedEmbedder()
    data = fc.load("all")
    records = [r for r, _ in data]
    score_orders: list[int | None] = [None, *range(args.orders - 1)]
    fit_orders: list[int | None] = [None, *range(args.fit_orders - 1)]
    fitted, defaults = [], []
    for i, fold in enumerate(folds(records, args.folds)):
        test = [(r, a) for r, a in data if in_fold(r, fold)]
        train = [(r, a) for r, a in data if not in_fold(r, fold)]
        settings = fit(train, embedder, fit_orders)
        fitted.append(fc.evaluate(test, settings, embedder, score_orders))
        defaults.append(fc.evaluate(test, EventSettings(), embedder, score_orders))
        print(f"fold {i}: {', '.join(sorted(p for p in fold if '-' not in p))} "
              f"(+{sum('-' in p for p in fold)} distractors), {len(test)} articles; fitted "
              f"w={settings.embedding_weight} join={settings.join_threshold} "
              f"floor={settings.cosine_floor} ceiling={settings.cosine_ceiling}")  # fmt: skip
        print("  " + fc.show("fitted", fitted[-1]))
        print("  " + fc.show("defaults", defaults[-1]), flush=True)
    for name, runs in (("fitted", fitted), ("defaults", defaults)):
        print(f"mean over {len(runs)} folds, {name}: BCubed F1 "
              f"{statistics.mean(r['bcubed']['f1'] for r in runs):.3f}, pairwise F1 "
              f"{statistics.mean(r['pairwise']['f1'] for r in runs):.3f}, worst fold "
              f"{min(r['bcubed']['f1'] for r in runs):.3f}, hi+en together "
              f"{sum(r['bilingual'][0] for r in runs):.1f}/{sum(r['bilingual'][1] for r in runs)}, "
              f"hard negatives apart {sum(r['hard_negatives'][0] for r in runs):.1f}/"
              f"{sum(r['hard_negatives'][1] for r in runs)}")  # fmt: skip
    print("reproduce: PYTHONPATH=service:benchmarks .venv/bin/python benchmarks/cv_clusters.py "
          + " ".join(sys.argv[1:]))  # fmt: skip


if __name__ == "__main__":
    main()
