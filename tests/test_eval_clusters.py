"""`saaransh eval clusters`: the report (cohesion, worst errors) and its one-line failures."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from saaransh.cli import app
from saaransh.eval.cluster_report import cluster_report, collect

runner = CliRunner()


def rec(id, cluster, lang="hi", title=None, **extra):
    return {"id": id, "cluster_id": cluster, "title": title, "language": {"primary": lang},
            "summaries": {lang: {"text": f"first words of {id}"}}, **extra}  # fmt: skip


# Gold: flood = {h1, h2, e1}, vote = {h3, e2}, d1 a distractor ("none").
GOLD = {"h1": "flood", "h2": "flood", "e1": "flood", "h3": "vote", "e2": "vote", "d1": "none"}
RECORDS = [
    rec("h1", "c1"), rec("h2", "c1"), rec("e1", "c2", "en"),  # flood split by language
    rec("h3", "c3"), rec("e2", "c3", "en"),                   # vote whole
    rec("d1", "c3", "en", title="An unrelated story"),         # distractor merged into vote
]  # fmt: skip


def _gold_file(tmp_path, gold=GOLD):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps({"id": k, "event": v}) + "\n" for k, v in gold.items()))
    return path


def test_report_counts_cohesion_and_ranks_errors():
    items, left_out = collect(RECORDS, {k: {"event": v} for k, v in GOLD.items()})
    report = cluster_report(items)
    assert left_out == {}
    assert (report["items"], report["gold_clusters"], report["predicted_clusters"]) == (6, 3, 3)
    assert (report["bilingual_together"], report["bilingual_events"]) == (1, 2)
    (split,) = report["worst_splits"]
    assert split["label"] == "flood" and split["wrong_pairs"] == 2
    assert [p["ids"] for p in split["parts"]] == [["h1", "h2"], ["e1"]]
    (merge,) = report["worst_merges"]
    assert merge["label"] == "c3" and merge["wrong_pairs"] == 2
    assert merge["parts"][1] == {"label": "none:d1", "ids": ["d1"],
                                 "first_words": "An unrelated story"}  # fmt: skip
    # Pairs: predicted {h1h2, h3e2, h3d1, e2d1}; gold {h1h2, h1e1, h2e1, h3e2}: 2 shared.
    assert report["pairwise"]["precision"] == pytest.approx(2 / 4)
    assert report["pairwise"]["recall"] == pytest.approx(2 / 4)


def test_cluster_lines_override_stale_cluster_ids_and_errors_are_singletons():
    records = [
        rec("a", "old"), rec("b", "new"), {"id": "c", "error": {"code": "x", "message": "m"}},
        {"type": "cluster", "id": "new", "article_ids": ["a", "b"]},  # "old" merged into it
    ]  # fmt: skip
    gold = {k: {"event": "e"} for k in "abc"}
    items, left_out = collect(records, gold)
    assert {i.id: i.cluster for i in items} == {"a": "new", "b": "new", "c": "error:c"}
    assert left_out == {"errors (scored as singletons)": 1}


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"id": "a", "cluster_id": "c"}], "no gold `event`; pass --gold"),
        ([{"id": "a", "event": "e", "cluster_id": None}], "made with --cluster"),
        ([{"type": "cluster", "id": "c", "article_ids": []}], "no article record"),
    ],
)
def test_collect_rejects_what_it_cannot_score(records, message):
    with pytest.raises(ValueError, match=message):
        collect(records)


def test_cli_prints_scores_with_a_gold_file(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS))
    result = runner.invoke(app, ["eval", "clusters", str(out), "--gold",
                                 str(_gold_file(tmp_path))])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "bcubed    P 0.778  R 0.778" in result.stdout
    assert "Hindi and English reports in one cluster: 1 of 2" in result.stdout
    assert "flood (2 wrong pairs)" in result.stdout and "h1, h2" in result.stdout
    as_json = runner.invoke(app, ["eval", "clusters", str(out), "--json", "--gold",
                                  str(_gold_file(tmp_path))])  # fmt: skip
    assert json.loads(as_json.stdout)["bcubed"]["recall"] == pytest.approx(7 / 9)


def test_cli_takes_gold_from_the_records(tmp_path):
    out = tmp_path / "out.jsonl"
    lines = [dict(r, event=GOLD[r["id"]]) for r in RECORDS]
    out.write_text("".join(json.dumps(r) + "\n" for r in lines))
    result = runner.invoke(app, ["eval", "clusters", str(out)])
    assert result.exit_code == 0, result.output
    assert "6 articles, 3 gold events, 3 predicted clusters" in result.stdout


@pytest.mark.parametrize(
    ("content", "gold", "expected"),
    [
        (None, None, "out.jsonl: no such file"),
        ('{"id": "a"}\n{oops\n', None, "out.jsonl line 2: not valid JSON"),
        ("[1, 2]\n", None, "out.jsonl line 1: a JSON object was expected"),
        ('{"id": "a", "cluster_id": "c"}\n', None, "has no gold `event`"),
        ('{"id": "a", "cluster_id": "c"}\n', "missing", "gold.jsonl: no such file"),
        ('{"id": "a", "cluster_id": "c"}\n', '{"id": "a"}\n', "needs both `id` and `event`"),
    ],
)
def test_cli_bad_input_is_one_line_and_a_non_zero_exit(tmp_path, content, gold, expected):
    out = tmp_path / "out.jsonl"
    if content is not None:
        out.write_text(content)
    args = ["eval", "clusters", str(out)]
    if gold is not None:
        path = tmp_path / "gold.jsonl"
        if gold != "missing":
            path.write_text(gold)
        args += ["--gold", str(path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0]


def test_seeds_end_to_end_summarise_cluster_then_eval(tmp_path, seeds_dir):
    """`summarise --cluster` on the seeds, then `eval clusters --gold` with the seeds' own
    labels: 000, 001 and 002 (one visit) form one event, 004 (November) is not in it."""
    out, gold = tmp_path / "out.jsonl", tmp_path / "gold.jsonl"
    meta = json.loads((seeds_dir / "metadata.json").read_text(encoding="utf-8"))["articles"]
    gold.write_text("".join(json.dumps({"id": a["id"], "event": a["event"]}) + "\n"
                            for a in meta))  # fmt: skip
    run = runner.invoke(app, ["summarise", str(seeds_dir), "--cluster", "--out", str(out),
                              "--backend", "extractive"])  # fmt: skip
    assert run.exit_code == 0, run.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    clusters = {c["id"]: set(c["article_ids"]) for c in lines if c.get("type") == "cluster"}
    (visit,) = [ids for ids in clusters.values() if "000_ffd94348a6fbf3c4" in ids]
    assert {"000_ffd94348a6fbf3c4", "001_0d6a352e8def3620", "002_1edac476cdb7ca0a"} <= visit
    assert "004_06019d068f654b61" not in visit
    assert all("event" not in r for r in lines if r.get("type") is None)  # REST-only field
    scored = runner.invoke(app, ["eval", "clusters", str(out), "--gold", str(gold)])
    assert scored.exit_code == 0, scored.output
    assert "bcubed    P 1.000  R 1.000  F1 1.000" in scored.stdout
