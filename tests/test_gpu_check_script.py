"""scripts/gpu_check_runtimes.py is ready for a lent GPU: it refuses to run without one
unless told `--device cpu`, and with `--device cpu --small` it runs every step."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "gpu_check_runtimes.py"


def run_script(tmp_path: Path, *args: str, timeout: int) -> subprocess.CompletedProcess:
    env = os.environ | {
        "GPU_CHECK_DIR": str(tmp_path / "work"),
        "OUT": str(tmp_path / "out"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "service"), os.environ.get("PYTHONPATH", "")]),
        "CUDA_VISIBLE_DEVICES": "",  # the CPU path even where a GPU exists
    }
    return subprocess.run([sys.executable, str(SCRIPT), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def test_without_cuda_the_gpu_check_stops_and_says_why(tmp_path):
    out = run_script(tmp_path, timeout=120)
    assert out.returncode == 2, out.stderr
    assert "GPU CHECK FAILED" in out.stderr and "--device cpu --small" in out.stderr
    assert not (tmp_path / "out" / "gpu_check.json").exists()


@pytest.mark.slow
def test_the_gpu_check_runs_end_to_end_on_the_cpu(tmp_path):
    pytest.importorskip("ctranslate2")
    out = run_script(tmp_path, "--device", "cpu", "--small", timeout=600)
    assert out.returncode == 0, out.stderr[-4000:]
    result = json.loads((tmp_path / "out" / "gpu_check.json").read_text())
    assert result["check_only"] and result["environment"]["device"] == "cpu"
    tiny = result["tiny_crosssum"]
    # float32 on the CPU: both engines agree token for token, and the langid token of
    # each target language starts the decoder under both.
    assert tiny["greedy_same_en"] == tiny["greedy_same_hi"] == "5/5"
    assert tiny["languages_differ"]
    for runtime in ("transformers", "ctranslate2"):
        assert tiny[f"{runtime}_en_decoder_start"] == "▁<extra_id_9>"
        assert tiny[f"{runtime}_hi_decoder_start"] == "▁<extra_id_13>"
    runs = {(r["runtime"], r["batch"]) for r in result["runs"]}
    assert runs == {(rt, b) for rt in ("transformers", "ctranslate2") for b in (1, 2)}
    assert all(r["articles_per_s"] > 0 and r["articles"] == 2 * r["batch"]
               for r in result["runs"])
