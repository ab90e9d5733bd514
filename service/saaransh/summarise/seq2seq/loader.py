"""Load a registry spec into a ready Summariser or Translator (safetensors only, eval mode)."""

from __future__ import annotations

import logging
from pathlib import Path

from saaransh.errors import ModelUnavailable
from saaransh.settings import Settings
from saaransh.summarise.registry import ModelSpec, registry_specs, weights_location
from saaransh.summarise.seq2seq.conventions import CONVENTIONS
from saaransh.summarise.seq2seq.device import device_dtype
from saaransh.summarise.seq2seq.runner import Seq2SeqRunner
from saaransh.summarise.seq2seq.summariser import Seq2SeqSummariser
from saaransh.summarise.seq2seq.translator import Seq2SeqTranslator

log = logging.getLogger(__name__)


def _auto_tokenizer(location: Path):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(location, local_files_only=True)


def _indicbart_tokenizer(location: Path):
    # IndicBART's tokenizer_config names no class (AutoTokenizer would pick MBart's).
    # transformers 5 backs AlbertTokenizer with `tokenizers`; with these flags it
    # reproduces the SentencePiece model's own pieces, matras and nuktas included.
    from transformers import AlbertTokenizer

    return AlbertTokenizer.from_pretrained(
        location, keep_accents=True, do_lower_case=False, local_files_only=True
    )


TOKENIZERS = {"indicbart": _indicbart_tokenizer}


def missing_weights_message(spec: ModelSpec, settings: Settings) -> str:
    if spec.name in registry_specs(settings):
        return (
            f"Weights of '{spec.name}' are not in {spec.folder} or the Hugging Face cache; "
            f"run `saaransh download-weights {spec.name}` where a network is available."
        )
    return (
        f"No checkpoint in {spec.folder}: it needs config.json, *.safetensors weights "
        "and tokenizer files."
    )


def load_runner(spec: ModelSpec, settings: Settings) -> Seq2SeqRunner:
    """Model + tokenizer + convention on the resolved device; raises ModelUnavailable."""
    from transformers import AutoModelForSeq2SeqLM

    location = weights_location(spec)
    if location is None:
        raise ModelUnavailable(missing_weights_message(spec, settings))
    device, dtype = device_dtype(settings.device)
    try:
        tokenizer = TOKENIZERS.get(spec.family, _auto_tokenizer)(location)
        model = AutoModelForSeq2SeqLM.from_pretrained(
            location,
            dtype=dtype,
            use_safetensors=True,
            trust_remote_code=False,
            local_files_only=True,
        )
        convention = CONVENTIONS[spec.family](spec, tokenizer, model.config)
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"Cannot load '{spec.name}' from {location}: {exc}") from exc
    model.to(device).eval()
    log.info("loaded %s (%s) from %s on %s/%s", spec.name, spec.family, location, device, dtype)
    return Seq2SeqRunner(
        spec.name,
        model,
        tokenizer,
        convention,
        spec.generation,
        device,
        batch_size=settings.max_batch_size,
        batch_tokens=settings.max_batch_tokens,
    )


def load_summariser(spec: ModelSpec, settings: Settings) -> Seq2SeqSummariser:
    """A ready `Summariser` for a registry spec (see registry.resolve)."""
    return Seq2SeqSummariser(load_runner(spec, settings))


def load_translator(spec: ModelSpec, settings: Settings) -> Seq2SeqTranslator:
    """A ready `Translator` for a registry spec (mbart50, nllb or prompt family)."""
    return Seq2SeqTranslator(load_runner(spec, settings))
