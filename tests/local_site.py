"""A real HTTP server on 127.0.0.1 for the feed tests: fixed pages, a robots.txt, a
redirect, a 404, and a log of every request it answered."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(
        default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"}
    )


@dataclass
class Site:
    base: str
    pages: dict[str, Page]
    log: list[tuple[float, str, str]]  # (monotonic time, path, User-Agent)

    def hits(self, path: str) -> int:
        return sum(p == path for _, p, _ in self.log)


@contextmanager
def local_site(pages: dict[str, Page]) -> Iterator[Site]:
    """Serve `pages` (path -> Page) until the block ends; `{base}` in a body is the site's URL."""
    log: list[tuple[float, str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            log.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
            missing = Page(b"not found", 404, {"Content-Type": "text/plain"})
            page = site.pages.get(self.path, missing)
            body = page.body.replace(b"{base}", site.base.encode())
            self.send_response(page.status)
            for name, value in page.headers.items():
                self.send_header(name, value.replace("{base}", site.base))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site = Site(f"http://127.0.0.1:{server.server_address[1]}", pages, log)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
