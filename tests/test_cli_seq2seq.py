"""`saaransh summarise --backend seq2seq --model DIR` end to end on tiny random checkpoints
with the real checkpoints' config structure: the user's path when they have weights."""

import json

import pytest
from typer.testing import CliRunner

from saaransh.cli import app
from seq2seq_fixtures import tiny_root

runner = CliRunner()
SEED = "004_06019d068f654b61.txt"  # the code-mixed one


def _summarise(tmp_path, seeds_dir, family, monkeypatch, translator=None):
    # Tiny models: keep generation short so the test stays fast.
    monkeypatch.setenv("SAARANSH_DEVICE", "cpu")
    if translator:
        monkeypatch.setenv("SAARANSH_TRANSLATOR", str(tiny_root() / translator))
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["summarise", str(seeds_dir / SEED), "--backend", "seq2seq",
                                 "--model", str(tiny_root() / family), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    return record, result


def test_crosssum_writes_both_languages_abstractively(tmp_path, seeds_dir, monkeypatch):
    record, result = _summarise(tmp_path, seeds_dir, "crosssum", monkeypatch)
    assert "backend: seq2seq" in result.stderr
    for lang in ("en", "hi"):
        summary = record["summaries"][lang]
        assert summary is not None, record.get("unavailable")
        assert summary["method"] == "abstractive"
    assert "unavailable" not in record


def test_monolingual_xlsum_gives_hindi_and_an_honest_null(tmp_path, seeds_dir, monkeypatch):
    record, _ = _summarise(tmp_path, seeds_dir, "mt5_xlsum", monkeypatch)
    assert record["summaries"]["hi"]["method"] == "abstractive"
    assert record["summaries"]["en"] is None
    assert "cannot write 'en'" in record["unavailable"]["en"]


def test_summarise_then_translate_with_a_translator(tmp_path, seeds_dir, monkeypatch):
    record, _ = _summarise(tmp_path, seeds_dir, "mt5_xlsum", monkeypatch, translator="nllb")
    assert record["summaries"]["hi"]["method"] == "abstractive"
    assert record["summaries"]["en"]["method"] == "translated"


@pytest.mark.parametrize("family", ["indicbart", "mbart50", "prompt"])
def test_every_family_loads_from_a_folder(tmp_path, seeds_dir, monkeypatch, family):
    record, _ = _summarise(tmp_path, seeds_dir, family, monkeypatch)
    made = [lang for lang, s in record["summaries"].items() if s is not None]
    assert made, record
    assert all(record["summaries"][lang]["method"] == "abstractive" for lang in made)
