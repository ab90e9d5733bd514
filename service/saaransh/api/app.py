"""The FastAPI app factory and its lifespan: load and warm the models, run the batcher,
and on shutdown drain it before the process exits."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .. import __version__
from ..article import RawDocument
from ..engine import Engine
from ..settings import Settings
from .batching import Batcher, BatchLimits
from .docs_ui import install_docs
from .errors import install_error_handlers
from .metrics import Metrics
from .middleware import BodyLimitMiddleware, GateMiddleware, Lifecycle, MetricsMiddleware
from .ports import ConsolidatingEvents, Events, RefreshableEvents
from .refresher import EventRefresher
from .request_id import HEADER, RequestIdMiddleware
from .routes import events as events_routes
from .routes import health, summaries
from .second_pass import SecondPass
from .summarising import SummaryService

log = logging.getLogger(__name__)
_WARMUP_TEXT = (
    "नई दिल्ली में आज बारिश हुई और मौसम विभाग ने चेतावनी जारी की। "
    "The weather office issued a warning for the capital."
)


def create_app(
    settings: Settings,
    engine: Engine | None = None,
    events: Events | None = None,
    *,
    events_factory: Callable[[Engine], Events] | None = None,
) -> FastAPI:
    """The service. `engine` None: built from `settings` (saaransh.factory) at startup.
    `events` None: no store (summaries still work; cluster routes answer empty/404);
    `events_factory(engine)` builds the store at startup instead."""
    lifecycle, metrics = Lifecycle(), Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        lifecycle.ready, lifecycle.draining = False, False
        eng = engine
        if eng is None:
            from ..factory import build_engine

            eng = await asyncio.to_thread(build_engine, settings)
        if app.state.events is None and events_factory is not None:
            app.state.events = await asyncio.to_thread(events_factory, eng)
        batcher = _make_batcher(eng, settings, metrics)
        batcher.start()
        service = SummaryService(
            eng,
            batcher,
            max_chars=settings.max_chars,
            default_langs=settings.target_langs,
            events=app.state.events,
            analysis_workers=settings.analysis_workers,
        )
        app.state.engine, app.state.batcher, app.state.service = eng, batcher, service
        tasks = []
        try:
            await _warm_up(eng, batcher, settings)
            if isinstance(app.state.events, RefreshableEvents):
                refresher = EventRefresher(app.state.events, batcher, service.store)
                tasks.append(asyncio.create_task(refresher.run()))
            if isinstance(app.state.events, ConsolidatingEvents):
                second_pass = SecondPass(app.state.events, service.store)
                tasks.append(asyncio.create_task(second_pass.run()))
            if settings.feeds:
                from ..feeds.background import follow_in_background

                log.info("following %d feeds every %g s", len(settings.feeds),
                         settings.feed_interval_s)
                feeds = follow_in_background(settings, service, app.state.events)
                tasks.append(asyncio.create_task(feeds))
            lifecycle.ready = True
            log.info("ready: %s", eng.model_names)
            yield
        finally:
            lifecycle.ready, lifecycle.draining = False, True
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await batcher.stop(drain_timeout=settings.request_timeout_s)
            service.close()

    app = FastAPI(
        title="Saaransh",
        version=__version__,
        summary="English and Hindi summaries of Hindi, English and code-mixed news.",
        lifespan=lifespan,
        docs_url=None,  # served offline by install_docs
        redoc_url=None,
    )
    app.state.settings, app.state.lifecycle, app.state.metrics = settings, lifecycle, metrics
    app.state.events, app.state.batcher = events, None
    install_error_handlers(app)
    for module in (summaries, events_routes, health):
        app.include_router(module.router)
    install_docs(app)
    if settings.web:
        from ..web import install_web

        install_web(app)
    # add_middleware wraps: the last added runs first (request id → CORS → metrics → ...).
    app.add_middleware(
        BodyLimitMiddleware, max_bytes=settings.max_body_bytes, timeout_s=settings.body_timeout_s
    )
    app.add_middleware(GateMiddleware, lifecycle=lifecycle, api_key=settings.api_key)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", HEADER],
            expose_headers=[HEADER, "Retry-After"],
        )
    app.add_middleware(RequestIdMiddleware)
    return app


def _make_batcher(engine: Engine, settings: Settings, metrics: Metrics) -> Batcher:
    limits = BatchLimits(
        max_batch_size=settings.max_batch_size,
        max_batch_tokens=settings.max_batch_tokens,
        max_wait_s=settings.max_wait_ms / 1000,
    )
    return Batcher(
        engine.summarise_requests,
        limits,
        translate=engine.translate_batch,
        max_queue=settings.max_queue,
        token_count=engine.summariser.token_count,
        metrics=metrics,
        name=engine.summariser.name,
    )


async def _warm_up(engine: Engine, batcher: Batcher, settings: Settings) -> None:
    # A full-size batch first, so the first real batch pays no allocation cost.
    await batcher.run_job(engine.summariser.warmup, settings.max_batch_size)
    # The first analysis loads lexicons and language-ID models; pay for it before serving.
    await asyncio.to_thread(engine.analyse, RawDocument(id="warmup", body=_WARMUP_TEXT))


def create_app_from_env() -> FastAPI:
    """`uvicorn --factory saaransh.api.app:create_app_from_env`: Settings from SAARANSH_*."""
    return app_for(Settings())


def app_for(settings: Settings) -> FastAPI:
    """The app `saaransh serve` runs: the engine and the events store from saaransh.factory."""
    from .. import factory

    log.info("events store: %s", factory.store_location(settings))
    return create_app(settings, events_factory=partial(factory.build_events, settings))
