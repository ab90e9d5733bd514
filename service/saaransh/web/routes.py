"""The newsroom page: paste or upload an article, browse events, open one event.

GET pages read stored state only (event summaries as last computed, never recomputed
here); a paste goes through the same SummaryService and batcher as POST /v1/summaries.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from ..api.ports import BrowsableEvents
from ..api.schemas import ArticleIn
from ..api.summarising import with_deadline
from ..errors import InvalidInput, ModelUnavailable, SaaranshError
from ..text.clean import clean_html, clean_text
from ..text.normalise import decode_bytes, normalise_text
from . import auth, views

log = logging.getLogger(__name__)
T = TypeVar("T")
router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["outlet"] = views.outlet
EVENTS_PER_PAGE = 10
POLLS = 15  # times a just-joined event's card asks again (every 2 s) for its summaries
templates.env.globals |= {"LANG_NAMES": views.LANG_NAMES, "POLLS": POLLS}


# Everything from this origin: no CDN, and an injected script or form target goes nowhere.
CSP = ("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'self'")


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context["auth_on"] = bool(request.app.state.settings.api_key)
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    return response


def _sign_in(request: Request) -> Response:
    if request.headers.get("hx-request"):
        return _page(request, "_error.html", 401, message="Your session ended: sign in again.")
    return RedirectResponse(f"/login?next={request.url.path}", status_code=303)


async def _read(request: Request, fn: Callable[..., T], *args: Any) -> T | None:
    """Run a read on the store thread; None without a store or before startup ends."""
    events, service = request.app.state.events, getattr(request.app.state, "service", None)
    if events is None or service is None:
        return None
    return await service.store(fn, events, *args)


def _events_page(events: BrowsableEvents, limit: int, offset: int) -> list[dict]:
    clusters = events.list_clusters(limit, offset)
    return [views.event_view(c, events.cluster_articles(c["id"])) for c in clusters]


def _one_event(events: BrowsableEvents, event_id: str) -> dict | None:
    cluster = events.get_cluster(event_id)
    if cluster is None:
        return None
    members = events.cluster_articles(cluster["id"])
    return views.event_view(cluster, members) | {"timeline": views.timeline(members)}


@router.get("/", response_class=HTMLResponse)
async def front_page(
    request: Request, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0
) -> Response:
    """Paste form and events, newest first."""
    if not auth.signed_in(request):
        return _sign_in(request)
    events = await _read(request, _events_page, EVENTS_PER_PAGE, offset)
    return _page(request, "index.html", events=events, offset=offset, per_page=EVENTS_PER_PAGE,
                 has_store=request.app.state.events is not None)  # fmt: skip


@router.get("/events/{event_id}", response_class=HTMLResponse)
async def event_page(request: Request, event_id: str) -> Response:
    """One event: both summaries, and its articles on a timeline."""
    if not auth.signed_in(request):
        return _sign_in(request)
    event = await _read(request, _one_event, event_id[:200])
    if event is None:
        return _page(request, "error.html", 404, message="No event with this id.")
    return _page(request, "event.html", event=event)


@router.get("/events/{event_id}/card", response_class=HTMLResponse)
async def event_card(
    request: Request, event_id: str, poll: Annotated[int, Query(ge=0, le=POLLS)] = 0
) -> Response:
    """An event's card (htmx swaps it in while its summaries are being computed)."""
    if not auth.signed_in(request):
        return _sign_in(request)
    event = await _read(request, _one_event, event_id[:200])
    if event is None:
        return _page(request, "_error.html", 404, message="No event with this id.")
    return _page(request, "_event_card.html", event=event, poll=poll, joined=True)


@router.post("/articles", response_class=HTMLResponse)
async def paste(
    request: Request,
    text: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Summarise a pasted or uploaded article, as POST /v1/summaries does."""
    if not auth.signed_in(request):
        return _sign_in(request)
    if not auth.same_origin(request):
        return _page(request, "_error.html", 403, message="Form posted from another site.")
    fragment = bool(request.headers.get("hx-request"))
    try:
        result = await _summarise(request, text, title, upload)
        status = 200
    except SaaranshError as exc:
        result, status = {"error": str(exc)}, exc.status
    if fragment:
        return _page(request, "_result.html", status, result=result)
    events = await _read(request, _events_page, EVENTS_PER_PAGE, 0)
    has_store = request.app.state.events is not None
    return _page(request, "index.html", status, result=result, events=events, offset=0,
                 per_page=EVENTS_PER_PAGE, has_store=has_store)  # fmt: skip


async def _summarise(
    request: Request, text: str, title: str, upload: UploadFile | None
) -> dict:
    service = getattr(request.app.state, "service", None)
    if service is None or not request.app.state.lifecycle.ready:
        raise ModelUnavailable("The models are still loading; try again in a moment.")
    body, fmt = text, "text"
    if upload is not None and upload.filename:
        body = decode_bytes(await upload.read())
        fmt = "html" if upload.filename.lower().endswith((".html", ".htm")) else "text"
    try:
        item = ArticleIn(text=body, title=title.strip() or None, format=fmt)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidInput(f"{first['loc'][0]}: {first['msg']}") from None

    async def disconnected() -> None:
        while (await request.receive())["type"] != "http.disconnect":
            pass

    settings = request.app.state.settings
    ((_, record),) = await with_deadline(
        service.summarise([item]), settings.request_timeout_s, disconnected
    )
    if isinstance(record, SaaranshError):
        raise record
    if isinstance(record, Exception):
        log.error("paste failed", exc_info=record)
        raise SaaranshError("internal error (details in the server log)")
    tokens, cut = await asyncio.to_thread(_tokens, body, fmt)
    event = None
    if record.get("cluster_id"):
        event = await _read(request, _one_event, record["cluster_id"])
    return {"record": record, "tokens": tokens, "tokens_cut": cut, "event": event}


def _tokens(body: str, fmt: str) -> tuple[list[views.Token], bool]:
    # Cleaning is cheap and model-free: redone here so the colours cover the text the
    # pipeline analysed, not the page chrome around it.
    text = normalise_text(body)
    cleaned = clean_html(text) if fmt == "html" else clean_text(text)
    return views.coloured_tokens(cleaned.text)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str = "/") -> Response:
    if not request.app.state.settings.api_key:
        return RedirectResponse("/", status_code=303)  # nothing to sign in to
    return _page(request, "login.html", next=auth.safe_next(next))


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request, key: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/"
) -> Response:
    api_key = request.app.state.settings.api_key
    if not api_key:
        return RedirectResponse("/", status_code=303)
    if not auth.same_origin(request) or not auth.key_matches(key, api_key):
        return _page(request, "login.html", 401, next=auth.safe_next(next), wrong=True)
    response = RedirectResponse(auth.safe_next(next), status_code=303)
    response.set_cookie(
        auth.COOKIE, auth.session_token(api_key), httponly=True, samesite="strict",
        secure=request.url.scheme == "https", path="/",
    )  # fmt: skip
    return response


@router.post("/logout")
async def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.COOKIE, path="/")
    return response
