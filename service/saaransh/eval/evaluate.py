"""`saaransh eval summaries`: ROUGE of produced summaries against reference summaries."""

from __future__ import annotations

from collections import defaultdict

from .rouge import rouge

METRICS = ("rouge1", "rouge2", "rougeL")


def evaluate_summaries(records: list[dict]) -> dict:
    """Mean ROUGE F1 per language over records carrying `references: {lang: text}`.

    A record whose summary for a referenced language is null counts as a miss
    (score 0), so a backend cannot look better by skipping hard articles.
    """
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    missing: dict[str, int] = defaultdict(int)
    for record in records:
        if record.get("type") == "cluster" or "error" in record:
            continue
        for lang, reference in (record.get("references") or {}).items():
            summary = (record.get("summaries") or {}).get(lang)
            if not summary:
                missing[lang] += 1
                for m in METRICS:
                    scores[lang][m].append(0.0)
                continue
            result = rouge(summary["text"], reference, lang)
            for m in METRICS:
                scores[lang][m].append(result[m]["f"])
    return {
        lang: {
            "n": len(per_metric[METRICS[0]]),
            "missing": missing[lang],
            **{m: round(sum(v) / len(v), 4) for m, v in per_metric.items()},
        }
        for lang, per_metric in sorted(scores.items())
    }
