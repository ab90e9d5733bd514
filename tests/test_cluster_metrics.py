"""Pairwise and BCubed clustering scores against hand-computed values."""

from __future__ import annotations

import pytest

from saaransh.eval.clustering import bcubed_scores, eval_clusters, pairwise_scores

GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
# Amigó et al. (2009)-style example: gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
# BCubed P: a,b 2/2; c 1/3; d,e 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15
# BCubed R: a,b 2/3; c 1/3; d,e 2/2 -> (2/3+2/3+1/3+1+1)/5 = 11/15
# Pairs: predicted {ab, cd, ce, de}; gold {ab, ac, bc, de}; shared {ab, de} -> P = R = 2/4
CASES = [
    # name, predicted, pairwise (P, R), bcubed (P, R)
    ("perfect", {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}, (1, 1), (1, 1)),
    ("all in one", {k: 0 for k in GOLD}, (4 / 10, 1), ((3 / 5 * 3 + 2 / 5 * 2) / 5, 1)),
    ("all singletons", {k: k for k in GOLD}, (1, 0), (1, (1 / 3 * 3 + 1 / 2 * 2) / 5)),
    ("textbook", {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2}, (2 / 4, 2 / 4), (11 / 15, 11 / 15)),
]


@pytest.mark.parametrize(("name", "predicted", "pairwise", "bcubed"), CASES)
def test_scores(name, predicted, pairwise, bcubed):
    for got, (p, r) in ((pairwise_scores(predicted, GOLD), pairwise),
                        (bcubed_scores(predicted, GOLD), bcubed)):  # fmt: skip
        assert got["precision"] == pytest.approx(p)
        assert got["recall"] == pytest.approx(r)
        assert got["f1"] == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


def test_items_must_match():
    with pytest.raises(ValueError, match="same items"):
        bcubed_scores({"a": 1}, {"a": 1, "b": 1})


def test_empty_is_perfect():
    assert bcubed_scores({}, {})["f1"] == 1.0
    assert pairwise_scores({}, {})["f1"] == 1.0


def test_eval_clusters_reads_records_and_skips_cluster_lines():
    records = [
        {"id": "a", "event": "e1", "cluster_id": "c1"},
        {"id": "b", "event": "e1", "cluster_id": "c1"},
        {"id": "c", "event": "e2", "cluster_id": "c1"},
        {"type": "cluster", "id": "c1", "article_ids": ["a", "b", "c"]},
    ]
    result = eval_clusters(records)
    assert (result["items"], result["gold_clusters"], result["predicted_clusters"]) == (3, 2, 1)
    assert result["bcubed"]["precision"] == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)
    assert result["bcubed"]["recall"] == 1.0
    assert result["pairwise"]["precision"] == pytest.approx(1 / 3)


def test_eval_clusters_rejects_records_without_labels():
    with pytest.raises(ValueError, match="'b'"):
        eval_clusters([{"id": "a", "event": 1, "cluster_id": 1}, {"id": "b", "event": 1}])
