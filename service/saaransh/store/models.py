"""The store's tables as typed SQLAlchemy 2 ORM classes. Alembic migrations mirror them."""

from __future__ import annotations

import datetime as dt

import numpy as np
from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def pack_vector(vector: np.ndarray | None) -> bytes | None:
    """float32 bytes: compact, and the same on SQLite (BLOB) and PostgreSQL (bytea)."""
    if vector is None:
        return None
    return np.asarray(vector, dtype=np.float32).tobytes()


def unpack_vector(blob: bytes | None) -> np.ndarray | None:
    if blob is None:
        return None
    return np.frombuffer(blob, dtype=np.float32).copy()


def pack_vectors(vectors: dict[str, np.ndarray]) -> bytes:
    """Several vectors of one size in one blob, in sorted key order."""
    return b"".join(pack_vector(vectors[k]) or b"" for k in sorted(vectors))


def unpack_vectors(blob: bytes | None, keys: list[str]) -> dict[str, np.ndarray]:
    """The inverse of `pack_vectors`, given the same keys."""
    if not blob or not keys:
        return {}
    rows = np.frombuffer(blob, dtype=np.float32).reshape(len(keys), -1)
    return {k: rows[i].copy() for i, k in enumerate(sorted(keys))}


class Base(DeclarativeBase):
    pass


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    # The span of the dated members; both None while no member has a date.
    first_seen: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    last_seen: Mapped[dt.date | None] = mapped_column(Date, index=True, nullable=True)
    # Mean of the member embeddings (not normalised), so a join is an O(1) update.
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Members per language ({"hi": 3, "en": 2}) and each language's mean embedding
    # (pack_vectors, sorted language order): a report is compared with its own
    # language's reports and, calibrated, with the other's. Empty on events made before
    # migration 0002, which then read as one language "*" with `centroid`.
    language_counts: Mapped[dict] = mapped_column(JSON, default=dict)
    language_centroids: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Entity key -> weighted count over the members (see events.entities).
    entities: Mapped[dict] = mapped_column(JSON, default=dict)
    summaries: Mapped[dict] = mapped_column(JSON, default=dict)
    unavailable: Mapped[dict] = mapped_column(JSON, default=dict)
    summary_dirty: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    # Bumped on every membership change; a summary is only saved if the version it
    # was computed for is still current (a concurrent join re-dirties the event).
    version: Mapped[int] = mapped_column(Integer, default=1)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Indexed: the clusterer compares every article with the most recently changed events.
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, index=True
    )


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_published_at", "published_at"),)

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, default="")
    sentences: Mapped[list] = mapped_column(JSON, default=list)
    language: Mapped[dict] = mapped_column(JSON, default=dict)
    published_at: Mapped[dt.date | None] = mapped_column(Date)
    summaries: Mapped[dict] = mapped_column(JSON, default=dict)
    unavailable: Mapped[dict] = mapped_column(JSON, default=dict)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    entities: Mapped[dict] = mapped_column(JSON, default=dict)
    event_id: Mapped[str | None] = mapped_column(
        Text, ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class EventMergeRow(Base):
    """An event id that was merged into another: old links keep resolving."""

    __tablename__ = "event_merges"

    old_id: Mapped[str] = mapped_column(Text, primary_key=True)
    into_id: Mapped[str] = mapped_column(Text, ForeignKey("events.id", ondelete="CASCADE"))
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
