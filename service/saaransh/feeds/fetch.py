"""Polite HTTP for feeds: timeouts, a size cap, redirects followed one hop at a time (each
hop checked against its host's robots.txt), and a least delay between two requests to
one host."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import Disallowed, FetchError
from ..settings import Settings

ROBOTS_TTL_S = 24 * 3600  # RFC 9309: a cached robots.txt should not be used for longer
MAX_CRAWL_DELAY_S = 60.0  # Crawl-delay is honoured up to this: one host cannot stall a pass


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str  # media type only, lower case ("text/html")
    encoding: str | None  # charset from the Content-Type header, if any


class PoliteFetcher:
    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings, self.clock, self.sleep = settings, clock, sleep
        self.client = httpx.Client(
            timeout=settings.feed_timeout_s,
            follow_redirects=False,  # followed here, so every hop meets robots.txt and the rate
            headers={"User-Agent": settings.feed_user_agent},
        )
        self._next_at: dict[str, float] = {}  # host -> earliest time of its next request
        self._robots: dict[str, tuple[float, RobotFileParser | bool]] = {}

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, *, check_robots: bool = True) -> Fetched:
        """GET `url`; raises FetchError (or Disallowed) with a one-line reason."""
        for _ in range(self.settings.feed_max_redirects + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError(f"{url}: only http and https URLs are fetched")
            if check_robots and not self.allowed(url):
                raise Disallowed(f"{url}: disallowed by the site's robots.txt")
            response, body = self._get(url)
            location = response.headers.get("location")
            if response.is_redirect and location:
                url = urljoin(url, location)
                continue
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code}", response.status_code)
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(url, body, media, response.charset_encoding)
        raise FetchError(f"{url}: more than {self.settings.feed_max_redirects} redirects")

    def allowed(self, url: str) -> bool:
        """robots.txt's answer for our user agent, fetched once per site and day."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(site)
        if cached is None or self.clock() - cached[0] > ROBOTS_TTL_S:
            cached = (self.clock(), self._read_robots(site))
            self._robots[site] = cached
        rules = cached[1]
        return rules if isinstance(rules, bool) else rules.can_fetch(self._agent, url)

    @property
    def _agent(self) -> str:
        return self.settings.feed_user_agent

    def _read_robots(self, site: str) -> RobotFileParser | bool:
        try:
            fetched = self.fetch(f"{site}/robots.txt", check_robots=False)
        except FetchError as exc:
            # As urllib.robotparser reads it: 401/403 forbid everything, any other 4xx
            # (no robots.txt) allows everything; a server error or no answer forbids.
            if exc.http_status in (401, 403):
                return False
            return exc.http_status is not None and 400 <= exc.http_status < 500
        rules = RobotFileParser()
        rules.parse(fetched.content.decode("utf-8", "replace").splitlines())
        return rules

    def _delay(self, host: str) -> float:
        rules = self._robots.get(f"http://{host}", self._robots.get(f"https://{host}"))
        crawl_delay = None
        if rules is not None and isinstance(rules[1], RobotFileParser):
            crawl_delay = rules[1].crawl_delay(self._agent)
        return max(self.settings.feed_host_delay_s, min(float(crawl_delay or 0), MAX_CRAWL_DELAY_S))

    def _wait_turn(self, host: str) -> None:
        now = self.clock()
        at = self._next_at.get(host, now)
        if at > now:
            self.sleep(at - now)
        self._next_at[host] = max(now, at) + self._delay(host)

    def _get(self, url: str) -> tuple[httpx.Response, bytes]:
        self._wait_turn(urlsplit(url).netloc)
        cap = self.settings.feed_max_bytes
        too_big = FetchError(f"{url}: larger than {cap} bytes (feed_max_bytes)")
        try:
            with self.client.stream("GET", url) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise too_big
                body = bytearray()
                for chunk in response.iter_bytes():  # decompressed: the cap bounds what we hold
                    body += chunk
                    if len(body) > cap:
                        raise too_big
                return response, bytes(body)
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__} ({exc})") from None
