"""What the API needs of the events store, as typed protocols.

`EventService` (saaransh.events) implements all of them; tests inject smaller stand-ins,
which is why these are protocols and not the concrete class. The app checks the optional
parts with `isinstance` against these protocols, never by probing attribute names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..engine import ArticleResult


@runtime_checkable
class Events(Protocol):
    """The store every route and the summary service use: file articles, read events."""

    def ingest(self, result: ArticleResult) -> str: ...

    def list_clusters(self, limit: int = 50, offset: int = 0) -> list[dict]: ...

    def get_cluster(self, event_id: str) -> dict | None: ...

    def get_article(self, article_id: str) -> dict | None: ...


@runtime_checkable
class StagedEvents(Events, Protocol):
    """Events whose ingest comes in two steps (EventService): the articles' features (the
    embedding work, which a server runs beside the model), then the store's writes."""

    def article_features(self, articles: Sequence[Any]) -> list[Any]: ...

    def ingest_many(
        self, results: Sequence[ArticleResult], features: Sequence[Any] | None = None
    ) -> list[str]: ...


@runtime_checkable
class RefreshableEvents(Events, Protocol):
    """The steps of EventService that the refresher (api/refresher.py) drives."""

    def due_event_ids(self, limit: int | None = None) -> list[str]: ...

    def snapshot(self, event_id: str) -> Any: ...

    def draft_summaries(self, snapshot: Any) -> list[Any]: ...

    def finish_summaries(
        self, snapshot: Any, drafts: Sequence[Any], results: Sequence[Any]
    ) -> tuple[dict, dict]: ...

    def save_summaries(self, snapshot: Any, summaries: dict, unavailable: dict) -> bool: ...


@runtime_checkable
class BrowsableEvents(Events, Protocol):
    """What the newsroom page (saaransh/web) reads besides the routes' calls."""

    def cluster_articles(self, event_id: str) -> list[dict]: ...


@runtime_checkable
class ConsolidatingEvents(Events, Protocol):
    """The steps of EventService that the server's second pass (api/second_pass.py) drives."""

    @property
    def second_pass_interval_s(self) -> float: ...

    def changed_events(self, since: dt.datetime) -> list[tuple[str, int, dt.datetime]]: ...

    def consolidate_events(self, event_ids: Sequence[str]) -> int: ...


@runtime_checkable
class Pingable(Protocol):
    """A database that can say whether it is reachable (raises if not)."""

    def ping(self) -> None: ...


@runtime_checkable
class BackedEvents(Protocol):
    """Events kept in a database that readiness checks (EventService.store)."""

    store: Pingable
