"""The first frame shows the whole article, never a page cut where its HTML stopped arriving.

A page drawn while its HTML was still arriving showed a line cut inside a formula, which moved
when the rest came (Lighthouse counted it as layout shift on partial/). The page's head asks
Chromium to hold the first frame until the article's end is parsed (``rel=expect``, in
overrides/main.html). Here the page's HTML arrives in two parts, cut inside a formula, with a
pause between them, as on a slow connection.
"""

from __future__ import annotations

import http.server
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.dev.static_server import serve

PAGE = "partial/"
PAUSE_S = 1.5
OBSERVE = """window.__shifts = [];
new PerformanceObserver(list => window.__shifts.push(...list.getEntries().map(e => e.value)))
  .observe({type: "layout-shift", buffered: true});"""
TIMES = """() => ({
  fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
  responseStart: performance.getEntriesByType("navigation")[0].responseStart,
  shifts: window.__shifts,
})"""


def cut_inside_a_formula(html: bytes) -> int:
    """A byte offset past the middle of the page, inside a formula's drawn HTML."""
    return html.index(b'class="katex-html"', len(html) // 2) + 200


class _PausingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; the page under test is sent in two parts with a pause between."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path != "/" + PAGE:
            return super().do_GET()
        html = (Path(self.directory) / PAGE / "index.html").read_bytes()
        at = cut_inside_a_formula(html)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(html)))
        self.end_headers()
        self.wfile.write(html[:at])
        self.wfile.flush()
        time.sleep(PAUSE_S)
        self.wfile.write(html[at:])
        return None


@pytest.fixture
def pausing_site(built_site: Path) -> Iterator[str]:
    with serve(built_site, handler=_PausingHandler) as url:
        yield url


@pytest.mark.browser
def test_the_first_frame_waits_for_the_rest_of_the_article(browser: Any, pausing_site: str) -> None:
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    page = context.new_page()
    page.add_init_script(OBSERVE)
    page.goto(pausing_site + PAGE, wait_until="load")
    page.wait_for_timeout(500)
    times = page.evaluate(TIMES)
    context.close()
    # Drawn after the second part arrived, not while the first waited (about 0.1 s in).
    assert times["fcp"] - times["responseStart"] > 1000 * PAUSE_S * 0.9, times
    assert times["shifts"] == [], times
