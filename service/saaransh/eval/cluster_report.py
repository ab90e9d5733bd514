"""`saaransh eval clusters`: scores, cross-language cohesion and the errors worth reading.

Records are the JSON Lines of `summarise --cluster`; gold labels come from a gold file
(`id`, `event`) or from an `event` field on the records. The event "none" marks a
distractor: each such article is its own gold singleton. An article whose record is an
error was never clustered and counts as a predicted singleton, so failures cost recall.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from math import comb
from typing import Any

from .clustering import bcubed_scores, pairwise_scores

NONE_EVENT = "none"
FIRST_WORDS = 8


@dataclass(frozen=True)
class Item:
    id: str
    event: str  # gold label ("none" already made unique)
    cluster: str  # predicted label (an error's own id)
    lang: str  # "hi" | "en" | other
    words: str  # the first words of the title or summary, to read errors by


def gold_label(article_id: str, event: object) -> str:
    """The gold cluster of one article: "none" is a singleton of its own."""
    label = str(event)
    return f"{NONE_EVENT}:{article_id}" if label == NONE_EVENT else label


def collect(records: Iterable[Mapping], gold: Mapping[str, Mapping] | None = None) -> tuple[
    list[Item], dict[str, int]
]:
    """Items scored (records with a gold label) and counts of what was left out.

    `gold` maps id -> {"event": ..., optional "lang": ...}; without it each record's own
    `event` is the gold label. Membership comes from the `"type": "cluster"` lines when
    there are any (they are written last, after merges), else from each `cluster_id`.
    Raises ValueError with a one-line reason on bad input."""
    records = list(records)
    for n, record in enumerate(records, 1):
        if not isinstance(record, Mapping):
            raise ValueError(f"record {n} is not a JSON object")
    member_of = {
        str(article_id): str(record["id"])
        for record in records
        if record.get("type") == "cluster"
        for article_id in record.get("article_ids") or ()
    }
    items: list[Item] = []
    counts = Counter[str]()
    for n, record in enumerate(records, 1):
        if record.get("type") == "cluster" or "id" not in record:
            continue
        rid = str(record["id"])
        label = gold.get(rid) if gold is not None else record
        if label is None or label.get("event") is None:
            if gold is None:
                raise ValueError(f"record {n} ({rid!r}) has no gold `event`; pass --gold FILE")
            counts["output ids without gold"] += 1
            continue
        if "error" in record:
            counts["errors (scored as singletons)"] += 1
            cluster = f"error:{rid}"
        elif rid in member_of:
            cluster = member_of[rid]
        elif record.get("cluster_id") is None:
            raise ValueError(
                f"record {n} ({rid!r}) has no `cluster_id`: was it made with --cluster?"
            )
        else:
            cluster = str(record["cluster_id"])
        items.append(Item(rid, gold_label(rid, label["event"]), cluster,
                          _lang(label, record), _first_words(record)))  # fmt: skip
    if gold is not None:
        seen = {item.id for item in items}
        counts["gold ids missing from the output"] = sum(1 for g in gold if g not in seen)
    if not items:
        raise ValueError("no article record carries both a prediction and a gold label")
    return items, {k: v for k, v in counts.items() if v}


def _lang(label: Mapping, record: Mapping) -> str:
    # A gold file's "hi-en" (Hindi leaning on English) is a Hindi report.
    given = label.get("lang") or (record.get("language") or {}).get("primary") or "other"
    return str(given).split("-")[0]


def _first_words(record: Mapping) -> str:
    summaries = record.get("summaries") or {}
    texts = [record.get("title")] + [(s or {}).get("text") for s in summaries.values()]
    text = next((t for t in texts if isinstance(t, str) and t.strip()), "")
    words = text.split()
    return " ".join(words[:FIRST_WORDS]) + (" ..." if len(words) > FIRST_WORDS else "")


def cluster_report(items: list[Item], worst: int = 5) -> dict:
    """Pairwise and BCubed scores, how many events keep Hindi and English together, and
    the worst splits (gold events spread over clusters) and merges (clusters mixing events),
    each ranked by the item pairs it gets wrong."""
    predicted: dict[Hashable, Hashable] = {i.id: i.cluster for i in items}
    gold: dict[Hashable, Hashable] = {i.id: i.event for i in items}
    by_event: dict[str, list[Item]] = defaultdict(list)
    by_cluster: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_event[item.event].append(item)
        by_cluster[item.cluster].append(item)
    bilingual = {e: m for e, m in by_event.items() if {"hi", "en"} <= {i.lang for i in m}}
    return {
        "items": len(items),
        "gold_clusters": len(by_event),
        "predicted_clusters": len(by_cluster),
        "pairwise": pairwise_scores(predicted, gold),
        "bcubed": bcubed_scores(predicted, gold),
        "bilingual_events": len(bilingual),
        # Strict: every report of the event, in either language, in one cluster.
        "bilingual_together": sum(len({i.cluster for i in m}) == 1 for m in bilingual.values()),
        "worst_splits": _worst(by_event, lambda i: i.cluster, worst),
        "worst_merges": _worst(by_cluster, lambda i: i.event, worst),
    }


def _worst(groups: Mapping[str, list[Item]], part_of, worst: int) -> list[dict]:
    """Groups broken into parts, most wrong pairs first: {label, wrong_pairs, parts}."""
    found: list[dict[str, Any]] = []
    for label, members in groups.items():
        parts: dict[str, list[Item]] = defaultdict(list)
        for item in members:
            parts[part_of(item)].append(item)
        if len(parts) < 2:
            continue
        wrong = comb(len(members), 2) - sum(comb(len(p), 2) for p in parts.values())
        found.append({
            "label": label,
            "wrong_pairs": wrong,
            "parts": [{"label": key, "ids": [i.id for i in p], "first_words": p[0].words}
                      for key, p in sorted(parts.items(), key=lambda kv: -len(kv[1]))],
        })  # fmt: skip
    found.sort(key=lambda f: (-f["wrong_pairs"], f["label"]))
    return found[:worst]


def format_report(report: Mapping, left_out: Mapping[str, int] | None = None) -> str:
    """The report as text for a terminal."""
    lines = [f"{report['items']} articles, {report['gold_clusters']} gold events, "
             f"{report['predicted_clusters']} predicted clusters"]  # fmt: skip
    lines += [f"  {k}: {v}" for k, v in (left_out or {}).items()]
    for name in ("pairwise", "bcubed"):
        s = report[name]
        lines.append(f"{name:<9} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}")
    lines.append(f"Hindi and English reports in one cluster: {report['bilingual_together']} of "
                 f"{report['bilingual_events']} events with both")  # fmt: skip
    for title, key, kind in (("splits", "worst_splits", "cluster"),
                             ("merges", "worst_merges", "event")):  # fmt: skip
        lines.append(f"worst {title}:" + ("" if report[key] else " none"))
        for group in report[key]:
            lines.append(f"  {group['label']} ({group['wrong_pairs']} wrong pairs)")
            for part in group["parts"]:
                lines.append(f"    {kind} {part['label']}: {', '.join(part['ids'])}"
                             f"  | {part['first_words']}")  # fmt: skip
    return "\n".join(lines)
