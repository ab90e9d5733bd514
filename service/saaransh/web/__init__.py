"""The newsroom's web page, served by the API app at / (server-rendered, no CDN)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC = "/static/web"


def install_web(app: FastAPI) -> None:
    """Add the page routes and their static files (htmx, fonts, CSS) to `app`."""
    from .routes import router

    app.mount(STATIC, StaticFiles(directory=Path(__file__).parent / "static"), name="web-static")
    app.include_router(router)
