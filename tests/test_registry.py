# ruff: noqa: F811  (pytest fixtures imported from seq2seq_fixtures are parameters here)
"""Registry resolution (name, folder, hub id, unknown), weights detection, downloads offline."""

from __future__ import annotations

import pytest

from saaransh.errors import ModelUnavailable
from saaransh.summarise.download import download_weights
from saaransh.summarise.registry import (
    FAMILIES,
    default_name,
    registry_specs,
    resolve,
    weights_present,
)
from seq2seq_fixtures import settings, tiny_root  # noqa: F401

REQUIRED = {
    "mt5-xlsum": ("mt5_xlsum", "csebuetnlp/mT5_multilingual_XLSum"),
    "crosssum": ("crosssum", "csebuetnlp/mT5_m2m_crossSum_enhanced"),
    "indicbart-xlsum": ("indicbart", "ai4bharat/IndicBART-XLSum"),
    "mbart50-m2m": ("mbart50", "facebook/mbart-large-50-many-to-many-mmt"),
    "nllb-600m": ("nllb", "facebook/nllb-200-distilled-600M"),
    "mt0-base": ("prompt", "bigscience/mt0-base"),
    "aya-101": ("prompt", "CohereForAI/aya-101"),
}


def test_registry_lists_the_known_checkpoints(settings):
    specs = registry_specs(settings)
    for name, (family, hub) in REQUIRED.items():
        assert (specs[name].family, specs[name].hub) == (family, hub)
        assert specs[name].folder == settings.models_dir / name
    assert all(spec.family in FAMILIES for spec in specs.values())
    assert default_name(settings) == "crosssum"
    xlsum = specs["mt5-xlsum"].generation
    assert (xlsum["num_beams"], xlsum["no_repeat_ngram_size"], xlsum["max_new_tokens"]) == (
        4,
        2,
        84,
    )
    assert specs["mt5-xlsum"].max_input_tokens == 512 and xlsum["length_penalty"] == 0.6


def test_resolve_a_name_and_the_default(settings):
    assert resolve("nllb-600m", settings, role="translator").role == "translator"
    assert resolve(None, settings).name == "crosssum"
    assert resolve("csebuetnlp/mT5_multilingual_XLSum", settings).name == "mt5-xlsum"


@pytest.mark.parametrize(
    ("folder", "family"),
    [
        ("crosssum", "crosssum"),
        ("indicbart", "indicbart"),
        ("mbart50", "mbart50"),
        ("nllb", "nllb"),
        ("mt5_xlsum", "seq2seq"),
    ],  # plain mT5: the generic fallback
)
def test_resolve_a_folder_infers_the_family(settings, folder, family):
    spec = resolve(str(tiny_root() / folder), settings)
    assert spec.family == family and weights_present(spec)


@pytest.mark.parametrize(
    ("folder", "role", "entry"),
    [
        ("crosssum", "summariser", "crosssum"),
        ("indicbart", "summariser", "indicbart-xlsum"),
        ("nllb", "translator", "nllb-600m"),
        ("mbart50", "translator", "mbart50-m2m"),
    ],
)
def test_a_folder_gets_its_familys_generation_defaults(settings, folder, role, entry):
    spec = resolve(str(tiny_root() / folder), settings, role=role)
    assert spec.generation == registry_specs(settings)[entry].generation
    assert spec.generation["num_beams"] == 4 and spec.max_input_tokens == 512


def test_a_folder_without_an_entry_of_its_family_and_role_has_no_defaults(settings):
    assert resolve(str(tiny_root() / "mt5_xlsum"), settings).generation == {}  # generic
    # The registry's mBART-50 is a translator: its lengths are not a summary's.
    assert resolve(str(tiny_root() / "mbart50"), settings).generation == {}


def test_a_crosssum_folder_generates_with_the_registry_beams(settings):
    from saaransh.summarise.seq2seq import load_runner

    runner = load_runner(resolve(str(tiny_root() / "crosssum"), settings), settings)
    kwargs = registry_specs(settings)["crosssum"].generation
    assert runner.generate_kwargs == {k: v for k, v in kwargs.items() if k != "max_input_tokens"}
    assert runner.generate_kwargs["num_beams"] == 4  # not transformers' greedy default


def test_resolve_unknown_name_lists_the_registry(settings):
    with pytest.raises(ModelUnavailable) as info:
        resolve("no-such-model", settings)
    assert "crosssum" in str(info.value)


def test_weights_absent_without_folder_or_cache(settings):
    assert not weights_present(resolve("crosssum", settings))
    (settings.models_dir / "crosssum").mkdir(parents=True)
    (settings.models_dir / "crosssum" / "config.json").write_text("{}")
    assert not weights_present(resolve("crosssum", settings))  # config alone is not enough


def test_download_refuses_offline_and_unknown_names(settings, monkeypatch):
    with pytest.raises(ModelUnavailable, match="Not in the registry: nope"):
        download_weights(["nope"], settings)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailable, match="HF_HUB_OFFLINE"):
        download_weights(["crosssum"], settings)
