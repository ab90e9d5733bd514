#!/usr/bin/env bash
# The runtime check on a lent GPU machine (see scripts/gpu_check_runtimes.py for what it
# measures). Prepare here once, in the repo root (the GPU image has Python 3.12 and torch,
# but neither ctranslate2 nor pydantic-settings, and cannot reach a package index):
#
#   echo /.whl/ >> .git/info/exclude
#   python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 \
#     --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 \
#     --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 -d .whl \
#     ctranslate2==4.8.5 pydantic==2.14.4 pydantic-core==2.50.5 pydantic-settings==2.16.3 \
#     python-dotenv==1.2.4 annotated-types==0.8.0 typing-inspection==0.4.5      # ~44 MB
#
# then run it there (device tool): command "bash scripts/gpu_check_runtimes.sh",
# carry [".whl"], timeout_s 420. It stops with exit status 2 where there is no GPU.
#
# ctranslate2's PyPI wheels are built for CUDA 12 and load libcublas.so.12 at run time.
# The saaransh GPU image has it (torch cu128 brings nvidia-cublas-cu12); an image with
# only CUDA 13's cuBLAS does not: then the ctranslate2 runs fail and say so. With
# CUBLAS12_SHIM=1 this script points libcublas.so.12 at CUDA 13's cuBLAS instead: an
# untested ABI shim for a measurement, never for production.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONUNBUFFERED=1
if ! nvidia-smi -L; then
  echo "GPU CHECK FAILED: nvidia-smi finds no NVIDIA GPU" >&2
  exit 2
fi
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .whl/*.whl
  export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
fi
libs=$(python3 - <<'PY'
import glob, site, sys
roots = site.getsitepackages() + [p for p in sys.path if p]
found = {lib.rsplit("/", 1)[0] for r in roots for lib in glob.glob(f"{r}/nvidia/cu*/lib/libcublas*.so.*")}
print(":".join(sorted(found)))
PY
)
[ -n "$libs" ] && export LD_LIBRARY_PATH="$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
if ! (ldconfig -p; tr ':' '\n' <<<"${LD_LIBRARY_PATH:-}" | xargs -r -I{} ls {}) 2>/dev/null \
    | grep -q 'libcublas.so.12'; then
  echo "WARNING: no libcublas.so.12: ctranslate2 (a CUDA 12 build) cannot run on CUDA here" >&2
  if [ "${CUBLAS12_SHIM:-0}" = 1 ]; then
    dir=$(tr ':' '\n' <<<"$libs" | head -n1)
    mkdir -p /tmp/cublas12
    ln -sf "$dir/libcublas.so.13" /tmp/cublas12/libcublas.so.12
    ln -sf "$dir/libcublasLt.so.13" /tmp/cublas12/libcublasLt.so.12
    export LD_LIBRARY_PATH="/tmp/cublas12:$LD_LIBRARY_PATH"
    echo "WARNING: CUBLAS12_SHIM=1: libcublas.so.12 -> $dir/libcublas.so.13 (untested ABI)" >&2
  fi
fi
mkdir -p "${OUT:-/tmp}"
timeout 300 python3 scripts/gpu_check_runtimes.py "$@" 2>&1 | tee "${OUT:-/tmp}/gpu_check.log"
