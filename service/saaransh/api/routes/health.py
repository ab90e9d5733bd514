"""Liveness, readiness and Prometheus metrics; open even when an API key is set."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from ..errors import error_response
from ..schemas import Health
from .docs import error_responses

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> JSONResponse:
    """The process is alive and serving HTTP."""
    return JSONResponse({"status": "ok"})


@router.get("/readyz", response_model=Health, responses=error_responses(503))
async def readyz(request: Request) -> JSONResponse:
    """Models loaded and warmed, batcher running, not draining."""
    lifecycle = request.app.state.lifecycle
    if lifecycle.draining:
        return error_response(503, "shutting_down", "the server is shutting down")
    batcher = getattr(request.app.state, "batcher", None)
    if not lifecycle.ready or batcher is None or not batcher.alive:
        return error_response(503, "not_ready", "models are loading or the worker stopped")
    return JSONResponse({"status": "ready", "models": request.app.state.engine.model_names})


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text format."}},
)
async def metrics(request: Request) -> Response:
    """Prometheus metrics of this process."""
    m = request.app.state.metrics
    return Response(m.render(), media_type=m.content_type)
