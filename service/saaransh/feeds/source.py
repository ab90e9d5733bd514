"""Reading one RSS/Atom feed (a URL or a file) into items with stable article ids."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from ..errors import FetchError
from .fetch import PoliteFetcher


@dataclass(frozen=True)
class FeedItem:
    id: str  # the article id: stable across passes and feeds for the same guid or link
    link: str | None
    title: str | None
    published_at: str | None  # YYYY-MM-DD from the feed, when it gives one
    feed: str


def item_id(key: str) -> str:
    """`feed_` + sha1 of the item's guid (else its link): the same item always maps here."""
    return "feed_" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def read_feed(source: str, fetcher: PoliteFetcher) -> list[FeedItem]:
    """The items of one feed, in feed order; raises FetchError when it cannot be read."""
    base = source
    if is_url(source):
        # The user chose to follow this feed, so its own URL is not checked against robots.txt
        # (as feed readers do); every page it links to is.
        fetched = fetcher.fetch(source, check_robots=False)
        data, base = fetched.content, fetched.url
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
            raise FetchError(f"{source}: cannot read ({why})") from None
    # feedparser gets bytes (it finds the encoding) and the base for relative links.
    parsed = feedparser.parse(data, response_headers={"content-location": base})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise FetchError(f"{source}: not a readable RSS/Atom feed ({reason})")
    return [_item(entry, source) for entry in parsed.entries]


def _item(entry: feedparser.FeedParserDict, source: str) -> FeedItem:
    link = entry.get("link") or None
    key = entry.get("id") or link or f"{source}#{entry.get('title', '')}"
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = dt.date(*stamp[:3]).isoformat() if stamp else None
    return FeedItem(item_id(key), link, entry.get("title") or None, published, source)
