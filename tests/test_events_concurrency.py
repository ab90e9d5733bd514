"""Many instances on one PostgreSQL: concurrent ingests lose no update and drop no write.

Two independent stores (two connection pools, as two servers have) ingest 60 reports of
one story from eight threads, ten of the ids sent twice by different "servers" at once.
Without the event-assignment lock, the read-modify-write of the event row loses
article_count updates and the same-id race fails on a unique violation.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from fakes_events import TopicEmbedder
from saaransh.article import Article, LanguageInfo
from saaransh.engine import ArticleResult
from saaransh.events import EventService
from saaransh.settings import EventSettings
from saaransh.store import ArticleRow, EventRow, Store
from store_backends import make_store

REPORTS, DUPLICATES, THREADS = 60, 10, 8


def report(i: int) -> ArticleResult:
    lang = "hi" if i % 3 == 0 else "en"
    info = LanguageInfo(lang, "Deva" if lang == "hi" else "Latn", False, 0.0, {})
    sentences = [f"topic7 report {i} on the flood.", "topic7 rescue teams reached the district."]
    day = dt.date(2025, 11, 3 + i % 2)
    article_id = f"r{i % (REPORTS - DUPLICATES)}"
    article = Article(article_id, f"topic7 flood {i}", " ".join(sentences), sentences, info, day)
    return ArticleResult(article, {}, {})


@pytest.mark.postgres
def test_concurrent_reports_of_one_story_make_one_consistent_event(tmp_path):
    with make_store("postgresql", tmp_path) as first:
        second = Store(first.url)  # another "server": its own engine and pool
        services = [EventService(s, embedder=TopicEmbedder(), settings=EventSettings())
                    for s in (first, second)]
        start = threading.Barrier(THREADS)

        def ingest(worker: int) -> list[str]:
            start.wait()  # all threads write at once
            svc = services[worker % 2]
            return [svc.ingest(report(i)) for i in range(worker, REPORTS, THREADS)]

        with ThreadPoolExecutor(THREADS) as pool:
            event_ids = [e for ids in pool.map(ingest, range(THREADS)) for e in ids]
        second.close()

        assert len(event_ids) == REPORTS and all(event_ids)
        with first.transaction() as s:
            events = list(s.scalars(select(EventRow)))
            members = s.scalar(select(func.count()).select_from(ArticleRow)
                               .where(ArticleRow.event_id == events[0].id))  # fmt: skip
            articles = s.scalar(select(func.count()).select_from(ArticleRow))
        assert len(events) == 1
        assert articles == REPORTS - DUPLICATES
        assert events[0].article_count == members == articles
        assert {first.resolve_event_id(e) for e in event_ids} == {events[0].id}
