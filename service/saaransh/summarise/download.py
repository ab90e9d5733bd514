"""`saaransh download-weights`: fetch registry checkpoints into models/<name>/."""

from __future__ import annotations

import os
from pathlib import Path

from saaransh.errors import ModelUnavailable
from saaransh.settings import Settings
from saaransh.summarise.registry import default_name, registry_specs

# Safetensors weights, configs and tokenizer files; never pickle (.bin) weights.
ALLOW_PATTERNS = [
    "*.safetensors",
    "*.safetensors.index.json",
    "*.json",
    "spiece.model",
    "sentencepiece.bpe.model",
    "*.model",
    "*.txt",
]


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def download_weights(
    names: list[str] | None, settings: Settings, *, everything: bool = False
) -> list[Path]:
    """Download each named registry entry; no names: the default summariser only, or
    every registry entry with `everything` (13B-parameter aya-101 included). Returns folders."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

    specs = registry_specs(settings)
    unknown = [n for n in names or [] if n not in specs]
    if unknown:
        raise ModelUnavailable(
            f"Not in the registry: {', '.join(unknown)}; known: {', '.join(sorted(specs))}."
        )
    if not names:
        default = default_name(settings)
        names = list(specs) if everything else [default] if default else []
        if not names:
            raise ModelUnavailable("No names given and the registry names no default summariser.")
    if _offline():
        raise ModelUnavailable("HF_HUB_OFFLINE is set, so no weights can be downloaded.")
    folders = []
    for name in names:
        spec = specs[name]
        if not spec.hub:
            raise ModelUnavailable(f"Registry entry '{name}' has no hub id to download from.")
        try:
            snapshot_download(
                spec.hub,
                revision=spec.revision,
                local_dir=spec.folder,
                allow_patterns=ALLOW_PATTERNS,
            )
        except (LocalEntryNotFoundError, HfHubHTTPError, OSError) as exc:
            raise ModelUnavailable(
                f"Could not download '{name}' ({spec.hub}) from the Hugging Face hub: "
                f"{type(exc).__name__}; check the network or mount the weights in {spec.folder}."
            ) from exc
        if not any(spec.folder.glob("*.safetensors")):
            raise ModelUnavailable(
                f"'{name}' ({spec.hub}@{spec.revision or 'main'}) publishes no safetensors "
                "weights; set `revision` in the registry to a branch or PR that has them."
            )
        folders.append(spec.folder)
    return folders
