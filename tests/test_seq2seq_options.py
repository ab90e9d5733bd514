"""The settings each runtime gets: compute types, generation options, the Ray actor."""

from __future__ import annotations

import pytest

from saaransh.factory import choose_backend
from saaransh.scale.actor import SummariserActor, encode
from saaransh.settings import Settings
from saaransh.summarise.registry import registry_specs
from saaransh.summarise.seq2seq.device import choose_compute_type
from saaransh.summarise.seq2seq.generation import ctranslate2_options, generate_kwargs
from seq2seq_fixtures import tiny_root


@pytest.mark.parametrize(
    ("setting", "device", "model_type", "expected"),
    [
        ("auto", "cpu", "mt5", "int8"),
        ("auto", "cuda", "mt5", "int8_bfloat16"),
        ("bfloat16", "cuda", "mt5", "bfloat16"),
        ("float32", "cpu", "mt5", "float32"),
        ("float16", "cuda", "m2m_100", "float16"),  # NLLB is fine in fp16
        ("float16", "cuda", "mt5", ValueError),  # mT5 overflows fp16
        ("int8_float16", "cuda", "t5", ValueError),
    ],
)
def test_compute_type(setting, device, model_type, expected):
    if expected is ValueError:
        with pytest.raises(ValueError, match="overflows"):
            choose_compute_type(setting, device, model_type)
    else:
        assert choose_compute_type(setting, device, model_type) == expected


class Config:
    """A GenerationConfig as transformers 5 keeps it: unset fields are None."""

    def __init__(self, **fields) -> None:
        self.__dict__.update(fields)


@pytest.mark.parametrize(
    ("generation", "expected"),
    [
        ({"num_beams": 4, "no_repeat_ngram_size": 2, "max_new_tokens": 84},
         {"beam_size": 4, "no_repeat_ngram_size": 2, "max_decoding_length": 84}),
        ({"max_length": 30, "min_new_tokens": 5},  # model-card max_length = new tokens
         {"max_decoding_length": 30, "min_decoding_length": 5, "beam_size": 1}),
        ({"length_penalty": 0.6, "early_stopping": True}, {"length_penalty": 0.6}),
        ({"do_sample": True, "top_k": 10},
         {"sampling_topk": 10, "sampling_topp": 1.0, "max_decoding_length": 19}),
    ],
)
def test_ctranslate2_options_from_the_registry_table(generation, expected):
    kwargs = generate_kwargs({"max_input_tokens": 512, **generation})
    options = ctranslate2_options(kwargs, Config(**kwargs))
    assert options.items() >= expected.items()


def test_every_registry_entry_maps_onto_ctranslate2():
    for spec in registry_specs(Settings()).values():
        kwargs = generate_kwargs(spec.generation)
        assert ctranslate2_options(kwargs, Config(**kwargs))["max_decoding_length"] > 0


def test_a_generation_setting_ctranslate2_lacks_fails_at_load():
    with pytest.raises(ValueError, match="typical_p"):
        ctranslate2_options({"typical_p": 0.9}, Config(typical_p=0.9))


def test_the_ray_actor_builds_the_runtime_the_settings_name(seed_paths):
    pytest.importorskip("ctranslate2")
    from saaransh.jobs.readers import read_paths

    settings = Settings(backend="seq2seq", model=str(tiny_root() / "crosssum"), device="cpu",
                        runtime="ctranslate2", compute_type="float32")
    actor = SummariserActor(settings, choose_backend(settings), ["en"])
    assert actor.engine.summariser.runner.runtime == "ctranslate2"
    out = actor(encode(list(read_paths(seed_paths[:2]))))
    assert len(out["record"]) == 2 and '"abstractive"' in out["record"][0]
