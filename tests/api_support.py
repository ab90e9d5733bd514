"""Shared by the API tests: a real app, through its lifespan, with a deterministic engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from fake_engine import FakeEngine
from saaransh.api import create_app
from saaransh.settings import Settings

HINDI = "भारत ने आज नई योजना की घोषणा की। सरकार ने कहा कि इससे किसानों को लाभ होगा।"
ENGLISH = "India announced a new scheme today. The government said farmers would benefit."


def make_settings(**overrides) -> Settings:
    base = {"max_wait_ms": 1.0, "request_timeout_s": 5.0}
    return Settings(**(base | overrides))


def fake_engine(settings: Settings, delay_s: float = 0.0) -> FakeEngine:
    # The crude analysis keeps these tests about the HTTP layer: independent of the
    # language-ID models and fast on two cores. test_api_pipeline.py runs the real one.
    return FakeEngine(delay_s, fake_analysis=True, max_chars=settings.max_chars)


@asynccontextmanager
async def serve(
    settings: Settings, engine=None, events=None
) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan running, and a client that talks to it in-process."""
    app = create_app(settings, engine or fake_engine(settings), events)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client
