"""The model registry: which checkpoint plays which role, and where its weights are.

`models/registry.toml` names checkpoints; `resolve()` turns a registry name, a
local folder or a hub id into a `ModelSpec`. Nothing here touches the network:
`weights_present()` looks at the folder and the local Hugging Face cache only.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from huggingface_hub import try_to_load_from_cache

from saaransh.errors import ModelUnavailable
from saaransh.settings import Settings

FAMILIES = ("mt5_xlsum", "crosssum", "indicbart", "mbart50", "nllb", "prompt", "seq2seq")
WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json")
# The packaged default; models/registry.toml (settings.models_dir) overrides it.
_PACKAGED_REGISTRY = Path(__file__).resolve().parents[1] / "data" / "registry.toml"


@dataclass(frozen=True)
class ModelSpec:
    """One checkpoint: its conventions (`family`), where it lives, how to generate."""

    name: str
    family: str
    folder: Path
    hub: str | None = None
    revision: str | None = None
    role: str = "summariser"
    languages: tuple[str, ...] = ("en", "hi")
    generation: dict = field(default_factory=dict)
    prompts: dict = field(default_factory=dict)

    @property
    def max_input_tokens(self) -> int:
        return int(self.generation.get("max_input_tokens", 512))


def registry_path(settings: Settings) -> Path:
    """`<models_dir>/registry.toml`, else the one in this source checkout."""
    local = settings.models_dir / "registry.toml"
    return local if local.is_file() else _PACKAGED_REGISTRY


def load_registry(settings: Settings) -> dict:
    path = registry_path(settings)
    if not path.is_file():
        return {"models": {}}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _spec_from_entry(name: str, entry: dict, settings: Settings) -> ModelSpec:
    if entry.get("family") not in FAMILIES:
        raise ModelUnavailable(
            f"Registry entry '{name}' has unknown family {entry.get('family')!r}."
        )
    folder = Path(entry["folder"]) if "folder" in entry else settings.models_dir / name
    return ModelSpec(
        name=name,
        family=entry["family"],
        folder=folder,
        hub=entry.get("hub"),
        revision=entry.get("revision"),
        role=entry.get("role", "summariser"),
        languages=tuple(entry.get("languages", ("en", "hi"))),
        generation=dict(entry.get("generation", {})),
        prompts=dict(entry.get("prompts", {})),
    )


def registry_specs(settings: Settings) -> dict[str, ModelSpec]:
    entries = load_registry(settings).get("models", {})
    return {name: _spec_from_entry(name, e, settings) for name, e in entries.items()}


def default_name(settings: Settings, role: str = "summariser") -> str | None:
    return load_registry(settings).get(f"default_{role}")


def infer_family(folder: Path) -> str:
    """Guess the convention of an unregistered checkpoint folder from its files."""
    config = _read_json(folder / "config.json")
    tok_config = _read_json(folder / "tokenizer_config.json")
    model_type = config.get("model_type")
    tok_class = str(tok_config.get("tokenizer_class", ""))
    if "langid_map" in (config.get("task_specific_params") or {}):
        return "crosssum"
    if tok_class.startswith("Albert") or (model_type == "mbart" and tok_config.get("keep_accents")):
        return "indicbart"
    if tok_class.startswith("MBart50"):
        return "mbart50"
    if tok_class.startswith("Nllb"):
        return "nllb"
    return "seq2seq"  # generic AutoModelForSeq2SeqLM: writes its input's language


def family_generation(specs: dict[str, ModelSpec], family: str, role: str) -> dict:
    """The generation defaults of an unregistered checkpoint of `family` in `role`: those
    of the registry's first entry of that family and role (a CrossSum folder gets
    CrossSum's beams, not transformers' greedy max_length=20). None without such an entry:
    a translator's lengths are wrong for a summary, and the generic family has no entry."""
    same = (spec for spec in specs.values() if spec.family == family and spec.role == role)
    best = next(same, None)
    return dict(best.generation) if best is not None else {}


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def resolve(name_or_dir: str | None, settings: Settings, role: str = "summariser") -> ModelSpec:
    """A registry name, a local folder or a hub id (`org/name`) -> ModelSpec.

    None means the registry's default for `role`.
    """
    specs = registry_specs(settings)
    name = name_or_dir or default_name(settings, role)
    if name is None:
        raise ModelUnavailable(f"No model given and the registry names no default {role}.")
    if name in specs:
        return specs[name]
    path = Path(name).expanduser()
    for spec in specs.values():  # a registered folder keeps its registry settings
        if spec.folder.resolve() == path.resolve():
            return spec
    if path.is_dir():
        family = infer_family(path)
        return ModelSpec(name=path.name, family=family, folder=path, role=role,
                         generation=family_generation(specs, family, role))  # fmt: skip
    for spec in specs.values():
        if spec.hub == name:
            return spec
    if _looks_like_path(name, settings):
        # "models/x" and "org/x" look alike; under models_dir or with ./ ~ / it is a path.
        raise ModelUnavailable(f"No model folder at {name}: give a registry name, a folder "
                               "holding a checkpoint, or a hub id (org/name).")
    if name.count("/") == 1 and not path.exists():
        cached = try_to_load_from_cache(name, "config.json")
        family = infer_family(Path(cached).parent) if isinstance(cached, str) else "seq2seq"
        return ModelSpec(
            name=name, family=family, folder=settings.models_dir / name, hub=name, role=role,
            generation=family_generation(specs, family, role),
        )
    raise ModelUnavailable(
        f"Unknown model '{name}': not a registry name ({', '.join(sorted(specs))}), "
        "a folder, or a hub id."
    )


def _looks_like_path(name: str, settings: Settings) -> bool:
    path = Path(name).expanduser()
    models_dir = settings.models_dir.expanduser()
    return (
        name.startswith((".", "/", "~"))
        or path.is_absolute()
        or path.exists()
        or path.resolve().is_relative_to(models_dir.resolve())
    )


def _folder_has_weights(folder: Path) -> bool:
    return (folder / "config.json").is_file() and any(folder.glob("*.safetensors"))


def cached_snapshot(spec: ModelSpec) -> Path | None:
    """The HF-cache snapshot folder holding this spec's config and safetensors, if any."""
    if not spec.hub:
        return None
    config = try_to_load_from_cache(spec.hub, "config.json", revision=spec.revision)
    if not isinstance(config, str):
        return None
    for weights in WEIGHT_FILES:
        if isinstance(try_to_load_from_cache(spec.hub, weights, revision=spec.revision), str):
            return Path(config).parent
    return None


def weights_location(spec: ModelSpec) -> Path | None:
    """Where to load from: the local folder first, then the HF cache; None when absent."""
    if _folder_has_weights(spec.folder):
        return spec.folder
    return cached_snapshot(spec)


def weights_present(spec: ModelSpec) -> bool:
    """True when the weights can be loaded without the network."""
    return weights_location(spec) is not None


def missing_weights_message(spec: ModelSpec, settings: Settings) -> str:
    """What to do when `spec` has no local weights (download, or which files a folder needs)."""
    if spec.name in registry_specs(settings):
        return (
            f"Weights of '{spec.name}' are not in {spec.folder} or the Hugging Face cache; "
            f"run `saaransh download-weights {spec.name}` where a network is available."
        )
    return (
        f"No checkpoint in {spec.folder}: it needs config.json, *.safetensors weights "
        "and tokenizer files."
    )
