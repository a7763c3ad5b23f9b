"""Data tables in boxes of their own: Material's start-up restyles the table it wraps, not the
whole article (scripts/build/data_tables.py), and the page looks as it did before its script.

The restyle is read from a Chromium trace: the number of elements of each style recalculation
that Material's bundle forces. Counts, not times, so the test does not depend on the machine.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scripts.build.data_tables import BOX_OPEN
from tests.browser import wait_for_material
from tests.pages import nav_pages

pytestmark = pytest.mark.browser
TABLE_PAGE = "derivative/"  # a chapter page whose table holds math
_TABLE = re.compile(r"<table\b(?![^>]*\sclass=)[^>]*>")


def test_every_table_material_mounts_is_alone_in_its_box(built_site: Path) -> None:
    boxed = 0
    for page in nav_pages():
        html = (built_site / page.url / "index.html").read_text(encoding="utf-8")
        for table in _TABLE.finditer(html):
            assert html[: table.start()].endswith(BOX_OPEN), f"{page.url}: {table.group()} unboxed"
            boxed += 1
    assert boxed >= 2  # derivative/ and gradient/ each show a table


def _restyles_forced_by_the_bundle(browser: Any, url: str) -> tuple[list[int], int]:
    """Element counts of the style recalculations Material's bundle forces while it starts,
    and how many elements the article holds."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    categories = ["devtools.timeline", "disabled-by-default-devtools.timeline.stack"]
    browser.start_tracing(page=page, categories=categories)
    page.goto(url)
    wait_for_material(page)
    page.wait_for_timeout(500)  # the mount runs on the DOMContentLoaded the loader fires
    events = json.loads(browser.stop_tracing())["traceEvents"]
    article = page.locator("article *").count()
    context.close()
    counts = []
    for event in events:
        if event.get("name") != "UpdateLayoutTree" or event.get("ph") != "X":
            continue
        stack = (event.get("args", {}).get("beginData") or {}).get("stackTrace") or []
        if any("/javascripts/bundle." in frame.get("url", "") for frame in stack):
            counts.append(event["args"].get("elementCount", 0))
    return counts, article


def test_material_start_up_restyles_the_table_not_the_article(browser: Any, base: str) -> None:
    counts, article = _restyles_forced_by_the_bundle(browser, base + TABLE_PAGE)
    assert article > 2000, article  # a page large enough for a whole restyle to show
    assert counts, "no style recalculation forced by Material's bundle was traced"
    assert max(counts) < article / 4, (counts, article)


# With JavaScript off, the margin of what follows each boxed table; then the same with the
# table taken out of its box, as Material's CSS saw it before: the two must agree.
GAPS_BOXED_AND_UNBOXED = """() => [...document.querySelectorAll(".data-table")].map(box => {
    const after = box.nextElementSibling, gap = () => getComputedStyle(after).marginTop;
    const boxed = gap();
    box.replaceWith(box.firstElementChild);
    return [boxed, gap()];
})"""


@pytest.mark.parametrize("url", ["derivative/", "gradient/"])
def test_the_gap_after_a_table_is_materials_with_javascript_off(
    browser: Any, base: str, url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + url)
    gaps = page.evaluate(GAPS_BOXED_AND_UNBOXED)
    context.close()
    assert gaps and all(boxed == unboxed for boxed, unboxed in gaps), gaps
