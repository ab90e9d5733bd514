"""Typed errors → HTTP statuses, in one place, with one body shape:
`{"error": {"code": str, "message": str}}`.

Messages never echo the request: a 1 MB article does not come back in a 422, and a
lone surrogate in the input cannot break the error response itself.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import Overloaded, RequestTimeout, SaaranshError, Unauthorized
from .request_id import current_request_id

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "overloaded",
    503: "unavailable",
    504: "timeout",
}


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": _safe(message)}}, status, headers=dict(headers or {})
    )


def response_for(exc: SaaranshError) -> JSONResponse:
    """The response for a typed error, where no exception handler runs (the ASGI
    middleware, /readyz): the same code, status, message and headers as the handler's."""
    return error_response(exc.status, exc.code, str(exc) or exc.code, _headers_for(exc))


def describe_validation_errors(errors: list[dict], limit: int = 5) -> str:
    """One line per failing field (where and why), never the offending value."""
    parts = []
    for err in errors[:limit]:
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        where = ".".join(loc) or "body"
        if err.get("type") == "json_invalid":
            why = f"invalid JSON ({err.get('ctx', {}).get('error', 'decode error')})"
            where = f"body at position {loc[0]}" if loc else "body"
        elif not loc and err.get("type") in {"model_attributes_type", "model_type", "dict_type"}:
            why = "expected a JSON object (with Content-Type: application/json)"
        else:
            why = err.get("msg", "invalid")
        parts.append(f"{where}: {why}")
    if len(errors) > limit:
        parts.append(f"... and {len(errors) - limit} more")
    return "; ".join(parts)


def _safe(text: str, limit: int = 1000) -> str:
    # A message built from library text could still carry a surrogate; never let the
    # error path itself raise UnicodeEncodeError.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")[:limit]


def _headers_for(exc: SaaranshError) -> dict[str, str]:
    headers = {}
    if isinstance(exc, RequestTimeout):
        headers["Connection"] = "close"  # the rest of the body is never read
    if isinstance(exc, Overloaded):
        headers["Retry-After"] = str(getattr(exc, "retry_after", 1))
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    return headers


def install_error_handlers(app: FastAPI) -> None:
    """The only place that turns exceptions into HTTP responses."""

    @app.exception_handler(SaaranshError)
    async def _typed(_: Request, exc: SaaranshError) -> JSONResponse:
        return response_for(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_input", describe_validation_errors(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return error_response(exc.status_code, code, message, exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", exc_info=exc)
        return error_response(
            500, "internal", "internal error", {"X-Request-Id": current_request_id()}
        )
