"""The batch job isolates every record: an id or text that cannot be written becomes an
error record with an escaped id, the run goes on and exits 0, and a rerun changes nothing."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from saaransh import jobs
from saaransh.article import RawDocument
from saaransh.cli import app

GOOD = "India announced a new scheme today. The government said farmers would benefit."
# Raw JSON Lines, as a hostile or broken producer writes them: escapes that decode to a
# lone surrogate or to control characters.
LINES = [
    json.dumps({"id": "good-1", "text": GOOD}),
    '{"id": "lone\\ud800id", "text": "' + GOOD + '"}',
    '{"id": "nul\\u0000id", "text": "' + GOOD + '"}',
    '{"id": "bell\\u0007", "text": "' + GOOD + '"}',
    '{"id": "bad-text", "text": "broken \\udfff text. ' + GOOD + '"}',
    json.dumps({"id": "good-2", "text": GOOD.replace("farmers", "traders")}),
]


def _run(src, out):
    return CliRunner().invoke(
        app, ["summarise", str(src), "--out", str(out), "--backend", "extractive", "--lang", "en"]
    )


def test_hostile_ids_become_error_records_and_reruns_change_nothing(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")

    first = _run(src, out)
    assert first.exit_code == 0, first.output
    written = out.read_bytes()
    records = [json.loads(line) for line in written.decode("utf-8").splitlines()]
    by_id = {r["id"]: r for r in records}
    assert len(records) == len(by_id) == 6
    assert by_id["good-1"]["summaries"]["en"]["text"]
    assert by_id["good-2"]["summaries"]["en"]["text"]
    # Escaped, printable ids: the record can be read back and matched on a rerun.
    assert "lone surrogate" in by_id["lone\\ud800id"]["error"]["message"]
    assert "control character" in by_id["nul\\x00id"]["error"]["message"]
    assert by_id["bell\\x07"]["error"]["code"] == "unreadable"
    assert "lone surrogate" in by_id["bad-text"]["error"]["message"]
    assert "nulid" not in by_id  # never cleaned into another id

    second = _run(src, out)
    assert second.exit_code == 0, second.output
    assert out.read_bytes() == written  # every record, good or failed, written once
    assert "0 articles, 0 errors, 6 skipped" in second.stderr


def test_a_record_that_cannot_be_encoded_becomes_an_error_record(tmp_path):
    out = tmp_path / "out.jsonl"
    sink = jobs.JsonlSink(out)

    def process(docs):  # a stage that lets a lone surrogate into its output
        return [{"id": d.id, "summary": "half \ud83d"} if d.id == "b" else {"id": d.id}
                for d in docs]  # fmt: skip

    docs = [RawDocument(id=i, body="x") for i in ("a", "b", "c")]
    totals = jobs.run(docs, sink, process, batch_size=2)
    sink.close()
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c"]
    assert records[1]["error"]["code"] == "unwritable"
    assert totals.articles == 3
