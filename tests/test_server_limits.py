"""Limits below the app, through a real uvicorn server with `saaransh serve`'s own config
(saaransh.api.server.uvicorn_config): header size, request-head and body deadlines, and
the connection cap. Raw sockets, because well-behaved clients cannot misbehave."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import uvicorn

from api_support import fake_engine, make_settings
from saaransh.api import create_app
from saaransh.api.server import uvicorn_config
from saaransh.settings import Settings


@contextmanager
def real_server(**overrides) -> Iterator[int]:
    """The app on a free port, served by uvicorn in a thread, until the block ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings: Settings = make_settings(host="127.0.0.1", port=port, **overrides)
    server = uvicorn.Server(uvicorn_config(create_app(settings, fake_engine(settings)), settings))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    return sock


def _read_all(sock: socket.socket) -> bytes:
    """Everything until the server closes the connection (or 5 s pass)."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return data


def _get(port: int, extra_headers: bytes = b"") -> bytes:
    with _connect(port) as sock:
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n" + extra_headers +
                         b"Connection: close\r\n\r\n")  # fmt: skip
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused while we were still sending
        return _read_all(sock)


def test_a_one_megabyte_header_is_refused_and_a_normal_one_is_not():
    with real_server() as port:
        big = _get(port, b"X-Big: " + b"a" * 1_000_000 + b"\r\n")
        under = _get(port, b"X-Fine: " + b"a" * 30_000 + b"\r\n")
        after = _get(port)
    assert not big.startswith(b"HTTP/1.1 200"), big[:100]
    assert big == b"" or big.startswith(b"HTTP/1.1 400")
    assert under.startswith(b"HTTP/1.1 200")
    assert after.startswith(b"HTTP/1.1 200")


def test_a_request_head_sent_too_slowly_is_cut_off():
    with real_server(header_timeout_s=0.5) as port, _connect(port) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n")  # ... and the rest never
        start = time.monotonic()
        data = _read_all(sock)
        held = time.monotonic() - start
    assert data == b"" and held < 2.0


def test_a_half_sent_body_gets_408_and_the_connection_is_closed():
    with real_server(body_timeout_s=0.5) as port, _connect(port) as sock:
        sock.sendall(b"POST /v1/summaries HTTP/1.1\r\nHost: t\r\nContent-Type: application/json"
                     b"\r\nContent-Length: 100\r\n\r\n" + b'{"text": "half')  # fmt: skip
        start = time.monotonic()
        data = _read_all(sock)  # returns when the server closes the connection
        held = time.monotonic() - start
    assert data.startswith(b"HTTP/1.1 408")
    assert b'"request_timeout"' in data
    assert held < 2.0


def test_connections_beyond_the_cap_get_503():
    with real_server(max_connections=4) as port, ExitStack() as idle:
        for _ in range(2):
            idle.enter_context(_connect(port))
        time.sleep(0.1)
        at_cap = _get(port)  # the third connection: under the cap of 4
        idle.enter_context(_connect(port))
        time.sleep(0.1)
        over = _get(port)  # the fourth
    assert at_cap.startswith(b"HTTP/1.1 200")
    assert over.startswith(b"HTTP/1.1 503")
