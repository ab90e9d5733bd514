"""The CLI door, end to end on the real seeds with the offline extractive backend."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from saaransh.cli import app

runner = CliRunner()

AD_MARKERS = ("विज्ञापन", "सब्सक्राइब", "Follow Us", "यह भी पढ़ें", "You may also like")


def _lines(text):
    return [json.loads(x) for x in text.splitlines() if x.strip()]


@pytest.fixture(scope="module")
def analysed(seeds_dir):
    result = runner.invoke(app, ["analyse", str(seeds_dir), "--json"])
    assert result.exit_code == 0, result.output
    return {r["id"]: r for r in _lines(result.stdout)}


def test_analyse_seeds_contract(analysed):
    assert len(analysed) == 5
    for record in analysed.values():
        assert set(record) >= {"id", "title", "text", "sentences", "language", "published_at"}
        assert record["language"]["primary"] == "hi"
        assert set(record["language"]["tokens"]) == {"hi", "en", "hi-Latn", "univ", "other"}
        assert not any(marker in record["text"] for marker in AD_MARKERS)
    mixed = analysed["004_06019d068f654b61"]["language"]
    assert mixed["code_mixed"] is True and mixed["cmi"] > 0
    assert analysed["000_ffd94348a6fbf3c4"]["published_at"] == "2025-08-21"
    assert analysed["003_a3f71ad3c41c7043"]["published_at"] == "2025-11-11"


def test_analyse_reports_a_bad_file_and_goes_on(tmp_path, seeds_dir):
    shutil.copy(seeds_dir / "001_0d6a352e8def3620.txt", tmp_path)
    (tmp_path / "broken.txt").write_bytes(b"\xc3\x28 not utf-8 \xa0\xa1")
    result = runner.invoke(app, ["analyse", str(tmp_path), "--json"])
    records = {r["id"]: r for r in _lines(result.stdout)}
    assert result.exit_code == 1
    assert "error" in records["broken"]
    assert records["001_0d6a352e8def3620"]["language"]["primary"] == "hi"


@pytest.fixture(scope="module")
def summarised(seeds_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "seeds.jsonl"
    result = runner.invoke(app, ["summarise", str(seeds_dir), "--backend", "extractive",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_summarise_seeds_offline(summarised, analysed):
    out, result = summarised
    records = {r["id"]: r for r in _lines(out.read_text(encoding="utf-8"))}
    assert set(records) == set(analysed)
    for doc_id, record in records.items():
        hi = record["summaries"]["hi"]
        assert hi["method"] == "extractive"
        sentences = analysed[doc_id]["sentences"]
        # Every summary sentence is a whole sentence of the cleaned article.
        picked = [sentences[i] for i in hi["source_sentence_ids"]]
        assert hi["text"] == " ".join(picked)
        assert not any(marker in hi["text"] for marker in AD_MARKERS)
        # No model here writes English from Hindi: null with a reason, never Hindi text.
        assert record["summaries"]["en"] is None
        assert "en" in record["unavailable"]
    assert "5 articles, 0 errors" in result.stderr


def test_summarise_is_resumable(summarised, seeds_dir):
    out, _ = summarised
    before = out.read_text(encoding="utf-8")
    result = runner.invoke(app, ["summarise", str(seeds_dir), "--backend", "extractive",
                                 "--out", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == before
    assert "5 skipped" in result.stderr


def test_unsupported_language_option_is_rejected(seeds_dir):
    result = runner.invoke(app, ["summarise", str(seeds_dir), "--lang", "fr"])
    assert result.exit_code != 0
    assert "unsupported language" in result.output
