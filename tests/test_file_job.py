"""The batch job's input reading and resumable, whole-line output."""

import json

from fakes import EchoSummariser
from saaransh import jobs
from saaransh.article import RawDocument
from saaransh.jobs.readers import ReadError, read_paths


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_reader_formats_and_per_file_errors(tmp_path):
    _write(tmp_path / "a.txt", "भारत और रूस की बैठक हुई।".encode())
    _write(tmp_path / "b.html", b"<html><body><p>Hello</p></body></html>")
    _write(tmp_path / "c.txt", b"\xff\xfe\x00\xd8broken utf-16 surrogate")
    _write(tmp_path / "d.txt", b"caf\xe9 latin-1 bytes")
    _write(tmp_path / "e.jsonl", b'{"id": "j1", "text": "one"}\nnot json\n{"id": "j3"}\n\n')
    _write(tmp_path / "notes.md", b"ignored in a directory walk")
    items = list(read_paths([tmp_path]))
    by_id = {i.id: i for i in items}
    assert by_id["a"].format == "text" and by_id["b"].format == "html"
    assert isinstance(by_id["d"], ReadError) and "d" in by_id
    assert by_id["j1"].body == "one"
    errors = [i for i in items if isinstance(i, ReadError)]
    assert {e.id for e in errors} >= {"d", "j3"}
    assert any("invalid JSON" in e.message for e in errors)
    assert "notes" not in by_id


def test_missing_file_is_an_error_record_not_a_crash(tmp_path):
    (item,) = read_paths([tmp_path / "nope.txt"])
    assert isinstance(item, ReadError)
    assert item.to_record()["error"]["code"] == "unreadable"


def _process(docs):
    return [{"id": d.id, "n": len(d.body)} for d in docs]


def _docs(n):
    return [RawDocument(id=f"d{i}", body="x" * (i + 1)) for i in range(n)]


def test_resume_skips_done_ids_and_repairs_a_torn_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "d0", "n": 1}\n{"id": "d1", "n": 2}\n{"id": "d2", "n"', encoding="utf-8")
    sink = jobs.JsonlSink(out)
    assert sink.done == {"d0", "d1"}
    totals = jobs.run(_docs(4), sink, _process, batch_size=2)
    sink.close()
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["d0", "d1", "d2", "d3"]
    assert (totals.articles, totals.skipped, totals.errors) == (2, 2, 0)


def test_cluster_snapshots_are_replaced_not_duplicated(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "d0"}\n{"type": "cluster", "id": "evt_1"}\n', encoding="utf-8")
    sink = jobs.JsonlSink(out, replace_types=frozenset({"cluster"}))
    sink.close()
    assert out.read_text(encoding="utf-8") == '{"id": "d0"}\n'


def test_duplicate_ids_and_read_errors_in_one_run(tmp_path):
    out = tmp_path / "out.jsonl"
    again = RawDocument(id="d0", body="again")
    items = [*_docs(2), again, ReadError("bad", "bad.txt", "cannot read")]
    sink = jobs.JsonlSink(out)
    totals = jobs.run(items, sink, _process, batch_size=8)
    sink.close()
    ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == ["bad", "d0", "d1"]
    assert totals.errors == 1 and totals.skipped == 1


def test_summarise_chunk_turns_analysis_failures_into_records(monkeypatch):
    from fakes import make_article
    from saaransh.engine import Engine
    from saaransh.errors import InvalidInput

    engine = Engine(EchoSummariser())

    def fake_analyse(doc, reference_date=None):
        if not doc.body.strip():
            raise InvalidInput("field 'text' holds no article text after cleaning")
        return make_article(doc.id)

    monkeypatch.setattr(engine, "analyse", fake_analyse)
    docs = [RawDocument("a", "text"), RawDocument("b", "   "), RawDocument("c", "text")]
    records = jobs.summarise_chunk(engine, docs, ["hi"])
    assert [r["id"] for r in records] == ["a", "b", "c"]
    assert records[1]["error"]["code"] == "invalid_input"
    assert records[2]["summaries"]["hi"]["text"].startswith("[hi]")
