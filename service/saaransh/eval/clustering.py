"""Clustering quality: pairwise and BCubed precision / recall / F1.

Both compare a predicted assignment with a gold one, each `{item: cluster label}`
over the same items. Pairwise counts item pairs placed together; BCubed (Bagga &
Baldwin 1998; Amigó et al. 2009) averages, per item, how much of its predicted
cluster shares its gold cluster (precision) and vice versa (recall).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from math import comb

Assignment = Mapping[Hashable, Hashable]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _check(predicted: Assignment, gold: Assignment) -> None:
    if set(predicted) != set(gold):
        missing = len(set(gold) ^ set(predicted))
        raise ValueError(f"predicted and gold must cover the same items ({missing} differ)")


def pairwise_scores(predicted: Assignment, gold: Assignment) -> dict[str, float]:
    """Precision/recall/F1 over pairs of items; 1.0 when there are no pairs to get wrong."""
    _check(predicted, gold)
    joint = Counter((predicted[i], gold[i]) for i in gold)
    together_both = sum(comb(n, 2) for n in joint.values())
    together_pred = sum(comb(n, 2) for n in Counter(predicted.values()).values())
    together_gold = sum(comb(n, 2) for n in Counter(gold.values()).values())
    p = together_both / together_pred if together_pred else 1.0
    r = together_both / together_gold if together_gold else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def bcubed_scores(predicted: Assignment, gold: Assignment) -> dict[str, float]:
    """BCubed precision/recall/F1, averaged over items."""
    _check(predicted, gold)
    if not gold:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    joint = Counter((predicted[i], gold[i]) for i in gold)
    pred_size = Counter(predicted.values())
    gold_size = Counter(gold.values())
    p = sum(joint[predicted[i], gold[i]] / pred_size[predicted[i]] for i in gold) / len(gold)
    r = sum(joint[predicted[i], gold[i]] / gold_size[gold[i]] for i in gold) / len(gold)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def eval_clusters(records: Iterable[Mapping]) -> dict:
    """Scores for JSONL-style records with `id`, gold `event` and predicted `cluster_id`.

    Records without an `id` (e.g. `"type": "cluster"` lines) are skipped; a record
    without a gold `event` or a `cluster_id` is an error, not silently dropped. The event
    "none" (a distractor) is a singleton of its own. `saaransh eval clusters` reports more:
    see saaransh.eval.cluster_report.
    """
    predicted: dict = {}
    gold: dict = {}
    for n, record in enumerate(records, 1):
        if record.get("type") == "cluster" or "id" not in record:
            continue
        if record.get("event") is None or record.get("cluster_id") is None:
            raise ValueError(f"record {n} ({record['id']!r}) needs both `event` and `cluster_id`")
        predicted[record["id"]] = record["cluster_id"]
        event = record["event"]
        gold[record["id"]] = f"none:{record['id']}" if event == "none" else event
    return {
        "items": len(gold),
        "gold_clusters": len(set(gold.values())),
        "predicted_clusters": len(set(predicted.values())),
        "pairwise": pairwise_scores(predicted, gold),
        "bcubed": bcubed_scores(predicted, gold),
    }
