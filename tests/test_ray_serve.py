"""The API behind Ray Serve: one request round-trips through Serve's HTTP proxy."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("ray", reason="the ray extra is not installed")
httpx = pytest.importorskip("httpx")
from processes import free_port  # noqa: E402 - after the skips

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from ray import serve

    from saaransh.scale._ray import ensure_ray
    from saaransh.scale.ray_serve import deploy
    from saaransh.settings import Settings

    settings = Settings(backend="extractive", host="127.0.0.1", port=free_port(),
                        data_dir=tmp_path_factory.mktemp("serve-data"))
    ensure_ray(num_cpus=2)  # reuses the instance test_ray_parity started, if any
    started = time.perf_counter()
    try:
        deploy(settings)  # settings.ray: one replica, no GPU
        print(f"Ray Serve deploy took {time.perf_counter() - started:.1f} s")
        yield f"http://127.0.0.1:{settings.port}"
    finally:
        serve.shutdown()


def test_one_request_round_trips(served, seed_paths):
    text = Path(seed_paths[1]).read_text(encoding="utf-8")
    response = httpx.post(f"{served}/v1/summaries", json={"text": text, "id": "seed-1"},
                          timeout=120)
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["id"] == "seed-1"
    assert set(record["summaries"]) == {"en", "hi"}
    assert record["summaries"]["hi"]["method"] == "extractive"
    assert httpx.get(f"{served}/readyz", timeout=10).status_code == 200
