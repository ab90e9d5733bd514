"""The API over the real analysis pipeline (clean, sentences, language ID) on the seed
articles, with the fake summariser standing in for the model."""

from __future__ import annotations

from api_support import make_settings, serve
from fake_engine import FakeEngine


async def test_seed_articles_through_the_real_pipeline(seed_paths):
    settings = make_settings(max_wait_ms=20.0)
    engine = FakeEngine(max_chars=settings.max_chars)  # real analysis
    articles = [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in seed_paths]
    async with serve(settings, engine) as client:
        batch = await client.post("/v1/summaries/batch", json={"articles": articles})
        one = await client.post("/v1/summaries", json=articles[0])
    assert batch.status_code == one.status_code == 200
    results = batch.json()["results"]
    assert [r["id"] for r in results] == [p.stem for p in seed_paths]
    for record in results:
        assert record["language"]["primary"] == "hi"  # the seeds are Hindi news
        assert record["summaries"]["en"]["text"].startswith("[en] ")
    assert one.json() == results[0]


async def test_the_pipeline_date_error_is_a_422_naming_the_field():
    settings = make_settings()
    async with serve(settings, FakeEngine(max_chars=settings.max_chars)) as client:
        r = await client.post(
            "/v1/summaries", json={"text": "A story. Another line.", "published_at": "not a date"}
        )
    assert r.status_code == 422
    assert "published_at" in r.json()["error"]["message"]
