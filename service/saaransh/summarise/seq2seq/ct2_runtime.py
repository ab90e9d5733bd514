"""The ctranslate2 runtime: a converted checkpoint behind the `Generator` protocol."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from saaransh.errors import ModelUnavailable
from saaransh.settings import Settings
from saaransh.summarise.registry import (
    ModelSpec,
    missing_weights_message,
    resolve,
    weights_location,
)
from saaransh.summarise.seq2seq.conventions import DecoderStart
from saaransh.summarise.seq2seq.ct2_convert import ensure_converted
from saaransh.summarise.seq2seq.device import choose_compute_type
from saaransh.summarise.seq2seq.generation import (
    ctranslate2_options,
    effective_config,
    generate_kwargs,
)
from saaransh.summarise.seq2seq.runtime import Output

log = logging.getLogger(__name__)
INSTALL_HINT = "ctranslate2 is not installed: `pip install ctranslate2` (a saaransh dependency)"


class CTranslate2Generator:
    """`Translator.translate_batch` with ids mapped through the converted vocabulary.

    The whole group goes to ctranslate2 in one call: it sorts by length and cuts
    token-budgeted batches itself (`max_batch_size` with `batch_type="tokens"`), so short
    inputs share a batch in greater numbers than long ones.
    """

    runtime = "ctranslate2"

    def __init__(
        self,
        translator,
        vocabulary: list[str],
        options: dict,
        batch_tokens: int,
        forced_eos: bool = False,
    ) -> None:
        self.translator, self.options, self.batch_tokens = translator, options, batch_tokens
        self.tokens = vocabulary
        self.ids = {token: i for i, token in reversed(list(enumerate(vocabulary)))}
        # transformers' forced_eos_token_id (mBART, IndicBART) spends the last allowed
        # step on the end token; ctranslate2 has no such option, so it stops one step
        # earlier: the same words either way, the end token is never shown.
        self.forced_eos = forced_eos

    def generate(self, inputs: list[list[int]], start: DecoderStart) -> list[Output]:
        if not inputs:
            return []
        source = [[self.tokens[i] for i in ids] for ids in inputs]
        prefix = [self.tokens[i] for i in start.prefix]
        options = dict(self.options)
        if self.forced_eos or start.eos is not None:
            options["max_decoding_length"] -= 1
            options["min_decoding_length"] = min(
                options["min_decoding_length"], options["max_decoding_length"]
            )
        try:
            results = self.translator.translate_batch(
                source,
                target_prefix=[prefix] * len(source),
                max_batch_size=self.batch_tokens,
                batch_type="tokens",
                end_token=self.tokens[start.eos] if start.eos is not None else None,
                max_input_length=0,  # inputs are already cut to the model's budget
                **options,
            )
        except Exception as exc:  # e.g. out of memory: this group fails, not the caller
            return [exc] * len(inputs)
        # With no decoder start token in the model, the prefix's first token is the start
        # and is not returned; a forced target code is, as transformers returns it.
        return [[self.ids[t] for t in result.hypotheses[0]] for result in results]


def ct2_device(setting: str) -> str:
    import ctranslate2

    if setting == "auto":
        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    return setting


def read_vocabulary(folder: Path) -> list[str]:
    json_file = folder / "shared_vocabulary.json"
    if json_file.is_file():
        return json.loads(json_file.read_text(encoding="utf-8"))
    return (folder / "shared_vocabulary.txt").read_text(encoding="utf-8").split("\n")[:-1]


def _import_ctranslate2():
    try:
        import ctranslate2
    except ImportError as exc:
        raise ModelUnavailable(INSTALL_HINT) from exc
    return ctranslate2


def prepare(spec: ModelSpec, location: Path, settings: Settings) -> tuple[Path, str, str]:
    """(converted folder, device, compute type) for `settings`; converts on first use."""
    _import_ctranslate2()
    device = ct2_device(settings.device)
    model_type = json.loads((location / "config.json").read_text()).get("model_type")
    compute_type = choose_compute_type(settings.compute_type, device, model_type)
    return ensure_converted(spec, location, compute_type), device, compute_type


def convert_spec(spec: ModelSpec, settings: Settings) -> Path:
    """The converted folder of `spec` for `settings` (device, compute type)."""
    location = weights_location(spec)
    if location is None:
        raise ModelUnavailable(missing_weights_message(spec, settings))
    try:
        return prepare(spec, location, settings)[0]
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"Cannot convert '{spec.name}' from {location}: {exc}") from exc


def convert_checkpoint(name_or_dir: str | None, settings: Settings) -> Path:
    """`saaransh convert`: the converted folder of a registry name, folder or hub id."""
    return convert_spec(resolve(name_or_dir, settings), settings)


def load_ctranslate2(
    spec: ModelSpec, location: Path, settings: Settings, tokenizer
) -> CTranslate2Generator:
    """Convert (once) and load `spec` for ctranslate2 on the configured device."""
    import torch

    ctranslate2 = _import_ctranslate2()
    folder, device, compute_type = prepare(spec, location, settings)
    kwargs = generate_kwargs(spec.generation)
    config = effective_config(location, kwargs)
    options = ctranslate2_options(kwargs, config)
    try:
        translator = ctranslate2.Translator(
            str(folder),
            device=device,
            compute_type=compute_type,
            inter_threads=1,  # one batch at a time: the service has one model thread
            # The same CPU threads as torch uses, so the two runtimes compare fairly.
            intra_threads=torch.get_num_threads() if device == "cpu" else 0,
        )
    except (RuntimeError, ValueError) as exc:  # e.g. a compute type the device lacks
        raise ModelUnavailable(
            f"ctranslate2 cannot load {folder} on {device} as {compute_type}: {exc}"
        ) from exc
    log.info("ctranslate2 %s on %s/%s from %s", spec.name, device, compute_type, folder)
    forced_eos = getattr(config, "forced_eos_token_id", None) is not None
    # One token budget: at most max_batch_size full-length inputs, fewer when the token
    # budget says so, more when the inputs are short (ctranslate2 counts padding too).
    budget = min(settings.max_batch_tokens, settings.max_batch_size * spec.max_input_tokens)
    return CTranslate2Generator(translator, read_vocabulary(folder), options, budget, forced_eos)
