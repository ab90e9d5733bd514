"""The article and event store: one class over SQLite or PostgreSQL.

Every method takes an optional `session`; pass one (from `Store.transaction()`) to
make several calls one atomic unit, as `EventService.ingest` does.

Many instances on one PostgreSQL: `write_transaction` takes a transaction-level
advisory lock, so event assignment (read the candidate events, decide, update one)
runs one at a time across every server, and retries the transaction when the database
reports a serialisation failure, a deadlock or a lost insert race. A row lock could not
do it: two first reports of one new story would each create an event. SQLite already
has a single writer and takes no lock.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, defer, sessionmaker

from ..errors import InvalidInput
from ..ids import id_problem
from .db import make_engine, ping, upgrade
from .models import ArticleRow, EventMergeRow, EventRow
from .sanitise import clean_value

log = logging.getLogger(__name__)
T = TypeVar("T")
# pg_advisory_xact_lock key of event assignment ("saaransh" in ASCII, as an int64).
EVENTS_LOCK = 0x7361617261_6E7368
# SQLSTATEs worth a retry: serialization_failure, deadlock_detected, unique_violation.
RETRY_SQLSTATES = frozenset({"40001", "40P01", "23505"})
WRITE_ATTEMPTS = 5

class EventKey(NamedTuple):
    """An event's identity and version: enough to tell whether a cached profile is fresh."""

    id: str
    version: int
    created_at: dt.datetime


ARTICLE_FIELDS = (
    "title", "url", "text", "sentences", "language", "published_at",
    "summaries", "unavailable", "embedding", "entities", "event_id",
)  # fmt: skip


class Store:
    def __init__(self, url: str) -> None:
        # The door resolves the URL (Settings.resolved_database_url); the store reads no settings.
        self.url = url
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self) -> Store:
        """Create or upgrade the schema to the newest migration."""
        upgrade(self.engine)
        return self

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> None:
        """Raise if the database cannot be reached now (for /readyz)."""
        ping(self.engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def write_transaction(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` in a transaction that holds the event-assignment lock
        (PostgreSQL), retried on serialisation failures, deadlocks and insert races."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.transaction() as session:
                    if self.is_postgres:
                        session.execute(select(func.pg_advisory_xact_lock(EVENTS_LOCK)))
                    return work(session)
            except DBAPIError as exc:
                code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
                if code not in RETRY_SQLSTATES or attempt == WRITE_ATTEMPTS:
                    raise
                log.warning("store write retried (%s, attempt %d)", code, attempt)
                time.sleep(0.01 * 2**attempt)
        raise AssertionError("unreachable")

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
        problem = id_problem(id)
        if problem is not None:
            # Cleaning would merge ids ("nul\x00id" and "nulid"): refuse instead.
            raise InvalidInput(f"article id {problem}")
        with self._use(session) as s:
            article_id = id
            row = s.get(ArticleRow, article_id)
            if row is None:
                # INSERT ... ON CONFLICT DO NOTHING: a concurrent insert of the same id
                # (another server) is no error; this one then updates that row.
                insert = (postgresql.insert if self.is_postgres else sqlite.insert)(ArticleRow)
                s.execute(insert.values(id=article_id).on_conflict_do_nothing())
                row = s.get(ArticleRow, article_id)
                assert row is not None
            for name, value in fields.items():
                setattr(row, name, value if name == "embedding" else clean_value(value))
            s.flush()
            return row

    def get_article(self, id: str, session: Session | None = None) -> ArticleRow | None:
        if id_problem(id) is not None:
            return None  # upsert_article never stores such an id
        with self._use(session) as s:
            return s.get(ArticleRow, id)

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
        if id_problem(id) is not None:
            return None  # event ids are made here, never with such characters
        with self._use(session) as s:
            return s.get(EventRow, self.resolve_event_id(id, s))

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
        """Newest first: by last_seen (undated events last), then by the last change."""
        with self._use(session) as s:
            query = (
                select(EventRow)
                .order_by(
                    EventRow.last_seen.desc().nulls_last(), EventRow.updated_at.desc(),
                    EventRow.id,
                )  # fmt: skip
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
    ) -> list[EventKey]:
        """Events last seen on or after `since` (and first seen by `until`), newest first,
        as (id, version, created_at) rows: the clusterer loads a whole event only when its
        cached profile is stale. The index on last_seen keeps this flat as the store grows."""
        with self._use(session) as s:
            query = select(EventRow.id, EventRow.version, EventRow.created_at).where(
                EventRow.last_seen >= since
            )
            if until is not None:
                query = query.where(EventRow.first_seen <= until)
            query = query.order_by(EventRow.last_seen.desc(), EventRow.id).limit(limit)
            return [EventKey(*row) for row in s.execute(query)]

    def recent_events(self, limit: int, session: Session | None = None) -> list[EventKey]:
        """The `limit` events changed most recently, whatever their dates (indexed)."""
        with self._use(session) as s:
            query = (
                select(EventRow.id, EventRow.version, EventRow.created_at)
                .order_by(EventRow.updated_at.desc(), EventRow.id)
                .limit(limit)
            )
            return [EventKey(*row) for row in s.execute(query)]

    def changed_events(
        self, since: dt.datetime, session: Session | None = None
    ) -> list[tuple[str, int, dt.datetime]]:
        """(id, version, updated_at) of the events with a member filed or moved at or
        after `since`, oldest change first. A saved summary changes an event but no
        article, so it does not count. Both lookups are indexed (events by updated_at,
        then their articles by event_id)."""
        with self._use(session) as s:
            written = select(ArticleRow.event_id).where(
                ArticleRow.event_id == EventRow.id, ArticleRow.updated_at >= since
            )
            query = (
                select(EventRow.id, EventRow.version, EventRow.updated_at)
                .where(EventRow.updated_at >= since, written.exists())
                .order_by(EventRow.updated_at, EventRow.id)
            )
            return [(row[0], row[1], row[2]) for row in s.execute(query)]

    def events_by_id(self, ids: list[str], session: Session | None = None) -> list[EventRow]:
        """Whole events (summaries not loaded: the clusterer never reads them)."""
        with self._use(session) as s:
            query = (
                select(EventRow)
                .options(defer(EventRow.summaries), defer(EventRow.unavailable))
                .where(EventRow.id.in_(ids))
            )
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
