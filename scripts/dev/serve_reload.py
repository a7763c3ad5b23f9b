"""Seconds from saving a file to the browser showing it, under a running `mkdocs serve`.

Issue 13's figure for an author with a long book: a book of N copies of the chapters
(``scripts/dev/book.py``) served as `make serve` serves the site (``--dirty``: only what changed
is rebuilt), one of its pages open in Chromium; then, three times each,

* a **prose edit**: a sentence appended to that page's Markdown, timed until the page the
  browser reloaded shows it;
* a **snippet edit**: the colour of a plot changed in its snippet, timed until the reloaded
  page's plot is the new one (the notebook that shows the same snippet is executed after the
  page is served, off this path).

Edits of both kinds are 15 s apart, as an author's are: what a build or a served page starts
after it is shown (a notebook's execution, the snippet server's imports when serve starts, the
browser loading the page's images) is not on the next edit's path.

``python -m scripts.dev.serve_reload --copies 38`` prints the medians; `make bench` prints them
against bare Material serving the same book (prose) and the 2 s goal (snippet).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from scripts.build.chromium import launch
from scripts.dev.book import write_book
from scripts.dev.mkdocs_serve import served
from scripts.dev.site_variants import ROOT, build_env

PAGE = "part001/derivative.md"
SNIPPET = "derivative_tangent.py"
COLOURS = ("color=theme.colors[2]", "color=theme.colors[3]")  # the tangent point's marker
PLOT = "img[src*='derivative_tangent']"
FIRST_BUILD_LIMIT = 900.0
EDIT_LIMIT = 120.0
# Between two edits (and before the first): see the module's doc.
SETTLE = 15.0


def _plot_digest(page: Any) -> str | None:
    """SHA-256 of the plot the page shows (its light variant), as the server sends it now; None
    while the page is being reloaded."""
    try:
        text = page.evaluate(
            f"""async () => {{
            const src = document.querySelector("{PLOT}").src;
            return await (await fetch(src, {{cache: "no-store"}})).text();
        }}"""
        )
    except PlaywrightError:
        return None
    return hashlib.sha256(text.encode()).hexdigest()


def time_edits(base: str, docs: Path, snippets: Path | None, edits: int) -> dict[str, float]:
    """Median seconds of ``edits`` prose edits (and snippet edits, given ``snippets``)."""
    page_file = docs / PAGE
    original = page_file.read_text(encoding="utf-8")
    prose: list[float] = []
    plots: list[float] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.goto(base + "part001/derivative/", wait_until="load")
        try:
            for k in range(edits):
                page.wait_for_timeout(SETTLE * 1000)
                token = f"重载测量第{k}句{time.time_ns()}"
                started = time.monotonic()
                page_file.write_text(original + f"\n\n{token}\n", encoding="utf-8")
                page.get_by_text(token).wait_for(timeout=EDIT_LIMIT * 1000)
                prose.append(time.monotonic() - started)
            if snippets is not None:
                snippet = snippets / SNIPPET
                source = snippet.read_text(encoding="utf-8")
                for k in range(edits):
                    page.wait_for_timeout(SETTLE * 1000)
                    page.wait_for_load_state("load")
                    before = _plot_digest(page)
                    old, new = COLOURS if k % 2 == 0 else COLOURS[::-1]
                    started = time.monotonic()
                    snippet.write_text(source.replace(old, new), encoding="utf-8")
                    source = source.replace(old, new)
                    deadline = started + EDIT_LIMIT
                    while _plot_digest(page) in (before, None) or not _reloaded_since(
                        page, started
                    ):
                        if time.monotonic() > deadline:
                            raise RuntimeError("the new plot never showed")
                        page.wait_for_timeout(50)
                    plots.append(time.monotonic() - started)
        finally:
            page_file.write_text(original, encoding="utf-8")
            browser.close()
    figures = {"prose edit": statistics.median(prose)}
    if plots:
        figures["snippet edit"] = statistics.median(plots)
    return figures


def _reloaded_since(page: Any, started: float) -> bool:
    """Whether the page was loaded again (live reload) after ``started`` (monotonic)."""
    try:
        age = page.evaluate("performance.now() / 1000")
    except PlaywrightError:
        return False
    return time.monotonic() - age > started


def measure(work: Path, copies: int, edits: int = 3) -> dict[str, float]:
    """Our serve (``--dirty``, snippet edits too) and bare Material's, on one book."""
    snippets = work / "snippets"
    shutil.rmtree(snippets, ignore_errors=True)
    shutil.copytree(ROOT / "snippets", snippets, ignore=shutil.ignore_patterns("__pycache__"))
    ours, bare, _ = write_book(work, copies, strict=False, watch=snippets)
    docs = work / "book-docs"
    env = build_env({"SNIPPETS_DIR": str(snippets)})
    figures: dict[str, float] = {}
    first = PAGE.removesuffix(".md") + "/"
    with served(ours, env, "--dirty", ready=first, limit=FIRST_BUILD_LIMIT) as (base, _):
        figures.update({f"ours {k}": v for k, v in time_edits(base, docs, snippets, edits).items()})
    with served(bare, env, "--dirty", ready=first, limit=FIRST_BUILD_LIMIT) as (base, _):
        figures.update({f"bare {k}": v for k, v in time_edits(base, docs, None, edits).items()})
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=38)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for name, seconds in measure(Path(work), args.copies, args.edits).items():
            print(f"{name:<24} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
