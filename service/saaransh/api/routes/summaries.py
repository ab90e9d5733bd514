"""POST /v1/summaries and /v1/summaries/batch."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ...errors import InvalidInput, SaaranshError, error_record
from ..schemas import ArticleIn, ArticleRecord, BatchIn, BatchOut
from ..summarising import SummaryService, with_deadline
from .docs import V1_ERRORS, error_responses

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["summaries"])
_ERRORS = error_responses(*V1_ERRORS, 400, 422, 429, 504)


async def _run(request: Request, articles: list[ArticleIn]) -> list:
    service: SummaryService = request.app.state.service
    settings = request.app.state.settings

    async def disconnected() -> None:
        while (await request.receive())["type"] != "http.disconnect":
            pass

    return await with_deadline(
        service.summarise(articles), settings.request_timeout_s, disconnected
    )


@router.post("/summaries", response_model=ArticleRecord, responses=_ERRORS)
async def summarise_article(article: ArticleIn, request: Request) -> JSONResponse:
    """Summarise one article into English and Hindi."""
    ((_, result),) = await _run(request, [article])
    if isinstance(result, Exception):
        raise result
    return JSONResponse(result)


@router.post("/summaries/batch", response_model=BatchOut, responses=_ERRORS)
async def summarise_batch(body: BatchIn, request: Request) -> JSONResponse:
    """Summarise many articles in one call; a failing article gets an error in its slot."""
    limit = request.app.state.settings.max_batch_items
    if len(body.articles) > limit:
        raise InvalidInput(
            f"articles: {len(body.articles)} items, over the limit of {limit} (max_batch_items)"
        )
    results = await _run(request, body.articles)
    return JSONResponse({"results": [_item(art_id, r) for art_id, r in results]})


def _item(art_id: str, result: dict | Exception) -> dict:
    if isinstance(result, dict):
        return result
    if not isinstance(result, SaaranshError):
        log.error("article %s failed", art_id, exc_info=result)
    return error_record(art_id, result)  # an untyped error's detail stays in the log
