"""Request ids: taken from `X-Request-Id` (when sane) or generated, echoed on the response,
and stamped on every log line written while the request is handled."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-Id"
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# Client ids go into logs: accept only short, printable ones, so a header cannot forge lines.
_SANE = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id`; attach to handlers, then use %(request_id)s in formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v for k, v in scope["headers"] if k == b"x-request-id"), b"")
        text = given.decode("latin-1")
        rid = text if _SANE.fullmatch(text) else uuid.uuid4().hex
        # Not reset afterwards on purpose: the 500 handler runs outside this middleware,
        # in the same task, and still needs the id. Each request runs in its own task.
        _request_id.set(rid)
        scope.setdefault("state", {})["request_id"] = rid

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = rid
            await send(message)

        await self.app(scope, receive, send_with_id)
