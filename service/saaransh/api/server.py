"""`saaransh serve`: uvicorn around the app, with SIGTERM turned into a graceful drain."""

from __future__ import annotations

import logging
import signal
from types import FrameType

import uvicorn
from fastapi import FastAPI
from starlette.types import ASGIApp

from ..settings import Settings
from .app import app_for
from .guard import guarded_h11
from .middleware import Lifecycle
from .request_id import RequestIdFilter

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class DrainingServer(uvicorn.Server):
    """On SIGTERM/SIGINT: flag draining first (readyz and new /v1 requests answer 503),
    then let uvicorn stop listening, finish in-flight requests and run the lifespan
    shutdown, which drains the batcher."""

    def __init__(self, config: uvicorn.Config, lifecycle: Lifecycle) -> None:
        super().__init__(config)
        self.lifecycle = lifecycle

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.lifecycle.draining = True
        logging.getLogger(__name__).info("%s: draining", signal.Signals(sig).name)
        super().handle_exit(sig, frame)


def configure_logging(level: int = logging.INFO) -> None:
    """Every log line carries the request id of the request it belongs to ("-" if none)."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def uvicorn_config(app: ASGIApp, settings: Settings) -> uvicorn.Config:
    """How `saaransh serve` runs `app`: its address, drain time and connection limits."""
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,  # keep the request-id format above for uvicorn's loggers too
        # In-flight requests may take up to request_timeout_s; give them that to finish.
        timeout_graceful_shutdown=int(settings.request_timeout_s) + 5,
        http=guarded_h11(settings.header_timeout_s),
        h11_max_incomplete_event_size=settings.max_header_bytes,
        timeout_keep_alive=settings.keep_alive_s,
        limit_concurrency=settings.max_connections,
    )


def run(settings: Settings, app: FastAPI | None = None) -> None:
    """Serve `app` (default: `app_for(settings)`) on settings.host:settings.port until
    SIGTERM/SIGINT, then drain and exit."""
    configure_logging()
    app = app or app_for(settings)
    DrainingServer(uvicorn_config(app, settings), app.state.lifecycle).run()
