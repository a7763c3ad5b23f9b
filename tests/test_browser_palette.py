"""The palette toggle (overrides/partials/palette-toggle.html) and what the page does before
Material's bundle starts (overrides/main.html), in Debian's Chromium.

The page sets the reader's palette, its toggle and the theme-color and color-scheme metas while
it is parsed, and switches palettes itself, with or without the bundle. The bundle's start-up
must then change no stylesheet and add no meta: each of those restyled every element of a
chapter page (thousands of KaTeX spans), most of its start-up work.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser import CSP_VIOLATIONS, instant_navigation_on, wait_for_material

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1280, "height": 900}
SCHEMES = {"light": "default", "dark": "slate"}  # the system's preference → Material's scheme
TOGGLE = "form[data-md-palette] label"
METAS = """() => [...document.querySelectorAll('meta[name=theme-color], meta[name=color-scheme]')]
    .map(m => m.name + '=' + m.content)"""
# The stylesheets as parsing ends, before the bundle (loaded after the first paint) can run.
FIRST_SHEETS = """document.addEventListener("readystatechange", () => {
    if (document.readyState === "interactive") window.__first_sheets = [...document.styleSheets]
})"""
# What the header looks like now, as Material's palette component would write it in the metas.
HEADER_COLORS = """() => { const s = getComputedStyle(document.querySelector('header'));
    const hex = s.backgroundColor.match(/\\d+/g).slice(0, 3)
        .map(v => (+v).toString(16).padStart(2, '0')).join('');
    return ['theme-color=#' + hex, 'color-scheme=' + s.colorScheme]; }"""


@pytest.fixture
def scheme() -> str:
    """The system's preference: light, unless a test parametrizes ``scheme``."""
    return "light"


@pytest.fixture
def page(browser: Any, base: str, built_site: Path, scheme: str) -> Iterator[Any]:
    """A page in a fresh context whose system prefers ``scheme``; it must end with no script
    error and no CSP violation."""
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    context.add_init_script(CSP_VIOLATIONS)
    instant_navigation_on(context, base, built_site)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    aborted = "Failed to load resource: net::ERR_FAILED"  # a bundle the test blocked
    yield page
    assert [e for e in errors if e != aborted] == []
    assert page.evaluate("window.__csp || []") == []
    context.close()


def _scheme(page: Any) -> str | None:
    return page.locator("body").get_attribute("data-md-color-scheme")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_paint_has_the_readers_palette_before_the_bundle(
    page: Any, base: str, scheme: str
) -> None:
    """The palette the reader's system prefers, its toggle and the metas are there before
    Material's bundle runs (here it never does)."""
    page.route("**/javascripts/bundle.*", lambda route: route.abort())
    page.goto(base + "gradient/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    expect(body).to_have_attribute("data-md-color-media", f"(prefers-color-scheme: {scheme})")
    expect(page.locator(TOGGLE).locator("visible=true")).to_have_count(1)
    page.wait_for_function("() => document.querySelector('meta[name=theme-color]').content")
    assert page.evaluate(METAS) == page.evaluate(HEADER_COLORS)
    assert page.evaluate(METAS)[1] == f"color-scheme={scheme}"
    assert page.evaluate("document.documentElement.className") == "js js-focus-visible"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_toggle_switches_and_remembers_without_the_bundle(
    page: Any, base: str, scheme: str
) -> None:
    """A click (or Enter) switches the palette, its toggle and the metas, with the bundle
    blocked; the choice holds on the next page, against the system's preference."""
    other = "dark" if scheme == "light" else "light"
    page.route("**/javascripts/bundle.*", lambda route: route.abort())
    page.goto(base + "gradient/")
    before = page.evaluate(METAS)
    page.locator(TOGGLE).locator("visible=true").click()
    assert _scheme(page) == SCHEMES[other]
    assert page.evaluate(METAS) == page.evaluate(HEADER_COLORS) != before
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")
    page.goto(base + "derivative/")
    assert _scheme(page) == SCHEMES[other]
    # Enter on the focused toggle switches back, as in Material.
    page.locator(TOGGLE).locator("visible=true").focus()
    page.keyboard.press("Enter")
    assert _scheme(page) == SCHEMES[scheme]
    assert page.evaluate(METAS) == page.evaluate(HEADER_COLORS) == before


def test_until_the_reader_chooses_the_page_follows_the_system(page: Any, base: str) -> None:
    page.goto(base + "partial/")
    assert _scheme(page) == "default"
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate(METAS)[1] == "color-scheme=dark"
    page.locator(TOGGLE).locator("visible=true").click()  # the reader picks light
    assert _scheme(page) == "default"
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    assert _scheme(page) == "default"


@pytest.mark.parametrize("url", ["derivative/", "notebooks/chain-rule/"])
def test_the_bundle_starts_without_replacing_a_stylesheet_or_adding_a_meta(
    page: Any, base: str, url: str
) -> None:
    """Material's bundle, as it starts: its instant navigation makes every relative URL of the
    page absolute, which for a stylesheet link makes the browser replace the stylesheet; its
    palette component, if it mounted, would append its own two metas. Either restyles the
    whole page. The stylesheets the page was first styled with must be the ones it keeps, a
    notebook page's own included."""
    page.add_init_script(FIRST_SHEETS)
    page.goto(base + url)
    wait_for_material(page)
    kept = page.evaluate("[...document.styleSheets].map((s, i) => s === window.__first_sheets[i])")
    assert len(kept) >= 3 and all(kept), kept
    assert len(page.evaluate(METAS)) == 2
    assert page.evaluate(METAS) == page.evaluate(HEADER_COLORS)


LAYOUT_SHIFTS = """() => new Promise(done => {
    const shifts = []
    new PerformanceObserver(list => shifts.push(...list.getEntries().map(e => e.value)))
        .observe({ type: "layout-shift", buffered: true })
    setTimeout(() => done(shifts), 300)
})"""


def test_nothing_moves_as_the_page_loads(browser: Any, base: str) -> None:
    """The palette script runs after the whole header: run inside it (where Material puts
    its own), it let the browser paint the header half parsed now and then, and the toggle
    then moved aside for the search button (Lighthouse: CLS 0.0008). Several loads, as that
    paint depends on timing."""
    for url in ["", "summary/", "derivative/"] * 3:
        context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
        page = context.new_page()  # a fresh context each time: nothing cached, as a first visit
        page.goto(base + url, wait_until="load")
        shifts = page.evaluate(LAYOUT_SHIFTS)
        context.close()
        assert shifts == [], url
