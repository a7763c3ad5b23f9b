"""Math in a real Chromium is there at first paint, without JavaScript.

Instant navigation and every page's math are in test_browser_pages.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.dev.static_server import serve

pytestmark = pytest.mark.browser


def _source_count(site: Path, page: str) -> int:
    return (site / page / "index.html").read_text(encoding="utf-8").count('<span class="katex">')


def test_math_is_rendered_with_javascript_off(built_site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    with serve(built_site) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "gradient/")
        expected = _source_count(built_site, "gradient")
        assert expected > 20
        assert page.locator(".katex").count() == expected
        assert page.locator(".katex-error").count() == 0
        box = page.locator(".katex-display").first.bounding_box()
        assert box and box["height"] > 10  # laid out by KaTeX's CSS, not raw text
        context.close()
