"""Load a registry spec into a ready Summariser or Translator on the configured runtime."""

from __future__ import annotations

import logging

from saaransh.errors import ModelUnavailable
from saaransh.settings import Settings
from saaransh.summarise.registry import ModelSpec, missing_weights_message, weights_location
from saaransh.summarise.seq2seq.conventions import CONVENTIONS
from saaransh.summarise.seq2seq.runner import Seq2SeqRunner
from saaransh.summarise.seq2seq.runtime import load_transformers
from saaransh.summarise.seq2seq.summariser import Seq2SeqSummariser
from saaransh.summarise.seq2seq.tokenizer import load_tokenizer
from saaransh.summarise.seq2seq.translator import Seq2SeqTranslator

log = logging.getLogger(__name__)


def _load_ctranslate2(spec, location, settings, tokenizer):
    from saaransh.summarise.seq2seq.ct2_runtime import load_ctranslate2

    return load_ctranslate2(spec, location, settings, tokenizer)


# Settings.runtime -> the loader of its Generator (chosen once, here).
RUNTIMES = {"transformers": load_transformers, "ctranslate2": _load_ctranslate2}


def load_runner(spec: ModelSpec, settings: Settings) -> Seq2SeqRunner:
    """Tokenizer + convention + generator of `settings.runtime`; raises ModelUnavailable."""
    from transformers import AutoConfig

    location = weights_location(spec)
    if location is None:
        raise ModelUnavailable(missing_weights_message(spec, settings))
    try:
        tokenizer = load_tokenizer(spec.family, location)
        config = AutoConfig.from_pretrained(location, local_files_only=True)
        convention = CONVENTIONS[spec.family](spec, tokenizer, config)
        generator = RUNTIMES[settings.runtime](spec, location, settings, tokenizer)
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"Cannot load '{spec.name}' from {location}: {exc}") from exc
    log.info("loaded %s (%s) from %s with %s", spec.name, spec.family, location, settings.runtime)
    return Seq2SeqRunner(spec.name, tokenizer, convention, spec.generation, generator)


def load_summariser(spec: ModelSpec, settings: Settings) -> Seq2SeqSummariser:
    """A ready `Summariser` for a registry spec (see registry.resolve)."""
    return Seq2SeqSummariser(load_runner(spec, settings))


def load_translator(spec: ModelSpec, settings: Settings) -> Seq2SeqTranslator:
    """A ready `Translator` for a registry spec (mbart50, nllb or prompt family)."""
    return Seq2SeqTranslator(load_runner(spec, settings))
