"""The article and event store: one class over SQLite or PostgreSQL.

Every method takes an optional `session`; pass one (from `Store.transaction()`) to
make several calls one atomic unit, as `EventService.ingest` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, defer, sessionmaker

from ..settings import Settings
from .db import make_engine, upgrade
from .models import ArticleRow, EventMergeRow, EventRow
from .sanitise import clean_value

ARTICLE_FIELDS = (
    "title", "url", "text", "sentences", "language", "published_at",
    "summaries", "unavailable", "embedding", "entities", "event_id",
)  # fmt: skip


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or Settings().resolved_database_url()
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self) -> Store:
        """Create or upgrade the schema to the newest migration."""
        upgrade(self.engine)
        return self

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def _use(self, session: Session | None) -> Iterator[Session]:
        if session is not None:
            yield session
        else:
            with self.transaction() as own:
                yield own

    # -- articles ------------------------------------------------------------
    def upsert_article(self, id: str, session: Session | None = None, **fields: Any) -> ArticleRow:
        """Insert the article or update the fields given; text is sanitised on the way in."""
        unknown = set(fields) - set(ARTICLE_FIELDS)
        if unknown:
            raise TypeError(f"unknown article fields: {sorted(unknown)}")
        with self._use(session) as s:
            row = s.get(ArticleRow, clean_value(id))
            if row is None:
                row = ArticleRow(id=clean_value(id))
                s.add(row)
            for name, value in fields.items():
                setattr(row, name, value if name == "embedding" else clean_value(value))
            s.flush()
            return row

    def get_article(self, id: str, session: Session | None = None) -> ArticleRow | None:
        with self._use(session) as s:
            return s.get(ArticleRow, clean_value(id))

    def latest_published(self, session: Session | None = None) -> dt.date | None:
        """The newest article date in the store (the stream's clock for undated articles)."""
        with self._use(session) as s:
            return s.scalar(select(func.max(ArticleRow.published_at)))

    def count_articles(self, session: Session | None = None) -> int:
        with self._use(session) as s:
            return s.scalar(select(func.count()).select_from(ArticleRow)) or 0

    # -- events --------------------------------------------------------------
    def resolve_event_id(self, id: str, session: Session | None = None) -> str:
        """Follow a merge: the id an old event id now lives under."""
        with self._use(session) as s:
            into = s.scalar(select(EventMergeRow.into_id).where(EventMergeRow.old_id == id))
            return into or id

    def get_event(self, id: str, session: Session | None = None) -> EventRow | None:
        with self._use(session) as s:
            return s.get(EventRow, self.resolve_event_id(clean_value(id), s))

    def event_article_ids(self, id: str, session: Session | None = None) -> list[str]:
        """Member ids, oldest first (undated last), ties by id: a stable order."""
        with self._use(session) as s:
            query = (
                select(ArticleRow.id)
                .where(ArticleRow.event_id == id)
                .order_by(ArticleRow.published_at.is_(None), ArticleRow.published_at, ArticleRow.id)
            )
            return list(s.scalars(query))

    def event_articles(self, id: str, session: Session | None = None) -> list[ArticleRow]:
        with self._use(session) as s:
            query = (
                select(ArticleRow)
                .where(ArticleRow.event_id == id)
                .order_by(ArticleRow.published_at.is_(None), ArticleRow.published_at, ArticleRow.id)
            )
            return list(s.scalars(query))

    def list_events(
        self, limit: int = 50, offset: int = 0, session: Session | None = None
    ) -> list[EventRow]:
        """Newest first: by last_seen, then by the last change."""
        with self._use(session) as s:
            query = (
                select(EventRow)
                .order_by(EventRow.last_seen.desc(), EventRow.updated_at.desc(), EventRow.id)
                .limit(limit)
                .offset(offset)
            )
            return list(s.scalars(query))

    def active_events(
        self,
        since: dt.date,
        until: dt.date | None = None,
        limit: int | None = None,
        session: Session | None = None,
    ) -> list[EventRow]:
        """Events last seen on or after `since` (and first seen by `until`), newest first.
        The index on last_seen keeps this flat as the store grows."""
        with self._use(session) as s:
            # The clusterer never reads summaries: leave those (large) JSON columns unloaded.
            query = (
                select(EventRow)
                .options(defer(EventRow.summaries), defer(EventRow.unavailable))
                .where(EventRow.last_seen >= since)
            )
            if until is not None:
                query = query.where(EventRow.first_seen <= until)
            query = query.order_by(EventRow.last_seen.desc(), EventRow.id).limit(limit)
            return list(s.scalars(query))

    def dirty_event_ids(
        self, limit: int | None = None, session: Session | None = None
    ) -> list[str]:
        with self._use(session) as s:
            query = select(EventRow.id).where(EventRow.summary_dirty.is_(True))
            return list(s.scalars(query.order_by(EventRow.id).limit(limit)))

    def save_event_summaries(
        self, id: str, version: int, summaries: dict, unavailable: dict,
        session: Session | None = None,
    ) -> bool:
        """Store summaries computed for `version`; False if the event changed meanwhile."""
        with self._use(session) as s:
            result = s.execute(
                update(EventRow)
                .where(EventRow.id == id, EventRow.version == version)
                .values(
                    summaries=clean_value(summaries),
                    unavailable=clean_value(unavailable),
                    summary_dirty=False,
                )
            )
            return result.rowcount == 1  # type: ignore[attr-defined]

    def merge_events(self, keep: EventRow, drop: EventRow, session: Session) -> None:
        """Move `drop`'s members into `keep` and leave a forwarding record for its id."""
        session.execute(
            update(ArticleRow).where(ArticleRow.event_id == drop.id).values(event_id=keep.id)
        )
        session.execute(
            update(EventMergeRow).where(EventMergeRow.into_id == drop.id).values(into_id=keep.id)
        )
        session.add(EventMergeRow(old_id=drop.id, into_id=keep.id))
        session.delete(drop)
        session.flush()
