"""Generation settings: the registry's table, in each runtime's own terms.

The registry speaks transformers (`num_beams`, `max_new_tokens`, ...). transformers
merges those kwargs over the checkpoint's generation config; `effective_config` does
the same merge once, so ctranslate2 gets the very settings transformers would use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Registry keys that configure us rather than generate().
_NOT_GENERATE_KWARGS = {"max_input_tokens"}

# Settings whose ctranslate2 behaviour is implied: its beam search stops once
# beam_size hypotheses are finished (transformers' early_stopping=True), and it samples
# whenever sampling_topk != 1. The decoder-start ones come from the convention.
_IMPLIED = {"early_stopping", "do_sample"}
_FROM_CONVENTION = {"decoder_start_token_id", "forced_bos_token_id", "forced_eos_token_id",
                    "eos_token_id", "bos_token_id", "pad_token_id"}
_MAPPED = {"num_beams", "max_new_tokens", "max_length", "min_new_tokens", "min_length",
           "no_repeat_ngram_size", "length_penalty", "repetition_penalty", "top_k", "top_p",
           "temperature"}


def generate_kwargs(generation: dict) -> dict:
    """The registry's generation table as transformers generate() kwargs."""
    kwargs = {k: v for k, v in generation.items() if k not in _NOT_GENERATE_KWARGS}
    if "max_length" in kwargs:  # model-card style; counts output tokens only
        kwargs.setdefault("max_new_tokens", kwargs.pop("max_length"))
    return kwargs


def effective_config(location: Path, kwargs: dict):
    """The checkpoint's GenerationConfig with the registry's kwargs on top (what
    transformers' generate() uses)."""
    from transformers import AutoConfig, GenerationConfig

    if (location / "generation_config.json").is_file():
        config = GenerationConfig.from_pretrained(location, local_files_only=True)
    else:
        model_config = AutoConfig.from_pretrained(location, local_files_only=True)
        config = GenerationConfig.from_model_config(model_config)
    config.update(**kwargs)
    return config


def ctranslate2_options(kwargs: dict, config: Any) -> dict:
    """translate_batch() options for `kwargs` over the checkpoint's `config`.

    Lengths count generated tokens, a forced first token included, in both runtimes.
    An unknown key fails at load time rather than being silently dropped.
    """
    unknown = set(kwargs) - _MAPPED - _IMPLIED - _FROM_CONVENTION
    if unknown:
        raise ValueError(f"ctranslate2 has no equivalent of generation {sorted(unknown)}")
    value = _reader(config)
    # transformers' max_length/min_length count the decoder start token too.
    max_new = value("max_new_tokens") or max(1, value("max_length") - 1)
    min_new = value("min_new_tokens") or max(0, value("min_length") - 1)
    options = {
        "beam_size": int(value("num_beams")),
        "max_decoding_length": int(max_new),
        "min_decoding_length": int(min_new),
        "no_repeat_ngram_size": int(value("no_repeat_ngram_size")),
        "length_penalty": float(value("length_penalty")),
        "repetition_penalty": float(value("repetition_penalty")),
    }
    if value("do_sample"):
        options |= {
            "sampling_topk": int(value("top_k")),
            "sampling_topp": float(value("top_p")),
            "sampling_temperature": float(value("temperature")),
        }
    return options


# What transformers' generate() uses for a field left unset (transformers 5 keeps
# unset fields as None in the config and fills these in at generate() time).
_TRANSFORMERS_DEFAULTS = {
    "max_new_tokens": None, "min_new_tokens": None, "max_length": 20, "min_length": 0,
    "num_beams": 1, "no_repeat_ngram_size": 0, "length_penalty": 1.0,
    "repetition_penalty": 1.0, "do_sample": False, "top_k": 50, "top_p": 1.0,
    "temperature": 1.0,
}


def _reader(config: Any):
    def value(name: str):
        found = getattr(config, name, None)
        return _TRANSFORMERS_DEFAULTS[name] if found is None else found

    return value
