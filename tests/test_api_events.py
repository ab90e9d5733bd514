"""The article record carries its event: in the POST response as it stood then, in
GET /v1/articles/{id} as it stands now, through the real app and a real events store."""

from __future__ import annotations

import asyncio

from api_support import make_settings, serve
from fakes_events import TopicEmbedder
from saaransh.events import EventService
from saaransh.settings import EventSettings
from saaransh.store import Store

ENGLISH = ("topic5 The river flooded the old city on Monday night. "
           "topic5 Rescue teams moved four hundred families to relief camps.")  # fmt: skip
HINDI = "topic5 सोमवार रात नदी का पानी पुराने शहर में घुस गया। topic5 बचाव दलों ने परिवारों को निकाला।"
OTHER = "topic9 The cricket board named a new captain for the tour of Australia today."


async def test_article_records_carry_their_event(tmp_path):
    events = EventService(Store(f"sqlite:///{tmp_path / 'events.sqlite'}").migrate(),
                          embedder=TopicEmbedder(), settings=EventSettings())  # fmt: skip
    async with serve(make_settings(), events=events) as client:
        first = (await client.post("/v1/summaries", json={"id": "en1", "text": ENGLISH})).json()
        batch = await client.post("/v1/summaries/batch", json={"articles": [
            {"id": "hi1", "text": HINDI}, {"id": "x1", "text": OTHER}]})  # fmt: skip
        then = (await client.get("/v1/articles/en1")).json()
        await asyncio.to_thread(events.refresh_dirty)  # the app's background refresh
        now = (await client.get("/v1/articles/hi1")).json()
    hindi, other = batch.json()["results"]
    event_id = first["cluster_id"]
    # As it stood when the first report came: alone, no event summary computed yet.
    assert first["event"] == {"id": event_id, "article_count": 1,
                              "summaries": {"en": None, "hi": None}}  # fmt: skip
    assert hindi["cluster_id"] == hindi["event"]["id"] == event_id
    assert hindi["event"]["article_count"] == 2
    assert other["event"]["id"] != event_id and other["event"]["article_count"] == 1
    # As it stands: the first report's record now counts the Hindi one too.
    assert then["cluster_id"] == event_id and then["event"]["article_count"] == 2
    # The Hindi report's reader gets the English account of the happening.
    english = now["event"]["summaries"]["en"]
    assert english["method"] == "extractive" and "river flooded" in english["text"]
    assert now["event"]["summaries"]["hi"]["sentences"][0]["article_ids"] == ["hi1"]


async def test_without_a_store_records_have_no_event():
    async with serve(make_settings()) as client:
        record = (await client.post("/v1/summaries", json={"text": ENGLISH})).json()
    assert record["cluster_id"] is None and "event" not in record
