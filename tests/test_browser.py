"""The page in a real browser: Debian's Chromium driven by Playwright, against a real
server process (tests/web_server.py: the app with deterministic doubles, on a free port).

Skips where /usr/bin/chromium or playwright is missing, unless SAARANSH_REQUIRE_BROWSER=1
(CI sets it), which turns that into a failure. A failing step saves a screenshot and names
it in the failure; SAARANSH_SCREENSHOTS=DIR keeps every screenshot there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from processes import free_port, wait_ready

pytestmark = pytest.mark.browser
# Read at import: the suite's autouse fixture clears SAARANSH_* variables for each test.
REQUIRED = os.environ.get("SAARANSH_REQUIRE_BROWSER") == "1"
SCREENSHOTS = os.environ.get("SAARANSH_SCREENSHOTS")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip
PHONE = {"width": 390, "height": 844}
MIXED = ("पुणे में बुधवार को फिर से भारी बारिश हुई। नगर निगम ने लोगों से घरों में रहने की अपील "
         "की। कई सड़कों पर traffic jam रहा और schools बंद रहे। Officials said the water "
         "would recede by Thursday.")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        why = "needs /usr/bin/chromium (apt-get install chromium) and the playwright package"
        if REQUIRED:
            pytest.fail(f"SAARANSH_REQUIRE_BROWSER=1: {why}")
        pytest.skip(why)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    port = free_port()
    db = tmp_path_factory.mktemp("browser") / "web.sqlite"
    script = Path(__file__).with_name("web_server.py")
    proc = subprocess.Popen([sys.executable, str(script), str(port), str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, proc, lambda: proc.stdout.read(), timeout_s=60)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(SCREENSHOTS or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def page_of(browser, shots: Path, name: str, viewport=None):
    """A page that records every URL it requests; on failure, a screenshot is named."""
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    page.requested, page.failed = [], []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requested.append(r.url))  # type: ignore[attr-defined]
    page.on("requestfailed",  # type: ignore[attr-defined]
            lambda r: page.failed.append((r.url, r.failure)))
    try:
        yield page
    except Exception as exc:
        path = shots / f"FAILED-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        raise AssertionError(f"{exc}\nscreenshot of the page: {path}") from exc
    finally:
        page.close()


def assert_all_local(page, base: str) -> None:
    """Nothing came from another host: any such request was stopped by the page's
    Content-Security-Policy before it left the browser."""
    host = urlsplit(base).netloc
    blocked = {u for u, why in page.failed if (why or "").lower() == "csp"}
    foreign = [u for u in page.requested if urlsplit(u).netloc not in (host, "")]
    assert set(foreign) <= blocked, f"requested from another host: {foreign} {page.failed}"


def test_front_page_lists_events_with_summaries(browser, server, shots):
    for name, viewport in (("front", None), ("front-390", PHONE)):
        with page_of(browser, shots, name, viewport) as page:
            page.goto(server)
            events = page.locator("article.event")
            assert events.count() == 2
            first = events.first
            assert "Pune" in first.locator("h3").inner_text()
            assert first.locator('section[lang="en"] ol.sentences li').count() >= 2
            hindi = first.locator('section[lang="hi"] ol.sentences li').first
            assert "पुणे" in hindi.inner_text()
            assert "samachar.example" in hindi.locator("a.cite").inner_text()
            # Devanagari in the bundled font, really loaded (not a system fallback).
            assert "Noto Sans Devanagari" in hindi.evaluate("e => getComputedStyle(e).fontFamily")
            loaded = page.evaluate("document.fonts.ready.then(() => [...document.fonts]"
                                   ".filter(f => f.status === 'loaded').map(f => f.family))")
            assert "Noto Sans Devanagari" in loaded
            if viewport == PHONE:  # one column, nothing wider than the screen
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
            assert_all_local(page, server)


def test_paste_an_article_then_open_its_event(browser, server, shots):
    with page_of(browser, shots, "paste", PHONE) as page:
        page.goto(server)
        page.fill("textarea[name=text]", MIXED)
        page.click("button[type=submit]")
        result = page.locator("#article-result")
        result.wait_for()
        own = result.locator(".article-summaries").first
        hindi = own.locator('section.summary[lang="hi"]')
        assert "[hi] पुणे में बुधवार को फिर से भारी बारिश हुई।" in hindi.inner_text()
        english = own.locator('section.summary[lang="en"]').inner_text()
        assert "cannot write 'en' from a 'hi' article" in english  # the reason is shown
        assert "code-mixed" in result.locator("dl.langrec").inner_text()
        assert result.locator(".tokens .t-en").count() >= 3  # traffic, jam, schools, ...
        assert result.locator(".tokens .t-hi").count() >= 10
        joined = result.locator("article.event")
        assert "Pune" in joined.locator("h3").inner_text()
        page.screenshot(path=str(shots / "paste-390.png"), full_page=True)
        assert_all_local(page, server)
        joined.locator("h3 a").click()
        page.wait_for_url("**/events/evt_*")
        timeline = page.locator("ol.timeline")
        assert timeline.locator("li.day").count() >= 2
        assert timeline.locator('li.art[data-lang="en"]').count() >= 2
        assert timeline.locator('li.art[data-lang="hi"]').count() >= 2
        assert page.locator('section.summary[lang="hi"]').count() >= 1
        page.screenshot(path=str(shots / "event-390.png"), full_page=True)
        assert_all_local(page, server)


@pytest.mark.parametrize(("path", "ready"), [
    ("/docs", ".opblock"),
    ("/redoc", "text=Summarise one article into English and Hindi."),
])
def test_api_docs_render_with_nothing_from_another_host(browser, server, shots, path, ready):
    with page_of(browser, shots, path.strip("/")) as page:
        page.goto(server + path)
        page.locator(ready).first.wait_for()
        page.wait_for_load_state("networkidle")
        assert_all_local(page, server)
