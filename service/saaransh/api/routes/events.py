"""GET /v1/clusters, /v1/clusters/{id}, /v1/articles/{id}: reads from the events store.

Without a store (events=None) the service still summarises; these routes then answer as
an empty store would: an empty list, and 404 for any id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from ...errors import NotFound
from ..ports import Events
from ..schemas import ArticleRecord, ClusterList, ClusterOut
from .docs import V1_ERRORS, error_responses

router = APIRouter(prefix="/v1", tags=["events"])
Id = Annotated[str, Path(min_length=1, max_length=200)]
T = TypeVar("T")


async def _read(request: Request, read: Callable[[Events], T]) -> T | None:
    """`read(events)` on the store thread; None without a store."""
    events: Events | None = request.app.state.events
    if events is None:
        return None
    return await request.app.state.service.store(read, events)


@router.get("/clusters", response_model=ClusterList, responses=error_responses(*V1_ERRORS, 422))
async def list_clusters(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> JSONResponse:
    """Events (clusters of articles about one happening), newest first."""
    clusters = await _read(request, lambda events: events.list_clusters(limit, offset))
    return JSONResponse({"clusters": clusters or [], "limit": limit, "offset": offset})


@router.get(
    "/clusters/{cluster_id}",
    response_model=ClusterOut,
    responses=error_responses(*V1_ERRORS, 404, 422),
)
async def get_cluster(cluster_id: Id, request: Request) -> JSONResponse:
    """One event: its articles and its English and Hindi summaries."""
    cluster = await _read(request, lambda events: events.get_cluster(cluster_id))
    if cluster is None:
        raise NotFound("no cluster with this id")
    return JSONResponse(cluster)


@router.get(
    "/articles/{article_id}",
    response_model=ArticleRecord,
    responses=error_responses(*V1_ERRORS, 404, 422),
)
async def get_article(article_id: Id, request: Request) -> JSONResponse:
    """One stored article record, as POST /v1/summaries returned it."""
    article = await _read(request, lambda events: events.get_article(article_id))
    if article is None:
        raise NotFound("no article with this id")
    return JSONResponse(article)
