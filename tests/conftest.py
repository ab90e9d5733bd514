"""Shared fixtures: the seed articles, and an environment that never reaches a network."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"

# No test may reach the Hugging Face hub, whatever the machine's network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """Each test starts with no SAARANSH_* variables and its own data dir."""
    for key in list(os.environ):
        if key.startswith("SAARANSH_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("SAARANSH_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_articles(seed_paths):
    """The five seeds analysed by the real pipeline, keyed by id (computed once)."""
    from saaransh.jobs.readers import read_paths
    from saaransh.pipeline import analyse

    return {doc.id: analyse(doc) for doc in read_paths(seed_paths)}


@pytest.fixture(scope="session")
def devdata():
    """benchmarks/devdata.py (the real dev data and its fixed tune/held-out split); the test
    is skipped where ../shared/dev is absent. Never copy its texts into the repository."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import devdata as module

    if not module.available():
        pytest.skip(f"dev data not found in {module.dev_dir()}")
    return module
