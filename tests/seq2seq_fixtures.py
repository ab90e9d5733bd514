"""Shared fixtures for the seq2seq tests: tiny checkpoints built once per test session."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

import pytest

import tiny_models
from saaransh.settings import Settings
from saaransh.summarise.registry import ModelSpec
from saaransh.summarise.seq2seq import load_runner

# Greedy, fixed-length output: deterministic and cheap.
TINY_GENERATION = {"num_beams": 1, "max_new_tokens": 4, "min_new_tokens": 4, "max_input_tokens": 48}


@functools.cache
def tiny_root() -> Path:
    """Build every tiny checkpoint once per process (module-level cache, not per test file)."""
    root = Path(tempfile.mkdtemp(prefix="saaransh-tiny-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for family, build in tiny_models.BUILDERS.items():
        build(root / family)
    return root


def tiny_spec(family: str, languages=("en", "hi"), **generation) -> ModelSpec:
    return ModelSpec(
        name=f"tiny-{family}",
        family=family,
        folder=tiny_root() / family,
        languages=tuple(languages),
        generation={**TINY_GENERATION, **generation},
    )


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(models_dir=tmp_path / "models", device="cpu", max_batch_size=4)


@functools.cache
def _cached_runner(family: str, languages: tuple[str, ...], runtime: str, compute_type: str):
    settings = Settings(
        device="cpu", max_batch_size=4, runtime=runtime, compute_type=compute_type
    )
    return load_runner(tiny_spec(family, languages), settings)


@pytest.fixture
def runner_for():
    """Loaded once per (family, languages, runtime); tests must not keep state on it.
    ctranslate2 runs in float32 here, so its tokens can be compared with transformers'."""

    def get(family: str, languages=("en", "hi"), runtime="transformers", compute_type="float32"):
        runner = _cached_runner(family, tuple(languages), runtime, compute_type)
        if runtime == "transformers":
            runner.generator.batch_size = 4
        return runner

    return get


class GenerateSpy:
    """Wraps model.generate: records every call's kwargs and output ids."""

    def __init__(self, runner, monkeypatch) -> None:
        self.calls: list[dict] = []
        real = runner.generator.model.generate

        def spy(*args, **kwargs):
            out = real(*args, **kwargs)
            self.calls.append({**kwargs, "output": out.tolist()})
            return out

        monkeypatch.setattr(runner.generator.model, "generate", spy)
