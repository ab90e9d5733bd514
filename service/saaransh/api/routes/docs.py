"""OpenAPI `responses=` entries: every status a route can answer, with the error schema."""

from __future__ import annotations

from typing import Any

from ..schemas import ErrorOut

_WHY = {
    400: "Malformed request (e.g. a body that is not JSON).",
    401: "Missing or wrong API key (only when SAARANSH_API_KEY is set).",
    404: "No such resource.",
    413: "Request body larger than max_body_bytes.",
    422: "Invalid input; the message names the field and the limit.",
    429: "Queue full; retry after the Retry-After header's seconds.",
    500: "Internal error (details are in the server log, under the request id).",
    503: "Not ready, shutting down, the model worker failed, or the events store is "
    "unreachable (code `store_unavailable`: nothing was stored or read; a summary is "
    "never answered 200 unless its article was stored).",
    504: "No result within request_timeout_s.",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorOut, "description": _WHY[status]} for status in statuses}


V1_ERRORS = (401, 413, 500, 503)  # any /v1 route: auth gate, body limit, draining
