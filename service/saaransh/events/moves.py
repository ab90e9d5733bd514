"""Moving a stored article from one event to another, for the second pass."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store import ArticleRow, EventRow, Store, unpack_vector
from .features import Features
from .state import add_member, happening_day, remove_member


def stored_features(row: ArticleRow) -> Features | None:
    """The features the clusterer used for a stored article (None if it has none)."""
    vector = unpack_vector(row.embedding)
    if vector is None:
        return None
    lang = (row.language or {}).get("primary") or "*"
    return Features(vector, dict(row.entities or {}), row.published_at, lang)


def move_member(
    store: Store, session: Session, row: ArticleRow, features: Features, own: EventRow,
    target: EventRow,
) -> None:  # fmt: skip
    """Take `row` out of `own` and into `target`; an event left empty forwards its id to
    `target` (whoever held the old id finds the article where it went)."""
    stay = session.execute(
        select(ArticleRow.published_at, ArticleRow.entities).where(
            ArticleRow.event_id == own.id, ArticleRow.id != row.id,
            ArticleRow.published_at.is_not(None),
        )  # fmt: skip
    ).all()
    remove_member(own, features, [d for p, e in stay if (d := happening_day(p, e or {}))])
    add_member(target, features, happening_day(row.published_at, features.entities))
    row.event_id = target.id
    session.flush()
    if own.article_count == 0:
        store.merge_events(target, own, session)
