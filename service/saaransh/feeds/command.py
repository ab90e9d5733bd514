"""`saaransh feeds`: follow feeds from the command line, writing JSON Lines."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ..settings import Settings


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def follow(
    sources: Sequence[str], settings: Settings, langs: Sequence[str], *,
    out: Path | None, once: bool,
) -> int:
    """Pass over the feeds (once, or every feed_interval_s until Ctrl-C); the exit status."""
    from ..factory import build_engine, build_events, choose_backend, store_location
    from ..jobs import ClusteringProcessor, JsonlSink
    from .fetch import PoliteFetcher
    from .follow import FeedFollower

    choice = choose_backend(settings)
    _say(f"backend: {choice.kind} - {choice.reason}")
    engine = build_engine(settings, choice)
    _say(f"events store: {store_location(settings)}")
    events = build_events(settings, engine)
    sink = JsonlSink(out)
    fetcher = PoliteFetcher(settings)
    # The same processor as `summarise --cluster`: analyse, summarise, cluster, store.
    processor = ClusteringProcessor(engine, events, langs)

    def seen(article_id: str) -> bool:
        return article_id in sink.done or events.get_article(article_id) is not None

    follower = FeedFollower(sources, fetcher, processor, sink.write, seen)
    failed = False
    try:
        while True:
            totals = follower.run_pass()
            events.refresh_dirty()  # event summaries, as `summarise --cluster` leaves them
            for reason in totals.failed_feeds:
                _say(f"feed unreadable: {reason}")
            _say(totals.line())
            failed = bool(totals.failed_feeds)
            if once:
                break
            time.sleep(settings.feed_interval_s)
    except KeyboardInterrupt:
        _say("stopped")
    finally:
        sink.close()
        fetcher.close()
    return 1 if failed else 0
