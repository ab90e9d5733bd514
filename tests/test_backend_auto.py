"""`--backend auto`: seq2seq when the default summariser's weights are in models/ or the
Hugging Face cache (never the network), else extractive, saying why."""

import shutil

import huggingface_hub.constants as hf_constants

from saaransh.factory import build_engine, choose_backend
from saaransh.settings import Settings
from saaransh.summarise import registry
from seq2seq_fixtures import tiny_root


def _put_in_hf_cache(cache, spec, source):
    """Lay `source` out as huggingface_hub's cache does: refs/<revision> -> snapshots/<sha>."""
    repo = cache / f"models--{spec.hub.replace('/', '--')}"
    sha = "0" * 40
    ref = repo / "refs" / (spec.revision or "main")
    ref.parent.mkdir(parents=True)
    ref.write_text(sha)
    shutil.copytree(source, repo / "snapshots" / sha)


def test_auto_is_extractive_without_weights(tmp_path):
    choice = choose_backend(Settings(models_dir=tmp_path / "models"))
    assert choice.kind == "extractive"
    assert "download-weights crosssum" in choice.reason


def test_auto_finds_weights_in_the_models_folder(tmp_path):
    settings = Settings(models_dir=tmp_path / "models", device="cpu")
    shutil.copytree(tiny_root() / "crosssum", tmp_path / "models" / "crosssum")
    choice = choose_backend(settings)
    assert (choice.kind, choice.model) == ("seq2seq", "crosssum")


def test_auto_finds_weights_in_the_hf_cache_and_loads_them(tmp_path, monkeypatch):
    cache = tmp_path / "hf-cache"
    monkeypatch.setattr(hf_constants, "HF_HUB_CACHE", str(cache))
    settings = Settings(models_dir=tmp_path / "models", device="cpu")
    spec = registry.resolve(None, settings)
    _put_in_hf_cache(cache, spec, tiny_root() / "crosssum")
    choice = choose_backend(settings)
    assert choice.kind == "seq2seq" and "found locally" in choice.reason
    engine = build_engine(settings, choice)
    assert engine.summariser.can_write("en", "hi") and engine.summariser.can_write("hi", "en")
