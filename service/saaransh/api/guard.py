"""Limits below the app, in the HTTP protocol itself: what uvicorn's options do not cover.

uvicorn's default parser (httptools) accepts headers of any size, and neither parser
times out a client that sends its request head slowly. `guarded_h11` is uvicorn's h11
protocol with the header size capped (`h11_max_incomplete_event_size`: 400 and close
beyond it) and a deadline for each request head: from the connection's start, or from
the previous response, a complete head must arrive within `header_timeout_s`, or the
connection is closed. The body's deadline is the app's (BodyLimitMiddleware), which can
answer 408.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol


class GuardedH11Protocol(H11Protocol):
    header_timeout_s = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._head_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a whole request head arrived in time
            self._cancel_head_timer()

    def on_response_complete(self) -> None:
        # Armed first: a pipelined request handled inside the call below disarms it.
        if not self.transport.is_closing():
            self._arm_head_timer()
        super().on_response_complete()

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_too_slow)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.logger.info("closing a connection: no complete request head in %g s",
                             self.header_timeout_s)
            self.transport.close()


def guarded_h11(header_timeout_s: float) -> type[GuardedH11Protocol]:
    """The protocol class uvicorn builds per connection, with this header deadline."""
    return type("GuardedH11Protocol", (GuardedH11Protocol,), {"header_timeout_s": header_timeout_s})
