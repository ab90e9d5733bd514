"""The Ray engine writes exactly the records the local engine writes (extractive, seeds).

One local Ray instance (2 CPUs) serves the whole module: Ray's startup is the cost.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

pytest.importorskip("ray", reason="the ray extra is not installed")

from saaransh.batch import chunked, summarise_chunk  # noqa: E402
from saaransh.cli import app  # noqa: E402
from saaransh.factory import build_engine  # noqa: E402
from saaransh.readers import read_paths  # noqa: E402
from saaransh.scale.ray_batch import ray_chunk_processor, summarise_with_ray  # noqa: E402
from saaransh.settings import Settings  # noqa: E402

pytestmark = pytest.mark.ray
LANGS = ["en", "hi"]


@pytest.fixture(scope="module")
def ray_session():
    import ray

    from saaransh.scale._ray import ensure_ray

    yield ensure_ray(num_cpus=2)
    ray.shutdown()


@pytest.fixture(scope="module")
def settings():
    return Settings(backend="extractive")


@pytest.fixture(scope="module")
def inputs(seed_paths, tmp_path_factory):
    """The seeds, with an unreadable file in the middle: its error keeps its place."""
    broken = tmp_path_factory.mktemp("in") / "002_broken.txt"
    broken.write_bytes(b"\xc3\x28 not utf-8 \xa0\xa1")
    return [*seed_paths[:2], broken, *seed_paths[2:]]


@pytest.fixture(scope="module")
def local_records(inputs, settings):
    engine = build_engine(settings)
    records = []
    for chunk in chunked(read_paths(inputs), 2):
        docs = [d for d in chunk if not hasattr(d, "to_record")]
        done = iter(summarise_chunk(engine, docs, LANGS))
        records += [d.to_record() if hasattr(d, "to_record") else next(done) for d in chunk]
    return records


def test_local_reference_is_meaningful(local_records):
    assert [r["id"] for r in local_records][2] == "002_broken"
    assert "error" in local_records[2]
    assert all(r["summaries"]["hi"]["method"] == "extractive"
               for i, r in enumerate(local_records) if i != 2)


@pytest.mark.parametrize(("num_workers", "batch_size"), [(2, 2)])
def test_ray_data_matches_local(ray_session, inputs, settings, local_records, num_workers,
                                batch_size):
    records = list(summarise_with_ray(inputs, settings, LANGS, num_workers=num_workers,
                                      batch_size=batch_size))
    assert records == local_records


def test_chunk_processor_matches_local(ray_session, inputs, settings, local_records):
    process = ray_chunk_processor(settings, LANGS, num_workers=2, batch_size=2)
    try:
        docs = [d for d in read_paths(inputs) if not hasattr(d, "to_record")]
        records = [r for chunk in chunked(docs, process.chunk_size) for r in process(chunk)]
    finally:
        process.close()
    assert records == [r for r in local_records if "error" not in r]


def test_cli_engine_ray_writes_the_local_file(ray_session, inputs, tmp_path):
    runner = CliRunner()
    outputs = {}
    for engine in ("local", "ray"):
        out = tmp_path / f"{engine}.jsonl"
        result = runner.invoke(app, ["summarise", *map(str, inputs), "--backend", "extractive",
                                     "--engine", engine, "--out", str(out), "--batch-size", "2"])
        assert result.exit_code == 0, result.output
        outputs[engine] = out.read_text(encoding="utf-8")
    assert outputs["ray"] == outputs["local"]
    assert len([json.loads(x) for x in outputs["ray"].splitlines()]) == len(inputs)
