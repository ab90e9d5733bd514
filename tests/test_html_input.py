"""`format: "html"` through the API: the HTML path's dependencies (trafilatura and the
lxml_html_clean it needs) are named in pyproject.toml, so this passes in a venv built
with the pip that `python -m venv` ships (.ci/run checks exactly that)."""

from __future__ import annotations

from pathlib import Path

from api_support import make_settings, serve
from fake_engine import FakeEngine

PAGE = (Path(__file__).parent / "fixtures" / "article.html").read_text(encoding="utf-8")


async def test_html_article_is_answered_200():
    settings = make_settings()
    engine = FakeEngine(max_chars=settings.max_chars)  # the real analysis, HTML included
    async with serve(settings, engine) as client:
        r = await client.post("/v1/summaries", json={"text": PAGE, "format": "html"})
    assert r.status_code == 200, r.text[:300]
    record = r.json()
    assert record["title"] == "दिल्ली में मानसून की दस्तक, अगले तीन दिन भारी बारिश का अलर्ट"
    assert record["language"]["primary"] == "hi"
    assert record["summaries"]["hi"]["text"].startswith("[hi] मौसम विभाग ने रविवार को")
