#!/bin/sh
# Container entrypoint. `fetch-weights [NAME...]` downloads model weights into the
# models volume and always exits 0: offline, the server still starts and
# SAARANSH_BACKEND=auto falls back to the extractive backend. Anything else is exec'd.
set -eu

if [ "${1:-}" = "fetch-weights" ]; then
  shift
  names="${*:-${SAARANSH_FETCH_WEIGHTS:-}}"
  if [ -z "$names" ]; then
    echo "saaransh: SAARANSH_FETCH_WEIGHTS is empty; no weights to fetch" >&2
    exit 0
  fi
  # Word splitting of $names is intended: it is a space-separated list of names.
  # shellcheck disable=SC2086
  if saaransh download-weights $names; then
    echo "saaransh: weights ready in ${SAARANSH_MODELS_DIR:-models}: $names" >&2
    if [ "${SAARANSH_RUNTIME:-transformers}" = ctranslate2 ]; then
      # Convert now, once, so the server loads the cached conversion at start-up.
      for name in $names; do saaransh convert "$name" || true; done
    fi
  else
    echo "saaransh: could not download '$names' (offline or hub unreachable); the" \
      "server will use the weights already in the volume, or the extractive backend" >&2
  fi
  exit 0
fi

exec "$@"
