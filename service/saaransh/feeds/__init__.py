"""Following RSS/Atom feeds: read them, fetch each new item's page politely, and hand the
pages to the same summarise-and-cluster path as `saaransh summarise --cluster`."""

from ..errors import FetchError
from .fetch import PoliteFetcher
from .follow import FeedFollower, PassTotals
from .source import FeedItem, read_feed

__all__ = ["FeedFollower", "FeedItem", "FetchError", "PassTotals", "PoliteFetcher", "read_feed"]
