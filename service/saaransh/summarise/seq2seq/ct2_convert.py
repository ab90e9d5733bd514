"""Convert a checkpoint for ctranslate2 once, into a cache folder beside its weights.

`<folder>.ct2/<revision>-<fingerprint>-<compute type>/` (e.g. `models/crosssum.ct2/
refs-pr-1-3f2a9c01d4e7-int8/`): keyed by checkpoint (the folder and a fingerprint of
its config and weight files), revision and compute type. Written into a temporary
folder and moved into place with os.replace, so a reader never sees half a model and
two processes converting at once both end with one complete copy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

from saaransh.summarise.registry import ModelSpec
from saaransh.summarise.seq2seq.tokenizer import load_tokenizer

log = logging.getLogger(__name__)
MODEL_FILE = "model.bin"


def cache_root(spec: ModelSpec) -> Path:
    """Beside the weights folder (for hub checkpoints: where models/ would hold them)."""
    return spec.folder.with_name(spec.folder.name + ".ct2")


def fingerprint(location: Path) -> str:
    """Identifies the checkpoint's content cheaply: config bytes, weight file names,
    sizes and mtimes (in the HF cache, the blob a file links to is its content hash)."""
    digest = hashlib.sha256((location / "config.json").read_bytes())
    for path in sorted(location.glob("*.safetensors*")):
        stat = path.stat()
        digest.update(f"{path.name}:{path.resolve().name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def converted_dir(spec: ModelSpec, location: Path, compute_type: str) -> Path:
    revision = re.sub(r"[^A-Za-z0-9._]+", "-", spec.revision or "local").strip("-")
    return cache_root(spec) / f"{revision}-{fingerprint(location)}-{compute_type}"


def ensure_converted(spec: ModelSpec, location: Path, compute_type: str) -> Path:
    """The converted model's folder; converts on the first call, reuses it afterwards."""
    target = converted_dir(spec, location, compute_type)
    if (target / MODEL_FILE).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    try:
        log.info("converting %s for ctranslate2 (%s) into %s", spec.name, compute_type, target)
        staged = scratch / "model"
        _converter(spec.family, location).convert(str(staged), quantization=compute_type)
        _patch_config(staged / "config.json")
        meta = {"source": str(location), "revision": spec.revision, "compute_type": compute_type}
        (staged / "saaransh.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        try:
            os.replace(staged, target)
        except OSError:
            if not (target / MODEL_FILE).is_file():  # not a lost race: a real failure
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _patch_config(path: Path) -> None:
    config = json.loads(path.read_text(encoding="utf-8"))
    # The convention supplies the whole decoder prefix per request (CrossSum's langid
    # token, NLLB's </s> + target code), so the model must not prepend a start of its own.
    config["decoder_start_token"] = None
    # ctranslate2 refuses a null bos (transformers 5's MBart50Tokenizer has none); a
    # seq2seq model without add_source_bos never uses it.
    config["bos_token"] = config.get("bos_token") or config["eos_token"]
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")


def _say_how_t5_scales(config) -> None:
    """ctranslate2's T5 loader scales decoder outputs by d_model**-0.5 when
    `tie_word_embeddings` is set, as original T5 does and T5 v1.1 / mT5 do not.
    transformers 5 sets that flag on every T5-family config (it ties, or unties when a
    checkpoint holds both matrices) and keeps the truth in `scale_decoder_outputs` (T5)
    or nowhere (mT5 never scales). Left alone, every mT5 would decode with flattened
    logits: greedy tokens survive that, beam search does not."""
    if config.model_type not in {"t5", "mt5", "umt5"}:
        return
    scale = getattr(config, "scale_decoder_outputs", None)
    if scale is None and int(transformers_version().split(".")[0]) >= 5:
        scale = False
    if scale is not None:
        config.tie_word_embeddings = bool(scale)


def transformers_version() -> str:
    import transformers

    return transformers.__version__


def _converter(family: str, location: Path):
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        """Local safetensors only, and the family's own tokenizer (IndicBART's)."""

        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = model_class.from_pretrained(
                model_name_or_path, use_safetensors=True, local_files_only=True, **kwargs
            )
            config = model.config  # the object the converter's loaders read next
            if config.model_type == "mbart" and not hasattr(config, "normalize_before"):
                # transformers' MBart is always pre-norm; only fairseq-exported configs
                # say so, and the converter reads the flag.
                config.normalize_before = True
            _say_how_t5_scales(config)
            return model

        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            return load_tokenizer(family, Path(model_name_or_path))

    return Converter(str(location))
