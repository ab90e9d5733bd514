"""ctranslate2 conversion: once per (checkpoint, revision, compute type), atomic, reused;
`saaransh convert`, `--runtime`, the compute type and the generation options it gets."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saaransh.cli import ComputeType, app
from saaransh.errors import ModelUnavailable
from saaransh.settings import Settings
from saaransh.summarise.seq2seq import ct2_convert, load_runner
from seq2seq_fixtures import tiny_root, tiny_spec

pytest.importorskip("ctranslate2")
cli = CliRunner()


@pytest.fixture
def spec(tmp_path):
    """A private copy of the tiny CrossSum checkpoint: conversions land beside it."""
    folder = tmp_path / "models" / "crosssum"
    shutil.copytree(tiny_root() / "crosssum", folder)
    return replace(tiny_spec("crosssum"), folder=folder, revision="refs/pr/1")


@pytest.fixture
def conversions(monkeypatch):
    """Counts real conversions."""
    made: list[str] = []
    real = ct2_convert._converter

    def counting(family, location):
        made.append(family)
        return real(family, location)

    monkeypatch.setattr(ct2_convert, "_converter", counting)
    return made


def test_converted_once_beside_the_weights_then_reused(spec, conversions):
    first = ct2_convert.ensure_converted(spec, spec.folder, "float32")
    assert first.parent == spec.folder.parent / "crosssum.ct2"
    assert first.name.startswith("refs-pr-1-") and first.name.endswith("-float32")
    assert ct2_convert.ensure_converted(spec, spec.folder, "float32") == first
    assert conversions == ["crosssum"]
    int8 = ct2_convert.ensure_converted(spec, spec.folder, "int8")
    assert int8 != first and conversions == ["crosssum", "crosssum"]  # keyed by compute type
    config = json.loads((first / "config.json").read_text())
    # The conventions give the whole decoder prefix per request (the langid token here).
    assert config["decoder_start_token"] is None and config["bos_token"]
    assert [p.name for p in first.parent.iterdir() if p.name.startswith(".")] == []


def test_new_weights_in_the_folder_are_converted_again(spec, conversions):
    before = ct2_convert.ensure_converted(spec, spec.folder, "float32")
    config = json.loads((spec.folder / "config.json").read_text())
    (spec.folder / "config.json").write_text(json.dumps({**config, "dropout_rate": 0.0}))
    assert ct2_convert.ensure_converted(spec, spec.folder, "float32") != before
    assert len(conversions) == 2


def test_a_failed_conversion_leaves_nothing_behind(spec, monkeypatch):
    def broken(path):
        raise OSError("disk full")

    monkeypatch.setattr(ct2_convert, "_patch_config", broken)
    with pytest.raises(OSError, match="disk full"):
        ct2_convert.ensure_converted(spec, spec.folder, "float32")
    root = ct2_convert.cache_root(spec)
    assert list(root.iterdir()) == []  # no half-written model, no scratch folder


def test_a_conversion_that_loses_a_race_uses_the_winner(spec, monkeypatch):
    target = ct2_convert.converted_dir(spec, spec.folder, "float32")
    real = ct2_convert._patch_config

    def other_process_finishes_first(path):
        real(path)
        shutil.copytree(path.parent, target)  # a complete copy appears meanwhile

    monkeypatch.setattr(ct2_convert, "_patch_config", other_process_finishes_first)
    assert ct2_convert.ensure_converted(spec, spec.folder, "float32") == target
    assert (target / "model.bin").is_file()


def test_saaransh_convert_ahead_of_time_then_summarise_with_ctranslate2(
    spec, tmp_path, seeds_dir, monkeypatch
):
    monkeypatch.setenv("SAARANSH_DEVICE", "cpu")
    convert = cli.invoke(app, ["convert", str(spec.folder), "--compute-type", "float32"])
    assert convert.exit_code == 0, convert.output
    folder = convert.stdout.strip()
    assert folder.endswith("-float32") and (Path(folder) / "model.bin").is_file()
    again = cli.invoke(app, ["convert", str(spec.folder), "--compute-type", "float32"])
    assert again.stdout.strip() == folder
    out = tmp_path / "out.jsonl"
    monkeypatch.setenv("SAARANSH_COMPUTE_TYPE", "float32")
    result = cli.invoke(app, ["summarise", str(seeds_dir / "004_06019d068f654b61.txt"),
                              "--backend", "seq2seq", "--model", str(spec.folder),
                              "--runtime", "ctranslate2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert {lang: s["method"] for lang, s in record["summaries"].items()} == {
        "en": "abstractive", "hi": "abstractive"}
    assert len(list(ct2_convert.cache_root(spec).iterdir())) == 1  # reused, not redone


def test_convert_without_weights_says_what_to_do(tmp_path):
    result = cli.invoke(app, ["convert", str(tmp_path)])
    assert isinstance(result.exception, ModelUnavailable)
    assert "config.json" in str(result.exception)


def test_runtime_and_compute_type_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SAARANSH_RUNTIME", "ctranslate2")
    monkeypatch.setenv("SAARANSH_COMPUTE_TYPE", "int8_float32")
    settings = Settings()
    assert (settings.runtime, settings.compute_type) == ("ctranslate2", "int8_float32")
    monkeypatch.setenv("SAARANSH_RUNTIME", "onnx")
    with pytest.raises(ValueError, match="runtime"):
        Settings()
    field = Settings.model_fields["compute_type"]
    assert {c.value for c in ComputeType} == set(field.annotation.__args__)  # type: ignore[union-attr]


def test_float16_is_refused_for_mt5_at_load():
    settings = Settings(device="cpu", runtime="ctranslate2", compute_type="float16")
    with pytest.raises(ModelUnavailable, match="overflows mt5"):
        load_runner(tiny_spec("crosssum"), settings)
