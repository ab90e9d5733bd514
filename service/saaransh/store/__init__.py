"""Persistence for articles and events (SQLite by default, PostgreSQL at scale)."""

from .models import (
    ArticleRow,
    EventMergeRow,
    EventRow,
    pack_vector,
    pack_vectors,
    unpack_vector,
    unpack_vectors,
)
from .sanitise import clean_str, clean_value
from .store import EventKey, Store

__all__ = [
    "ArticleRow",
    "EventKey",
    "EventMergeRow",
    "EventRow",
    "Store",
    "clean_str",
    "clean_value",
    "pack_vector",
    "pack_vectors",
    "unpack_vector",
    "unpack_vectors",
]
