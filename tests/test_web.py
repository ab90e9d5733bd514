"""The newsroom page in-process: events with cited summaries, a paste through the
service, an event's timeline, the API key, offline API docs and route-template metrics."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from html.parser import HTMLParser
from urllib.parse import urlsplit

import httpx
import pytest

from web_server import build

MIXED = ("पुणे में बुधवार को फिर से भारी बारिश हुई। नगर निगम ने लोगों से घरों में रहने की अपील "
         "की। कई सड़कों पर traffic jam रहा और schools बंद रहे।")


@asynccontextmanager
async def page_client(tmp_path, api_key=None, refresh_interval_s=None):
    app = build(str(tmp_path / "web.sqlite"), api_key, refresh_interval_s)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            c.app = app  # type: ignore[attr-defined]
            yield c


class Links(HTMLParser):
    """Every URL a page would load or link: src, href, and url(...) in inline styles."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value and tag in ("script", "link", "img", "iframe"):
                self.loads.append(value)


def loaded_urls(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    inline_urls = re.findall(r"url\(['\"]?([^'\")]+)", html)
    return parser.loads + inline_urls


async def test_front_page_lists_events_with_cited_summaries_in_both_languages(tmp_path):
    async with page_client(tmp_path) as client:
        r = await client.get("/")
    assert r.status_code == 200
    html = r.text
    assert html.count('class="event"') == 2
    assert "Heavy rain flooded low-lying parts of Pune on Monday." in html
    assert '<section class="summary" lang="hi"' in html  # Hindi text is marked as Hindi
    assert "पुणे में सोमवार को भारी बारिश" in html
    # Each sentence cites its article: outlet and date, linking to the event page.
    cite = r'href="/events/evt_\w+#a-pune-hi-1"[^>]*>samachar\.example · 2025-07-14'
    assert re.search(cite, html)
    # Newest first: the Pune event was last seen after the Jaipur one.
    assert html.index("Pune") < html.index("Jaipur")


async def test_paste_shows_summaries_language_tokens_and_the_event_joined(tmp_path):
    async with page_client(tmp_path) as client:
        echo = client.app.state.engine.summariser
        r = await client.post("/articles", data={"text": MIXED, "title": ""},
                              headers={"HX-Request": "true"})
    assert r.status_code == 200
    html = r.text
    assert echo.calls, "the paste went through the engine's summariser"
    assert "[hi] पुणे में बुधवार को फिर से भारी बारिश हुई।" in html
    assert "cannot write &#39;en&#39; from a &#39;hi&#39; article" in html  # the reason, not a gap
    assert "<dt>code-mixed</dt><dd>yes" in html
    assert '<span class="t-en" lang="en">traffic</span>' in html
    assert '<span class="t-hi" lang="hi">बारिश</span>' in html
    joined = re.search(r'The event it joined</h3>\s*<article class="event" id="event-', html)
    assert joined and "Heavy rain floods low-lying parts of Pune" in html[joined.end():]


async def test_paste_without_javascript_renders_the_whole_page(tmp_path):
    async with page_client(tmp_path) as client:
        r = await client.post("/articles", data={"text": MIXED})
    assert r.status_code == 200
    assert "<!doctype html>" in r.text and 'id="article-result"' in r.text


async def test_upload_of_an_html_file_and_a_blank_paste(tmp_path):
    page = "<html><body><article><p>" + MIXED + "</p></article></body></html>"
    async with page_client(tmp_path) as client:
        upload = {"upload": ("story.html", page.encode(), "text/html")}
        up = await client.post("/articles", files=upload, headers={"HX-Request": "true"})
        blank = await client.post("/articles", data={"text": "   "}, headers={"HX-Request": "true"})
    assert up.status_code == 200 and "[hi] पुणे में" in up.text
    assert blank.status_code == 422
    assert 'role="alert">text: empty or only whitespace' in blank.text


async def test_event_page_has_both_languages_on_a_timeline(tmp_path):
    async with page_client(tmp_path) as client:
        front = (await client.get("/")).text
        event_id = re.search(r'href="/events/(evt_\w+)"[^>]*>Heavy rain', front)[1]
        r = await client.get(f"/events/{event_id}")
        missing = await client.get("/events/evt_nope")
    assert r.status_code == 200
    days = re.findall(r'<time datetime="([\d-]+)">', r.text)
    assert days == ["2025-07-14", "2025-07-15"]
    assert 'data-lang="en"' in r.text and 'data-lang="hi"' in r.text
    assert 'id="a-pune-hi-1"' in r.text and 'href="https://samachar.example/pune-barish"' in r.text
    assert missing.status_code == 404


async def test_reads_never_recompute_an_event(tmp_path, monkeypatch):
    # The seeded events were just summarised: the debounce keeps the refresher off them.
    async with page_client(tmp_path, refresh_interval_s=3600.0) as client:
        events = client.app.state.events
        await client.post("/articles", data={"text": MIXED}, headers={"HX-Request": "true"})
        assert events.store.dirty_event_ids(), "the paste made its event stale"
        refreshed = []
        for step in ("refresh", "draft_summaries", "finish_summaries"):
            monkeypatch.setattr(events, step, lambda *a: refreshed.append(a) or True)
        event_id = events.store.dirty_event_ids()[0]
        for path in ("/", f"/events/{event_id}", f"/events/{event_id}/card?poll=1"):
            assert (await client.get(path)).status_code == 200
    assert refreshed == []  # the stale summary is shown as stored; the refresher redoes it


async def test_api_key_guards_the_page_with_a_session_cookie(tmp_path):
    async with page_client(tmp_path, api_key="s3cret-key") as client:
        redirected = await client.get("/")
        wrong = await client.post("/login", data={"key": "guess", "next": "/"})
        right = await client.post("/login", data={"key": "s3cret-key", "next": "/events/x"})
        cookie = right.cookies.get("saaransh_session")
        page = await client.get("/")  # the client keeps the cookie, as a browser does
        api = await client.get("/v1/clusters")
        forged = await client.post("/articles", data={"text": MIXED},
                                   headers={"Origin": "http://evil.example"})
        client.cookies.clear()
        no_cookie_paste = await client.post("/articles", data={"text": MIXED},
                                            headers={"HX-Request": "true"})
        assets = await client.get("/static/web/site.css")
    assert redirected.status_code == 303 and redirected.headers["location"] == "/login?next=/"
    assert wrong.status_code == 401 and "not the key" in wrong.text
    assert right.status_code == 303 and right.headers["location"] == "/events/x"
    assert cookie and "s3cret-key" not in cookie
    set_cookie = right.headers["set-cookie"].lower()
    assert "httponly" in set_cookie and "samesite=strict" in set_cookie
    assert page.status_code == 200 and "Sign out" in page.text
    assert api.status_code == 401  # the page's cookie is no key to the API
    assert forged.status_code == 403
    assert no_cookie_paste.status_code == 401
    assert assets.status_code == 200


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_api_docs_load_nothing_from_another_host(tmp_path, path):
    async with page_client(tmp_path) as client:
        html = (await client.get(path)).text
        urls = loaded_urls(html)
        statuses = {u: (await client.get(u)).status_code for u in urls}
    assert len(urls) >= 2  # the script and a stylesheet or icon
    for url in urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{path} loads {url} from another host"
    assert set(statuses.values()) == {200}, statuses


async def test_metrics_are_labelled_by_route_template(tmp_path):
    async with page_client(tmp_path) as client:
        for path in ("/docs", "/openapi.json", "/static/web/site.css", "/events/evt_nope", "/nope"):
            await client.get(path)
        await client.delete("/docs")
        metrics = (await client.get("/metrics")).text
    for route in ("/docs", "/openapi.json", "/static/web/{path}", "/events/{event_id}"):
        assert f'route="{route}"' in metrics, route
    assert 'method="DELETE",route="/docs",status="405"' in metrics
    assert 'route="unmatched",status="404"' in metrics  # only the unknown path


def test_the_font_and_its_licence_ship_with_the_package():
    from importlib import resources

    static = resources.files("saaransh.web") / "static"
    assert (static / "fonts" / "OFL.txt").read_text().startswith("Copyright")
    assert (static / "fonts" / "noto-sans-devanagari-devanagari-400-normal.woff2").is_file()
    assert (static / "htmx.LICENSE.txt").is_file()


def test_an_event_without_a_dated_report_says_so():
    # Undated reports give an event no first/last seen (None); the page must not print "None".
    from saaransh.web.routes import templates

    event = {"id": "evt_x", "first_seen": None, "last_seen": None, "article_count": 1,
             "outlets": ["example.org"], "headline": {"text": "A headline", "lang": "en"},
             "summaries": {"en": None, "hi": None}, "unavailable": {}}  # fmt: skip
    html = templates.get_template("_event_card.html").render(event=event, poll=0)
    assert "None" not in html
    assert "no dated report yet" in html
