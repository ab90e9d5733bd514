"""The Ray engine writes exactly the records the local engine writes (extractive, seeds).

One local Ray instance (2 CPUs) serves every Ray test module: Ray's startup is the cost.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

pytest.importorskip("ray", reason="the ray extra is not installed")

from saaransh.cli import app  # noqa: E402
from saaransh.scale.ray_batch import RayChunkProcessor, summarise_with_ray  # noqa: E402
from saaransh.settings import RaySettings, Settings  # noqa: E402

pytestmark = pytest.mark.ray
LANGS = ["en", "hi"]


@pytest.fixture(scope="module")
def ray_session():
    from saaransh.scale._ray import ensure_ray

    # Left running for the other Ray modules (startup is the cost); Ray shuts it down
    # when the test process exits.
    return ensure_ray(num_cpus=2)


@pytest.fixture(scope="module")
def settings():
    return Settings(backend="extractive")


@pytest.fixture(scope="module")
def inputs(seed_paths, tmp_path_factory):
    """The seeds, with an unreadable file in the middle: its error keeps its place."""
    broken = tmp_path_factory.mktemp("in") / "002_broken.txt"
    broken.write_bytes(b"\xc3\x28 not utf-8 \xa0\xa1")
    return [*seed_paths[:2], broken, *seed_paths[2:]]


def run_cli(inputs, out, *extra):
    result = CliRunner().invoke(app, ["summarise", *map(str, inputs), "--backend", "extractive",
                                      "--out", str(out), "--batch-size", "2", *extra])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def local_file(inputs, tmp_path_factory):
    """The reference: what `saaransh summarise --engine local` writes."""
    return run_cli(inputs, tmp_path_factory.mktemp("local") / "out.jsonl", "--engine", "local")


@pytest.fixture(scope="module")
def local_records(local_file):
    return [json.loads(line) for line in local_file.splitlines()]


def test_local_reference_is_meaningful(local_records, inputs):
    assert len(local_records) == len(inputs)
    assert local_records[2]["id"] == "002_broken" and "error" in local_records[2]
    assert all(r["summaries"]["hi"]["method"] == "extractive"
               for i, r in enumerate(local_records) if i != 2)


def test_cli_engine_ray_writes_the_local_file(ray_session, inputs, local_file, tmp_path):
    # Two actors and chunks of two: each chunk is split across both actors.
    ray_file = run_cli(inputs, tmp_path / "out.jsonl", "--engine", "ray", "--num-workers", "2")
    assert ray_file == local_file


def test_ray_data_matches_local(ray_session, inputs, settings, local_records):
    settings = settings.model_copy(update={"ray": RaySettings(num_workers=2, batch_size=2)})
    records = summarise_with_ray(inputs, settings, LANGS)
    assert list(records) == local_records


def test_chunk_processor_handles_an_empty_chunk(ray_session, settings):
    settings = settings.model_copy(update={"ray": RaySettings(num_workers=1, batch_size=4)})
    process = RayChunkProcessor(settings, LANGS)
    assert (process([]), process.chunk_size) == ([], 4)
    process.close()
