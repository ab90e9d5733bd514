"""EventService: the one door the API and the CLI use for storing, clustering and
reading articles and events.

Reads never compute: a stale event summary is shown as stored until it is remade. The
remaking is split so a server can put each step where it belongs (api/refresher.py):
`snapshot` and `save_summaries` on the store thread, `draft_summaries` (the embedding
work) and `finish_summaries` on the model thread, the summariser's requests in its
batcher. `refresh` and `refresh_dirty` do all the steps in line, for the CLI."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from sqlalchemy.orm import Session

from ..article import Article
from ..embeddings import Embedder, default_embedder
from ..engine import ArticleResult
from ..settings import EventSettings
from ..store import ArticleRow, EventRow, Store, pack_vector
from ..summarise.base import Summariser, Summary
from .clusterer import Clusterer
from .features import Features, features_for
from .refine import NEIGHBOURS, Refiner
from .summary import LANGS, Draft, draft_summary, finish_summary


def event_brief(event: EventRow) -> dict:
    """What an article record says of its event: id, size and stored summaries."""
    summaries = event.summaries or {}
    return {"id": event.id, "article_count": event.article_count,
            "summaries": {lang: summaries.get(lang) for lang in LANGS}}  # fmt: skip


@dataclass
class EventSnapshot:
    """An event's members as they were at `version`: what its summaries are made from."""

    id: str
    version: int
    articles: list[ArticleRow]


class EventService:
    def __init__(
        self,
        store: Store,
        embedder: Embedder | None = None,
        summariser: Summariser | None = None,
        *,
        settings: EventSettings,
    ) -> None:
        # `settings` is the door's `Settings().events`: required, so no service runs on
        # defaults while the deployment configured something else.
        self.store = store
        self.settings = settings
        self.summariser = summariser
        self._embedder = embedder
        self.clusterer = Clusterer(store, self.settings)
        self.refiner = Refiner(self.clusterer)
        # event id -> when its summaries were last made (monotonic), for the debounce.
        self._summarised_at: dict[str, float] = {}

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = default_embedder()
        return self._embedder

    # -- writing -------------------------------------------------------------
    def ingest(self, result: ArticleResult) -> str:
        """Store the article and its summaries, put it in an event; returns the event id."""
        return self.ingest_many([result])[0]

    def ingest_many(
        self, results: Sequence[ArticleResult], features: Sequence[Features] | None = None
    ) -> list[str]:
        """`ingest` for many articles, in order, with one batched embedding call. Each
        result gets its `cluster_id` and its `event` as it stood after the article joined.
        `features`: the articles' `article_features`, computed ahead (a server does it
        while the model summarises), which leaves only the store's work here."""
        if features is None:
            features = self.article_features([r.article for r in results])
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

    def article_features(self, articles: Sequence[Article]) -> list[Features]:
        """What the clusterer needs of each article, with one batched embedding call: the
        embedding work of ingesting, which needs only the analysed article."""
        return features_for(articles, self.embedder, self.settings)

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

    # -- the second pass in a server (api/second_pass.py) ----------------------
    def changed_events(self, since: dt.datetime) -> list[tuple[str, int, dt.datetime]]:
        """(id, version, updated_at) of the events changed at or after `since`."""
        return self.store.changed_events(since)

    def consolidate_events(self, event_ids: Sequence[str]) -> int:
        """`consolidate` for events that changed, and their nearest neighbours, rather
        than a batch's articles (merged ids followed, vanished ones skipped); returns how
        many articles moved."""
        if not event_ids or not self.settings.refine_rounds:
            return 0

        def work(session: Session) -> int:
            scope = self.refiner.with_neighbours(session, event_ids, NEIGHBOURS)
            live = [i for i in sorted(scope) if session.get(EventRow, i) is not None]
            return self.refiner.refine(session, live) if live else 0

        return self.store.write_transaction(work)

    @property
    def second_pass_interval_s(self) -> float:
        """The server's debounce of the second pass (SAARANSH_EVENT_REFINE_INTERVAL_S)."""
        return self.settings.refine_interval_s

    def refresh_dirty(self, limit: int | None = None) -> int:
        """Recompute the summaries of events whose membership changed; returns how many."""
        ids = self.store.dirty_event_ids(limit)
        return sum(self.refresh(event_id) for event_id in ids)

    def refresh(self, event_id: str) -> bool:
        """Recompute one event's summaries (False if it changed meanwhile or is gone)."""
        snapshot = self.snapshot(event_id)
        if snapshot is None:
            return False
        drafts = self.draft_summaries(snapshot)
        requests = [d.request for d in drafts if d.request is not None]
        outputs = iter(self.summariser.summarise(requests) if requests and self.summariser
                       else [])  # fmt: skip
        results = [next(outputs) if d.request is not None else None for d in drafts]
        return self.save_summaries(snapshot, *self.finish_summaries(snapshot, drafts, results))

    # -- refreshing, step by step (api/refresher.py) ---------------------------
    def due_event_ids(self, limit: int | None = None) -> list[str]:
        """Events whose membership changed and whose summaries were not made in the last
        `refresh_interval_s` (the debounce), at most `limit`."""
        now, every = time.monotonic(), self.settings.refresh_interval_s
        # Older entries say nothing any more; dropping them bounds the table.
        self._summarised_at = {k: t for k, t in self._summarised_at.items() if now - t < every}
        due = [i for i in self.store.dirty_event_ids() if i not in self._summarised_at]
        return due[:limit]

    def snapshot(self, event_id: str) -> EventSnapshot | None:
        """The event's current version and members (None if it is gone)."""
        with self.store.transaction() as session:
            event = self.store.get_event(event_id, session)
            if event is None:
                return None
            return EventSnapshot(event.id, event.version,
                                 self.store.event_articles(event.id, session))  # fmt: skip

    def draft_summaries(self, snapshot: EventSnapshot) -> list[Draft]:
        """Per language: the extract, or the request the summariser should try first."""
        return [draft_summary(snapshot.id, snapshot.articles, lang, self.embedder,
                              self.settings, self.summariser) for lang in LANGS]  # fmt: skip

    def finish_summaries(
        self, snapshot: EventSnapshot, drafts: Sequence[Draft],
        results: Sequence[Summary | Exception | None],
    ) -> tuple[dict, dict]:
        """(summaries, unavailable) from the drafts and the results of their requests."""
        summaries, unavailable = {}, {}
        for draft, result in zip(drafts, results, strict=True):
            summaries[draft.lang], reason = finish_summary(
                draft, result, snapshot.articles, self.embedder, self.settings
            )
            if reason:
                unavailable[draft.lang] = reason
        return summaries, unavailable

    def save_summaries(self, snapshot: EventSnapshot, summaries: dict, unavailable: dict) -> bool:
        """Store summaries made from `snapshot`; False if the event changed meanwhile (it
        stays dirty and is remade once the debounce allows)."""
        self._summarised_at[snapshot.id] = time.monotonic()
        return self.store.save_event_summaries(
            snapshot.id, snapshot.version, summaries, unavailable
        )

    # -- reading -------------------------------------------------------------
    def list_clusters(self, limit: int = 50, offset: int = 0) -> list[dict]:
        """Cluster records, newest first, with their summaries as stored."""
        return [self._cluster_record(e) for e in self.store.list_events(limit, offset)]

    def get_cluster(self, event_id: str) -> dict | None:
        """One cluster record (an old id of a merged event resolves to the merged one)."""
        event = self.store.get_event(event_id)
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
