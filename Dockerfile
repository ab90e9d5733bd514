# syntax=docker/dockerfile:1.7
# Saaransh GPU image. Stages:
#   base    Python and a virtualenv
#   build   CUDA torch, then the package (`pip install .`) with the Ray extra
#   test    the fast test suite; the runtime stage copies its marker, so an image
#           whose tests fail is never built
#   runtime non-root, weights and HF cache on volumes, `saaransh serve`
#
#   docker build -t saaransh .
#   docker build --build-arg TORCH_CUDA=cu126 -t saaransh .   # older host drivers
#
# The CUDA runtime comes inside the torch wheels (nvidia-* packages), so a slim
# Python base suffices; the host supplies only the driver (NVIDIA Container Toolkit).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv

FROM base AS build
# pyproject pins torch==2.13.0; the CUDA build (2.13.0+cu128) satisfies that pin, so
# installing it first keeps `pip install .` from replacing it with another build.
ARG TORCH_VERSION=2.13.0
ARG TORCH_CUDA=cu128
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/${TORCH_CUDA}
RUN pip install --index-url ${TORCH_INDEX_URL} "torch==${TORCH_VERSION}"
WORKDIR /src
COPY pyproject.toml README.md ./
COPY service ./service
ARG EXTRAS=ray
# ctranslate2 (a core dependency) ships one Linux wheel for CPU and CUDA 12; on CUDA it
# loads cuBLAS 12, which the CUDA torch wheels install (nvidia-cublas-cu12).
RUN pip install ".[${EXTRAS}]" \
 && python -c "import torch, saaransh; assert torch.__version__.startswith('${TORCH_VERSION}+cu'), torch.__version__" \
 && python -c "import ctranslate2; print('ctranslate2', ctranslate2.__version__)" \
 && ls /opt/venv/lib/python3.11/site-packages/nvidia/cublas/lib/libcublas.so.12

FROM build AS test
COPY . /src
# Editable here (this stage is thrown away): the tests run against the source checkout.
RUN pip install -e ".[dev]"
RUN pytest -q -p no:cacheprovider && touch /tests-passed

FROM base AS runtime
# The test stage's marker: building this stage runs (and needs) the test suite.
COPY --from=test /tests-passed /opt/saaransh-tests-passed
COPY --from=build /opt/venv /opt/venv
RUN useradd --uid 10001 --create-home --home-dir /home/saaransh saaransh \
 && mkdir -p /app/models /app/data /app/hf-cache \
 && chown -R saaransh:saaransh /app
WORKDIR /app
# The model registry and prompt templates ship inside the package; a registry.toml put
# into the models volume overrides the packaged one.
RUN python -c "from saaransh.summarise.seq2seq.prompts import available; assert available()"
COPY --chmod=755 docker/entrypoint.sh /usr/local/bin/saaransh-entrypoint
# LD_LIBRARY_PATH: where ctranslate2 finds cuBLAS 12 (it dlopens libcublas.so.12).
ENV SAARANSH_HOST=0.0.0.0 \
    SAARANSH_PORT=8000 \
    SAARANSH_MODELS_DIR=/app/models \
    SAARANSH_DATA_DIR=/app/data \
    SAARANSH_BACKEND=auto \
    SAARANSH_RUNTIME=transformers \
    HF_HOME=/app/hf-cache \
    LD_LIBRARY_PATH=/opt/venv/lib/python3.11/site-packages/nvidia/cublas/lib
# Weights, Hugging Face cache and the SQLite store outlive the container.
VOLUME ["/app/models", "/app/hf-cache", "/app/data"]
USER saaransh
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=300s --retries=3 \
  CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('SAARANSH_PORT', '8000'), timeout=4)"
ENTRYPOINT ["saaransh-entrypoint"]
CMD ["saaransh", "serve"]
