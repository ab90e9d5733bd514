"""Liveness, readiness and Prometheus metrics; open even when an API key is set."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from ...errors import NotReady, ShuttingDown, StoreUnavailable
from ...store.db import describe_failure
from ..errors import response_for
from ..ports import BackedEvents, Events, Pingable
from ..schemas import Health
from .docs import error_responses

router = APIRouter(tags=["health"])
STORE_PING_TIMEOUT_S = 2.0


@router.get("/healthz", response_model=Health)
async def healthz() -> JSONResponse:
    """The process is alive and serving HTTP."""
    return JSONResponse({"status": "ok"})


@router.get("/readyz", response_model=Health, responses=error_responses(503))
async def readyz(request: Request) -> JSONResponse:
    """Models loaded and warmed, batcher running, events store reachable, not draining."""
    lifecycle = request.app.state.lifecycle
    if lifecycle.draining:
        return response_for(ShuttingDown("the server is shutting down"))
    batcher = request.app.state.batcher
    if not lifecycle.ready or batcher is None or not batcher.alive:
        return response_for(NotReady("models are loading or the worker stopped"))
    problem = await store_problem(request.app.state.events)
    if problem is not None:
        return response_for(StoreUnavailable(f"the events store: {problem}"))
    return JSONResponse({"status": "ready", "models": request.app.state.engine.model_names})


async def store_problem(events: Events | None) -> str | None:
    """Why the events store cannot serve now, or None (also with no store at all, or
    one that keeps nothing in a database)."""
    if not isinstance(events, BackedEvents) or not isinstance(events.store, Pingable):
        return None
    store = events.store
    try:
        await asyncio.wait_for(asyncio.to_thread(store.ping), STORE_PING_TIMEOUT_S)
    except TimeoutError:
        return f"no answer within {STORE_PING_TIMEOUT_S:g} s"
    except Exception as exc:  # noqa: BLE001 - any failure to reach it means not ready
        return describe_failure(exc)
    return None


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text format."}},
)
async def metrics(request: Request) -> Response:
    """Prometheus metrics of this process."""
    m = request.app.state.metrics
    return Response(m.render(), media_type=m.content_type)
