"""EventService: the one door the API and the CLI use for storing, clustering and
reading articles and events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from sqlalchemy.orm import Session

from ..embeddings import Embedder, default_embedder
from ..engine import ArticleResult
from ..store import EventRow, Store, pack_vector
from ..summarise.base import Summariser
from .clusterer import Clusterer
from .features import Features, features_for
from .refine import Refiner
from .settings import EventSettings
from .summary import LANGS, summarise_event


def event_brief(event: EventRow) -> dict:
    """What an article record says of its event: id, size and stored summaries."""
    summaries = event.summaries or {}
    return {"id": event.id, "article_count": event.article_count,
            "summaries": {lang: summaries.get(lang) for lang in LANGS}}  # fmt: skip


class EventService:
    def __init__(
        self,
        store: Store,
        embedder: Embedder | None = None,
        summariser: Summariser | None = None,
        settings: EventSettings | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or EventSettings()
        self.summariser = summariser
        self._embedder = embedder
        self.clusterer = Clusterer(store, self.settings)
        self.refiner = Refiner(self.clusterer)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    # -- writing -------------------------------------------------------------
    def ingest(self, result: ArticleResult) -> str:
        """Store the article and its summaries, put it in an event; returns the event id."""
        return self.ingest_many([result])[0]

    def ingest_many(self, results: Sequence[ArticleResult]) -> list[str]:
        """`ingest` for many articles, in order, with one batched embedding call. Each
        result gets its `cluster_id` and its `event` as it stood after the article joined."""
        features = features_for([r.article for r in results], self.embedder, self.settings)
        event_ids = []
        for result, feature in zip(results, features, strict=True):
            brief, published = self.store.write_transaction(
                partial(self._ingest_one, result=result, features=feature)
            )
            # A yearless dateline dated from the stream: the record says so too.
            result.article.published_at = result.article.published_at or published
            result.cluster_id, result.event = brief["id"], brief
            event_ids.append(brief["id"])
        return event_ids

    def _ingest_one(
        self, session: Session, result: ArticleResult, features: Features
    ) -> tuple[dict, dt.date | None]:
        a = result.article
        previous = self.store.get_article(a.id, session)
        previous_event = previous.event_id if previous is not None else None
        row = self.store.upsert_article(
            a.id, session, title=a.title, url=a.url, text=a.text, sentences=a.sentences,
            language=a.language.to_dict(), published_at=a.published_at,
            summaries={k: (v.to_dict() if v else None) for k, v in result.summaries.items()},
            unavailable=dict(result.unavailable), embedding=pack_vector(features.vector),
            entities=features.entities,
        )  # fmt: skip
        # Re-ingesting an article keeps its event (its text may have been corrected);
        # the event's summaries are recomputed from the new text.
        event = self.store.get_event(previous_event, session) if previous_event else None
        if event is not None:
            event.summary_dirty, event.version = True, event.version + 1
            row.event_id = event.id
        else:
            event = self.clusterer.assign(session, row, features)
        return event_brief(event), row.published_at

    def consolidate(self, article_ids: Sequence[str]) -> int:
        """The second pass over a finished batch (see refine.py): members move to the event
        they now fit best and converged events merge; returns how many articles moved."""
        ids = self.cluster_ids_for(article_ids)
        if not ids or not self.settings.refine_rounds:
            return 0
        return self.store.write_transaction(lambda session: self.refiner.refine(session, ids))

    def refresh_dirty(self, limit: int | None = None) -> int:
        """Recompute the summaries of events whose membership changed; returns how many."""
        ids = self.store.dirty_event_ids(limit)
        return sum(self.refresh(event_id) for event_id in ids)

    def refresh(self, event_id: str) -> bool:
        """Recompute one event's summaries (False if it changed meanwhile or is gone)."""
        with self.store.transaction() as session:
            event = self.store.get_event(event_id, session)
            if event is None:
                return False
            version, articles = event.version, self.store.event_articles(event.id, session)
        summaries, unavailable = {}, {}
        for lang in LANGS:
            summaries[lang], reason = summarise_event(
                event.id, articles, lang, self.embedder, self.settings, self.summariser
            )
            if reason:
                unavailable[lang] = reason
        return self.store.save_event_summaries(event.id, version, summaries, unavailable)

    # -- reading -------------------------------------------------------------
    def list_clusters(self, limit: int = 50, offset: int = 0, refresh: bool = True) -> list[dict]:
        """Cluster records, newest first; dirty summaries on the page are recomputed first."""
        events = self.store.list_events(limit, offset)
        if refresh and any(e.summary_dirty for e in events):
            for e in events:
                if e.summary_dirty:
                    self.refresh(e.id)
            events = self.store.list_events(limit, offset)
        return [self._cluster_record(e) for e in events]

    def get_cluster(self, event_id: str, refresh: bool = True) -> dict | None:
        """One cluster record (an old id of a merged event resolves to the merged one)."""
        event = self.store.get_event(event_id)
        if event is not None and refresh and event.summary_dirty:
            self.refresh(event.id)
            event = self.store.get_event(event.id)
        return self._cluster_record(event) if event is not None else None

    def get_article(self, article_id: str) -> dict | None:
        """The public article record plus `cluster_id` and its `event` as it stands now
        (stored summaries: a read never computes them)."""
        with self.store.transaction() as session:
            row = self.store.get_article(article_id, session)
            if row is None:
                return None
            event = self.store.get_event(row.event_id, session) if row.event_id else None
            record: dict = {
                "id": row.id,
                "title": row.title,
                "language": row.language,
                "published_at": row.published_at.isoformat() if row.published_at else None,
                "summaries": row.summaries,
                "cluster_id": event.id if event is not None else row.event_id,
            }
            if row.unavailable:
                record["unavailable"] = row.unavailable
            if event is not None:
                record["event"] = event_brief(event)
            return record

    def cluster_articles(self, event_id: str) -> list[dict]:
        """An event's articles (an old id of a merged event resolves), oldest first, with
        what a reader needs to cite them: title, url, date, language, summaries."""
        event = self.store.get_event(event_id)
        rows = self.store.event_articles(event.id) if event is not None else []
        return [
            {
                "id": row.id,
                "title": row.title,
                "url": row.url,
                "published_at": row.published_at.isoformat() if row.published_at else None,
                "language": row.language,
                "summaries": row.summaries or {},
                "unavailable": row.unavailable or {},
            }
            for row in rows
        ]

    def cluster_ids_for(self, article_ids: Sequence[str]) -> list[str]:
        """The events these articles are in now (merges followed), first appearance first."""
        found: dict[str, None] = {}
        for article_id in article_ids:
            row = self.store.get_article(article_id)
            if row is not None and row.event_id is not None:
                found.setdefault(self.store.resolve_event_id(row.event_id), None)
        return list(found)

    def _cluster_record(self, event: EventRow) -> dict:
        summaries = event.summaries or {}
        record: dict = {
            "type": "cluster",
            "id": event.id,
            "article_ids": self.store.event_article_ids(event.id),
            "summaries": {lang: summaries.get(lang) for lang in LANGS},
            # None while no member has a date.
            "first_seen": event.first_seen.isoformat() if event.first_seen else None,
            "last_seen": event.last_seen.isoformat() if event.last_seen else None,
        }
        unavailable = dict(event.unavailable or {})
        if event.summary_dirty and not summaries:
            unavailable = {lang: "event summary not computed yet" for lang in LANGS}
        if unavailable:
            record["unavailable"] = unavailable
        return record
