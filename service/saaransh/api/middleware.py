"""ASGI middleware: body size limit (before parsing), draining and API-key gate, metrics.

Plain ASGI classes rather than BaseHTTPMiddleware: they see every byte, keep the
request's contextvars, and let a route listen for the client's disconnect.
"""

from __future__ import annotations

import asyncio
import hmac
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import (
    BadRequest,
    InputTooLarge,
    InvalidInput,
    NotReady,
    RequestTimeout,
    ShuttingDown,
    Unauthorized,
)
from .errors import response_for
from .metrics import Metrics

_BODY_METHODS = {"POST", "PUT", "PATCH"}
_OPEN_PATHS = {"/healthz", "/readyz", "/metrics"}


@dataclass
class Lifecycle:
    """`ready` once models are loaded and warm; `draining` from SIGTERM until exit."""

    ready: bool = False
    draining: bool = False


def _is_guarded(path: str) -> bool:
    return path == "/v1" or path.startswith("/v1/")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


class BodyLimitMiddleware:
    """413 past `max_bytes` (by Content-Length up front, else by counting the chunks),
    408 when the whole body has not arrived within `timeout_s` (the connection is then
    closed: a half-sent body holds nothing), 422 for a JSON body that is not UTF-8; the
    app then gets the buffered body."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float = 30.0) -> None:
        self.app, self.max_bytes, self.timeout_s = app, max_bytes, timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and not declared.strip().isdigit():
            await response_for(BadRequest("Content-Length is not a number"))(scope, receive, send)
            return
        if declared is not None and int(declared) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        if scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        chunks, size = [], 0
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                message = await asyncio.wait_for(receive(), deadline - time.monotonic())
            except TimeoutError:
                late = RequestTimeout(f"body: not received in full within {self.timeout_s:g} s")
                await response_for(late)(scope, receive, send)
                return
            if message["type"] == "http.disconnect":
                return  # the client left before sending its body
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        content_type = (_header(scope, b"content-type") or "application/json").lower()
        if "json" in content_type:
            try:
                body.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad = InvalidInput(f"body: not valid UTF-8 (byte {exc.start}); send UTF-8 JSON")
                await response_for(bad)(scope, receive, send)
                return
        await self.app(scope, _replay(body, receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        too_large = InputTooLarge(f"body: larger than the limit of {self.max_bytes} bytes")
        await response_for(too_large)(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # later calls wait for the disconnect, as usual

    return replay


class GateMiddleware:
    """Guards /v1: 503 while loading or draining; 401 without the bearer key, if one is set."""

    def __init__(self, app: ASGIApp, lifecycle: Lifecycle, api_key: str | None) -> None:
        self.app, self.lifecycle = app, lifecycle
        self.api_key = api_key.encode() if api_key else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_guarded(scope["path"]):
            await self.app(scope, receive, send)
            return
        if self.lifecycle.draining:
            response = response_for(ShuttingDown("the server is shutting down"))
        elif not self.lifecycle.ready:
            response = response_for(NotReady("the models are still loading"))
        elif self.api_key is not None and not self._authorised(scope):
            response = response_for(
                Unauthorized("missing or wrong API key: send 'Authorization: Bearer <key>'")
            )
        else:
            await self.app(scope, receive, send)
            return
        await response(scope, receive, send)

    def _authorised(self, scope: Scope) -> bool:
        assert self.api_key is not None
        scheme, _, given = (_header(scope, b"authorization") or "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode("latin-1"), self.api_key
        )


class MetricsMiddleware:
    """Counts requests by route template (never the raw path: ids would explode cardinality)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status, start = 500, time.perf_counter()
        # Taken now: a mount rewrites root_path in the scope on the way down.
        probe = {"type": "http", "path": scope["path"], "root_path": scope.get("root_path", ""),
                 "method": scope["method"]}  # fmt: skip

        async def send_and_record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            self.metrics.observe_request(
                route_template(scope, probe), scope["method"], status, time.perf_counter() - start
            )


def route_template(scope: Scope, probe: Scope) -> str:
    """The template of the route that served `scope`: FastAPI marks its own routes in the
    scope; plain Starlette routes (/openapi.json), mounts (static files) and requests a
    middleware answered (401, 413) are matched here, with `probe` (the request as it came
    in), against the app's routes. "unmatched" only for a path no route knows."""
    path = getattr(scope.get("route"), "path", None)
    if path:
        return path
    partial = None
    for route in _flat(getattr(scope.get("app"), "routes", ())):
        match, _ = route.matches(dict(probe))
        if match is Match.NONE:
            continue
        template = f"{route.path}/{{path}}" if isinstance(route, Mount) else route.path
        if match is Match.FULL:
            return template
        partial = partial or template  # the path is known, the method is not (405)
    return partial or "unmatched"


def _flat(routes: Iterable) -> Iterator:
    """Routes with a path template; recent FastAPI wraps each included router in an object
    without one, whose own routes sit in `original_router`."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _flat(inner.routes)
        elif getattr(route, "path", None):
            yield route
