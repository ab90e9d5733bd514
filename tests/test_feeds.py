"""Following feeds against a real HTTP server on 127.0.0.1: one record per new item,
nothing fetched twice, broken items as error records, robots.txt, size cap, redirects,
the per-host delay, the CLI command and the background task of the server."""

from __future__ import annotations

import asyncio
import json
import time
from html import escape

import pytest
from typer.testing import CliRunner

from fakes import EchoSummariser
from fakes_events import KeywordEmbedder, keyword_event_settings
from local_site import Page, local_site
from saaransh.cli import app
from saaransh.engine import Engine
from saaransh.events import EventService
from saaransh.feeds import FeedFollower, PoliteFetcher, read_feed
from saaransh.feeds.source import item_id
from saaransh.jobs import ClusteringProcessor, JsonlSink
from saaransh.settings import Settings
from saaransh.store import Store
from web_server import ARTICLES, KEYWORDS

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def html_page(title: str, text: str) -> Page:
    paragraphs = "".join(f"<p>{escape(s)}</p>" for s in text.split("। ") if s)
    body = (f"<html><head><title>{escape(title)}</title></head><body><nav>Home | News</nav>"
            f"<article><h1>{escape(title)}</h1>{paragraphs}</article><footer>(c)</footer>"
            "</body></html>")  # fmt: skip
    return Page(body.encode())


def rss(items: list[tuple[str, str, str]]) -> Page:
    """RSS 2.0 with (guid, link, title) items; links may be relative to the feed."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f'<guid isPermaLink="false">{g}</guid>'
        "<pubDate>Mon, 14 Jul 2025 08:00:00 +0530</pubDate></item>"
        for g, link, t in items
    )
    xml = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
           f"<title>Local news</title><link>{{base}}/</link><description>t</description>"
           f"{entries}</channel></rss>")  # fmt: skip
    return Page(xml.encode(), headers={"Content-Type": "application/rss+xml"})


def site_pages() -> dict[str, Page]:
    pages = {f"/news/{i}.html": html_page(title, text) for i, _, _, title, text in ARTICLES}
    pages |= {
        "/robots.txt": Page(ROBOTS, headers={"Content-Type": "text/plain"}),
        "/old/jaipur": Page(b"", 301, {"Location": "/news/jaipur-hi-1.html"}),
        "/loop": Page(b"", 302, {"Location": "/loop"}),
        "/private/memo.html": html_page("Memo", "Not for crawlers. " * 20),
        "/news/huge.html": Page(b"<html><body>" + b"x" * 300_000 + b"</body></html>"),
        "/feed.xml": rss([
            ("pune-en-1", "{base}/news/pune-en-1.html", "Heavy rain floods Pune"),
            ("pune-hi-1", "/news/pune-hi-1.html", "पुणे में भारी बारिश"),  # relative link
            ("jaipur-hi-1", "{base}/old/jaipur", "जयपुर मेट्रो"),  # moved permanently
            ("gone", "{base}/news/missing.html", "Gone"),  # 404
            ("memo", "{base}/private/memo.html", "Memo"),  # robots.txt says no
            ("huge", "{base}/news/huge.html", "Huge"),  # over the size cap
            ("loop", "{base}/loop", "Loop"),  # redirects forever
            ("pune-en-1", "{base}/news/pune-en-1.html", "Listed twice"),
        ]),
    }
    return pages


def feed_settings(tmp_path, **kw) -> Settings:
    base = {"database_url": f"sqlite:///{tmp_path / 'feeds.sqlite'}", "feed_host_delay_s": 0,
            "feed_max_bytes": 100_000, "feed_max_redirects": 3, "feed_timeout_s": 5}
    return Settings(**(base | kw))


def follower_for(settings, sources, out):
    """The CLI's wiring with doubles: the summarise --cluster processor, a JSONL sink."""
    engine = Engine(EchoSummariser(same_language_only=True))
    events = EventService(Store(settings.resolved_database_url()).migrate(),
                          embedder=KeywordEmbedder(KEYWORDS),
                          settings=keyword_event_settings())
    sink = JsonlSink(out)
    processor = ClusteringProcessor(engine, events, ["en", "hi"])
    fetcher = PoliteFetcher(settings)
    follower = FeedFollower(sources, fetcher, processor, sink.write,
                            seen=lambda i: i in sink.done or events.get_article(i) is not None)
    return follower, sink, fetcher, events


def lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_a_pass_writes_one_record_per_item_and_a_rerun_fetches_nothing(tmp_path):
    out = tmp_path / "out.jsonl"
    settings = feed_settings(tmp_path)
    with local_site(site_pages()) as site:
        follower, sink, fetcher, events = follower_for(settings, [f"{site.base}/feed.xml"], out)
        first = follower.run_pass()
        sink.close()
        fetcher.close()
        records = {r["url"].rsplit("/", 1)[-1]: r for r in lines(out)}
        pages_fetched = [p for _, p, _ in site.log if p != "/feed.xml"]

        # A new process, as a rerun would be: it knows the items from the file and store.
        follower2, sink2, fetcher2, _ = follower_for(settings, [f"{site.base}/feed.xml"], out)
        second = follower2.run_pass()
        sink2.close()
        fetcher2.close()
        refetched = [p for _, p, _ in site.log[len(pages_fetched) + 1:] if p != "/feed.xml"]
    assert first.items == 7 and first.errors == 4 and first.seen == 1  # one item listed twice
    assert len(lines(out)) == 7
    assert records["pune-en-1.html"]["summaries"]["en"]["text"].startswith("[en] Heavy rain")
    assert records["pune-hi-1.html"]["language"]["primary"] == "hi"  # the relative link resolved
    assert records["jaipur"]["language"]["primary"] == "hi"  # followed the 301
    assert records["pune-en-1.html"]["cluster_id"] == records["pune-hi-1.html"]["cluster_id"]
    assert records["missing.html"]["error"]["message"].endswith("HTTP 404")
    assert records["memo.html"]["error"]["code"] == "robots_disallowed"
    assert "larger than 100000 bytes" in records["huge.html"]["error"]["message"]
    assert "more than 3 redirects" in records["loop"]["error"]["message"]
    assert site.hits("/private/memo.html") == 0  # robots.txt is read before the page
    assert site.hits("/robots.txt") == 1  # once per site
    assert events.get_article(item_id("pune-en-1")) is not None  # stored in the events store
    assert second.items == 0 and second.seen == 8
    assert refetched == []  # the rerun fetched the feed only
    assert all(ua.startswith("Saaransh-feeds/") for _, _, ua in site.log)


def test_an_unreadable_feed_is_reported_and_the_others_go_on(tmp_path):
    out = tmp_path / "out.jsonl"
    with local_site(site_pages()) as site:
        sources = [f"{site.base}/nope.xml", str(tmp_path / "absent.xml"),
                   f"{site.base}/news/pune-en-1.html", f"{site.base}/feed.xml"]  # fmt: skip
        follower, sink, fetcher, _ = follower_for(feed_settings(tmp_path), sources, out)
        totals = follower.run_pass()
        sink.close()
        fetcher.close()
    assert len(totals.failed_feeds) == 3
    assert "HTTP 404" in totals.failed_feeds[0] and "cannot read" in totals.failed_feeds[1]
    assert "not a readable RSS/Atom feed" in totals.failed_feeds[2]
    assert totals.items == 7


def test_a_feed_file_and_an_atom_feed(tmp_path):
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>t</title><id>urn:x</id><updated>2025-07-12T10:00:00Z</updated>"
            '<entry><title>जयपुर मेट्रो</title><id>urn:jaipur</id>'
            '<link href="{base}/news/jaipur-en-1.html"/><updated>2025-07-12T10:00:00Z</updated>'
            "</entry></feed>")  # fmt: skip
    with local_site(site_pages()) as site:
        path = tmp_path / "feed.atom"
        path.write_text(atom.replace("{base}", site.base), encoding="utf-8")
        follower, sink, fetcher, _ = follower_for(feed_settings(tmp_path), [str(path)],
                                                  tmp_path / "out.jsonl")
        (item,) = read_feed(str(path), fetcher)
        totals = follower.run_pass()
        sink.close()
        fetcher.close()
    assert item.published_at == "2025-07-12" and item.id == item_id("urn:jaipur")
    assert totals.items == 1 and totals.errors == 0


class FakeClock:
    def __init__(self):
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


@pytest.mark.parametrize(
    ("robots", "expected_gap"),
    [(b"User-agent: *\nDisallow:\n", 1.5), (b"User-agent: *\nCrawl-delay: 4\n", 4.0)],
)
def test_requests_to_one_host_wait_their_turn(tmp_path, robots, expected_gap):
    pages = site_pages() | {"/robots.txt": Page(robots, headers={"Content-Type": "text/plain"})}
    clock = FakeClock()
    with local_site(pages) as site:
        fetcher = PoliteFetcher(feed_settings(tmp_path, feed_host_delay_s=1.5),
                                clock=clock, sleep=clock.sleep)
        for name in ("pune-en-1", "pune-hi-1"):
            fetcher.fetch(f"{site.base}/news/{name}.html")
        fetcher.close()
    # robots.txt, then two pages: each request waits for the one before it.
    assert [p for _, p, _ in site.log] == ["/robots.txt", "/news/pune-en-1.html",
                                            "/news/pune-hi-1.html"]  # fmt: skip
    assert clock.slept == [1.5, expected_gap]


def test_the_feeds_command_first_pass_then_nothing(tmp_path, monkeypatch):
    """`saaransh feeds URL --once --out out.jsonl` with the real offline engine."""
    monkeypatch.setenv("SAARANSH_FEED_HOST_DELAY_S", "0")
    monkeypatch.setenv("SAARANSH_BACKEND", "extractive")
    pages = site_pages()
    pages["/feed.xml"] = rss([(i, f"{{base}}/news/{i}.html", t) for i, _, _, t, _ in ARTICLES[:3]])
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    with local_site(pages) as site:
        args = ["feeds", f"{site.base}/feed.xml", "--once", "--out", str(out)]
        first = runner.invoke(app, args)
        written = out.read_text(encoding="utf-8")
        second = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    records = [json.loads(x) for x in written.splitlines()]
    assert len(records) == 3 and all("error" not in r for r in records)
    assert all(r["summaries"]["hi" if r["language"]["primary"] == "hi" else "en"] for r in records)
    assert "3 new items (0 errors)" in first.stderr
    assert f"events store: {tmp_path / 'data' / 'saaransh.sqlite'}" in first.stderr
    assert second.exit_code == 0 and out.read_text(encoding="utf-8") == written
    assert "0 new items (0 errors), 3 already seen" in second.stderr


def test_the_feeds_command_exits_non_zero_when_a_feed_is_unreadable(tmp_path, monkeypatch):
    monkeypatch.setenv("SAARANSH_BACKEND", "extractive")
    result = CliRunner().invoke(app, ["feeds", str(tmp_path / "absent.xml"), "--once"])
    assert result.exit_code == 1
    assert "feed unreadable:" in result.stderr and "cannot read" in result.stderr


async def test_serve_follows_the_feeds_in_the_background(tmp_path):
    from api_support import serve

    with local_site(site_pages()) as site:
        settings = feed_settings(tmp_path, feeds=f"{site.base}/feed.xml", feed_interval_s=1,
                                 max_wait_ms=1)  # fmt: skip
        events = EventService(Store(settings.resolved_database_url()).migrate(),
                              embedder=KeywordEmbedder(KEYWORDS),
                          settings=keyword_event_settings())
        engine = Engine(EchoSummariser(same_language_only=True))
        async with serve(settings, engine, events) as client:
            wanted = [item_id(i) for i in ("pune-en-1", "pune-hi-1", "jaipur-hi-1")]
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                if all(events.get_article(i) for i in wanted):
                    break
                await asyncio.sleep(0.2)
            stored = (await client.get(f"/v1/articles/{wanted[0]}")).json()
            await asyncio.sleep(1.5)  # at least one more pass: nothing is fetched again
        page_hits = [p for _, p, _ in site.log if p.startswith("/news/")]
    assert all(events.get_article(i) for i in wanted)
    assert stored["summaries"]["en"]["text"].startswith("[en] Heavy rain")
    assert sorted(page_hits) == sorted(set(page_hits))  # every page fetched once
    assert site.hits("/feed.xml") >= 2
