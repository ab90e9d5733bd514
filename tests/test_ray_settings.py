"""Ray stays optional: settings without Ray, no Ray import from saaransh, a clear error."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from saaransh.errors import RayUnavailable
from saaransh.scale import RaySettings
from saaransh.scale._ray import import_ray
from saaransh.settings import Settings


def test_defaults_run_a_local_cpu_job():
    s = RaySettings()
    assert (s.address, s.num_workers, s.num_gpus_per_worker) == (None, 1, 0)
    assert (s.num_replicas, s.num_gpus_per_replica, s.batch_size) == (1, 0, 16)


@pytest.mark.parametrize(
    ("env", "field", "value"),
    [
        ({"SAARANSH_RAY_ADDRESS": "ray://head:10001"}, "address", "ray://head:10001"),
        ({"SAARANSH_RAY_NUM_WORKERS": "4"}, "num_workers", 4),
        ({"SAARANSH_RAY_NUM_GPUS_PER_WORKER": "0.5"}, "num_gpus_per_worker", 0.5),
        ({"SAARANSH_RAY_NUM_REPLICAS": "2"}, "num_replicas", 2),
        ({"SAARANSH_RAY_NUM_GPUS_PER_REPLICA": "1"}, "num_gpus_per_replica", 1),
    ],
)
def test_read_from_the_environment(monkeypatch, env, field, value):
    for key, val in env.items():
        monkeypatch.setenv(key, val)
    assert getattr(Settings().ray, field) == value


@pytest.mark.parametrize(
    ("field", "ok", "bad"),
    [("num_workers", 1, 0), ("num_replicas", 1, 0), ("num_gpus_per_worker", 0, -0.1),
     ("batch_size", 1, 0)],
)
def test_limits_at_the_boundary_and_one_past(field, ok, bad):
    assert getattr(RaySettings(**{field: ok}), field) == ok
    with pytest.raises(ValidationError):
        RaySettings(**{field: bad})


def test_missing_ray_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # makes `import ray` raise ImportError
    with pytest.raises(RayUnavailable, match=r"saaransh\[ray\]"):
        import_ray()


def test_importing_saaransh_does_not_import_ray():
    code = (
        "import sys, saaransh, saaransh.cli, saaransh.scale, saaransh.scale.ray_batch, "
        "saaransh.scale.ray_serve; assert 'ray' not in sys.modules, 'ray was imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
