"""Math in a real Chromium: there at first paint without JavaScript, kept by instant navigation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.static_server import serve

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


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


def test_instant_navigation_keeps_math_and_plots(built_site: Path, browser) -> None:  # type: ignore[no-untyped-def]
    with serve(built_site) as base:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + "partial/")
        page.click("a.md-footer__link--next")  # to 梯度, through Material's instant navigation
        page.wait_for_url(base + "gradient/")
        page.wait_for_function(
            f"document.querySelectorAll('.katex').length === {_source_count(built_site, 'gradient')}"
        )
        light = page.locator('img[src$="#only-light"]').first
        light.scroll_into_view_if_needed()
        light.evaluate("img => img.decode()")  # rejects if the SVG cannot be loaded
        assert light.evaluate("img => img.naturalWidth") > 0
        assert page.locator('img[src$="#only-dark"]').first.is_hidden()
        assert errors == []
        context.close()
