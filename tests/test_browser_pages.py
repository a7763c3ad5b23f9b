"""Every page of the nav in Debian's Chromium, served compressed on 127.0.0.1 as a host would.

One visit per page records every request, console message and response, so each test below
asserts what a reader meets: nothing fetched from another origin, nothing failing to load, every
formula rendered, the plot variant of the reader's palette, no sideways scrolling on a phone,
instant navigation that keeps the math, and search that ranks each chapter term's page first.
Waits use Playwright's locator assertions: ``wait_for_function`` compiles its predicate in the
page, which the pages' Content-Security-Policy (no ``unsafe-eval``) rightly refuses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from scripts.build.notebooks.styles import SITE_STYLESHEET
from tests.browser import (
    CSP_VIOLATIONS,
    instant_navigation_on,
    mount_code_blocks,
    wait_for_material,
)
from tests.pages import TERMS, NavPage, nav_pages, source_formula_count

pytestmark = pytest.mark.browser
PAGES = nav_pages()
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}  # Material shows its search field from 1220 px

SCROLL_TO_END = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
    scrollTo(0, y);
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 20)));
  }
}"""
PAGE_MATH = ".katex:not(.claim-check .katex)"  # formulas of the page, not of claim marks
NOTEBOOK_LINK = 'link[rel=stylesheet][href*="/assets/notebooks/"]'  # a notebook page's own
CSP_META = 'meta[http-equiv="Content-Security-Policy"]'


# Lazy images load when scrolled to (or never, inside a closed details block): load them all
# now, both palette variants, and name those that cannot be decoded.
BROKEN_IMAGES = """async () => {
    const bad = [];
    for (const img of document.images) {
        img.loading = "eager";
        try { await img.decode(); } catch { bad.push(img.getAttribute("src")); continue; }
        if (!img.naturalWidth) bad.push(img.getAttribute("src"));
    }
    return bad;
}"""


@dataclass
class Visit:
    """A browser context with everything it requested, logged and failed to load."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Any, base: str, built_site: Path) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_context(**options: Any) -> Visit:
        context = browser.new_context(**options)
        contexts.append(context)
        v = Visit(context.new_page())
        origin = urlsplit(base).netloc

        def route(r: Any) -> None:
            # Recorded, then refused: a request to another origin must not even be attempted.
            if urlsplit(r.request.url).netloc == origin or r.request.url.startswith("data:"):
                r.continue_()
            else:
                r.abort()

        context.route("**/*", route)
        instant_navigation_on(context, base, built_site)
        context.add_init_script(CSP_VIOLATIONS)
        context.on("request", lambda r: v.requests.append(r.url))
        v.page.on("console", lambda m: v.errors.append(m.text) if m.type == "error" else None)
        v.page.on("pageerror", lambda e: v.errors.append(str(e)))
        v.page.on("requestfailed", lambda r: v.failed.append(f"{r.url}: {r.failure}"))
        v.page.on(
            "response",
            lambda r: v.failed.append(f"{r.url}: {r.status}") if r.status >= 400 else None,
        )
        return v

    yield open_context
    for context in contexts:
        context.close()


def _ids(pages: list[NavPage]) -> list[str]:
    return [p.name for p in pages]


@pytest.mark.parametrize("nav_page", PAGES, ids=_ids(PAGES))
def test_page_loads_everything_from_its_own_origin(
    visit: Any, base: str, nav_page: NavPage, built_site: Path
) -> None:
    v = visit(viewport=DESKTOP)
    v.page.goto(base + nav_page.url, wait_until="load")
    # Read to the end, as a reader would: notebook cells past the first screens are laid out
    # (and their fonts and images fetched) only when scrolled to (content-visibility).
    v.page.evaluate(SCROLL_TO_END)
    v.page.wait_for_load_state("networkidle")
    broken_images = v.page.evaluate(BROKEN_IMAGES)
    empty_sheets = v.page.evaluate(
        """() => [...document.querySelectorAll('link[rel=stylesheet]')]
            .filter(l => !l.sheet || l.sheet.cssRules.length === 0).map(l => l.href)"""
    )
    fonts = v.page.evaluate(
        """async () => { await document.fonts.ready;
            return [...document.fonts].map(f => [f.family.replace(/"/g, ''), f.status]); }"""
    )
    v.page.wait_for_load_state("networkidle")
    origin = urlsplit(base).netloc
    assert [
        u for u in v.requests if urlsplit(u).netloc != origin and not u.startswith("data:")
    ] == []
    assert v.failed == []
    assert v.errors == []
    policy = v.page.locator(CSP_META).get_attribute("content")
    assert "unsafe-eval" not in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
    assert v.page.evaluate("window.__csp || []") == []
    assert broken_images == []
    assert empty_sheets == []
    assert [f for f in fonts if f[1] == "error"] == []
    expected = source_formula_count(nav_page.source, built_site)
    # The page's own formulas; a claim's mark adds how the checker read it (PAGE_MATH).
    assert v.page.locator(PAGE_MATH).count() == expected
    assert v.page.locator(".katex-error").count() == 0
    if expected:
        loaded = {family for family, status in fonts if status == "loaded"}
        assert {"KaTeX_Main", "KaTeX_Math"} <= loaded, fonts


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_palette_shows_only_its_own_plots(visit: Any, base: str, scheme: str) -> None:
    other = "dark" if scheme == "light" else "light"
    v = visit(viewport=DESKTOP, color_scheme=scheme)
    seen = 0
    for nav_page in PAGES:
        v.page.goto(base + nav_page.url)
        own, foreign = _displayed(v.page, scheme), _displayed(v.page, other)
        assert len(own) == len(foreign), nav_page.url  # every plot comes in both variants
        assert all(own) and not any(foreign), (nav_page.url, own, foreign)
        seen += len(own)
    assert seen >= 4  # the plots of 导数, 梯度 and 练习
    # The palette toggle switches the variant shown, without reloading.
    v.page.goto(base + "gradient/")
    v.page.locator("form[data-md-palette] label:visible").first.click()
    assert all(_displayed(v.page, other)) and not any(_displayed(v.page, scheme))
    assert v.errors == []


def _displayed(page: Any, variant: str) -> list[bool]:
    """For each plot variant on the page: does the palette's CSS display it?

    Display, not visibility: a plot inside a closed details block is not visible, yet shown.
    """
    return page.eval_on_selector_all(
        f'img[src$="#only-{variant}"]',
        "els => els.map(e => getComputedStyle(e).display !== 'none')",
    )


NOTEBOOK_PAGES = [p for p in PAGES if p.source.endswith(".ipynb")]
# Enough of the computed style to see any rule that lays out, colours or hides an element.
STYLE_PROPERTIES = [
    "display", "visibility", "position", "float", "width", "height", "box-sizing",
    "margin-top", "margin-right", "margin-bottom", "margin-left",
    "padding-top", "padding-right", "padding-bottom", "padding-left",
    "border-top-width", "border-left-width", "border-top-color", "border-left-style",
    "color", "background-color", "font-family", "font-size", "font-weight", "font-style",
    "line-height", "text-align", "text-decoration-line", "white-space", "overflow-x",
    "flex-direction", "align-items", "justify-content", "cursor", "opacity",
]  # fmt: skip
COMPUTED_STYLES = """props => [...document.querySelectorAll('.jupyter-wrapper, .jupyter-wrapper *')]
    .map(e => { const s = getComputedStyle(e);
                return props.map(p => p + ':' + s.getPropertyValue(p)).join('; '); })"""
FONTS_LOADED = "document.fonts.ready.then(() => document.fonts.status)"
SWAP_IN_WHOLE_CSS = f"""css => {{ const link = document.querySelector('{NOTEBOOK_LINK}');
    const style = document.createElement('style'); style.textContent = css;
    link.replaceWith(style); }}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("nav_page", NOTEBOOK_PAGES, ids=_ids(NOTEBOOK_PAGES))
def test_pruned_notebook_stylesheet_styles_the_page_as_the_whole_one_would(
    visit: Any, base: str, built_site: Path, nav_page: NavPage, scheme: str
) -> None:
    """The site serves JupyterLab's CSS cut to the rules its notebook pages can use
    (scripts/build/notebooks/css_prune.py). Put the whole CSS mkdocs-jupyter produces in its
    place, in the same spot of the cascade, after the site's own stylesheet as the served one
    is: every element of the notebook must look exactly the same."""
    from mkdocs_jupyter import convert

    ipynb = built_site / nav_page.source.replace(".ipynb", "") / Path(nav_page.source).name
    # As the plugin converts it (mkdocs.yml leaves its theme option at the default, "").
    converted = convert.nb2html(str(ipynb), execute=False, theme="", custom_mathjax_url="")
    whole_css = "\n".join(
        [(built_site / SITE_STYLESHEET).read_text(encoding="utf-8")]
        + [block.strip() for block in re.findall(r"<style[^>]*>(.*?)</style>", converted, re.S)]
    )
    v = visit(viewport=DESKTOP, color_scheme=scheme)
    v.page.goto(base + nav_page.url)
    wait_for_material(v.page)
    mount_code_blocks(v.page)  # the copy buttons are part of what is compared
    v.page.evaluate(FONTS_LOADED)
    pruned = v.page.evaluate(COMPUTED_STYLES, STYLE_PROPERTIES)
    v.page.evaluate(SWAP_IN_WHOLE_CSS, whole_css)
    v.page.evaluate(FONTS_LOADED)
    whole = v.page.evaluate(COMPUTED_STYLES, STYLE_PROPERTIES)
    assert len(pruned) == len(whole) > 100
    differing = [(i, a, b) for i, (a, b) in enumerate(zip(pruned, whole, strict=True)) if a != b]
    assert differing == [], differing[:3]


@pytest.mark.parametrize("nav_page", PAGES, ids=_ids(PAGES))
def test_phone_width_does_not_scroll_sideways(visit: Any, base: str, nav_page: NavPage) -> None:
    v = visit(viewport=PHONE, is_mobile=True, has_touch=True)
    v.page.goto(base + nav_page.url)
    page_width = v.page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"], f"{nav_page.url} is {page_width}px wide"
    # A formula wider than the column scrolls inside its own box, which stays on screen.
    overflowing = v.page.evaluate(
        """() => [...document.querySelectorAll('.katex-display, .md-typeset__scrollwrap, pre > code')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5
                          || (el.scrollWidth > el.clientWidth
                              && !['auto', 'scroll'].includes(getComputedStyle(el).overflowX)))
            .map(el => el.textContent.slice(0, 40))"""
    )
    assert overflowing == []


def test_instant_navigation_keeps_math_and_plots_on_every_page(
    visit: Any, base: str, built_site: Path
) -> None:
    v = visit(viewport=DESKTOP)
    v.page.goto(base + PAGES[0].url, wait_until="networkidle")  # the bundle has the sitemap
    v.page.evaluate("window.__same_document = true")
    for nav_page in PAGES[1:]:
        v.page.click("a.md-footer__link--next")  # Material's instant navigation, no reload
        v.page.wait_for_url(page_url(base + nav_page.url))
        count = source_formula_count(nav_page.source, built_site)
        expect(v.page.locator(PAGE_MATH)).to_have_count(count)
        assert v.page.locator(".katex-error").count() == 0
        assert v.page.evaluate(BROKEN_IMAGES) == [], nav_page.url
        # A notebook page's stylesheet is a head link, which instant navigation adds and drops.
        expect(v.page.locator(NOTEBOOK_LINK)).to_have_count(1 if nav_page in NOTEBOOK_PAGES else 0)
        if nav_page in NOTEBOOK_PAGES:
            v.page.wait_for_function(NOTEBOOK_CSS_APPLIED)
        # The site's own rules, from its stylesheet or from the notebook pages' one.
        v.page.wait_for_function(SITE_CSS_APPLIED)
    # Back from the notebooks to a chapter: its link to the site's stylesheet comes back.
    for _ in NOTEBOOK_PAGES:
        v.page.go_back()
    v.page.wait_for_url(page_url(base + PAGES[-len(NOTEBOOK_PAGES) - 1].url))
    expect(v.page.locator(NOTEBOOK_LINK)).to_have_count(0)
    v.page.wait_for_function(SITE_CSS_APPLIED)
    assert v.page.evaluate("window.__same_document") is True  # never reloaded
    assert v.errors == []
    assert v.page.evaluate("window.__csp || []") == []
    # Material starts a fresh search worker on each navigation and ends the previous one; a
    # script that worker was still importing is then aborted. That is no failure to load.
    assert [f for f in v.failed if not _aborted_worker_import(f)] == []


def page_url(url: str) -> re.Pattern[str]:
    """The page at `url`, with or without a fragment: Material's `navigation.tracking` puts
    the heading in view into the address as the reader scrolls, and going back restores a
    scrolled page, so which heading (if any) the address names depends on timing."""
    return re.compile("^" + re.escape(url) + r"(#.*)?$")


NOTEBOOK_CSS_APPLIED = f"""() => document.querySelector('{NOTEBOOK_LINK}')
    .sheet?.cssRules.length > 0"""
# A rule of assets/extra.css, in exactly one loaded stylesheet of the page.
SITE_CSS_APPLIED = """() => [...document.styleSheets].filter(sheet =>
    [...sheet.cssRules].some(rule => rule.selectorText === ".md-typeset details.claim-check")).length === 1"""


def _aborted_worker_import(failure: str) -> bool:
    return "/assets/javascripts/lunr/" in failure and failure.endswith("net::ERR_ABORTED")


def test_material_bundle_loads_after_the_first_paint_and_starts_once(visit: Any, base: str) -> None:
    """The page paints before Material's bundle is requested (overrides/main.html loads it
    then); the bundle still starts, once: one copy button per code block, given when the
    block comes into view (content.lazy)."""
    v = visit(viewport=DESKTOP)
    v.page.goto(base + "derivative/")
    v.page.locator("details.example summary").first.click()  # the plot's code, folded
    code = v.page.locator("pre > code")
    expect(code.first).to_be_visible()
    expect(v.page.locator(".md-code__button")).to_have_count(code.count())
    timings = v.page.evaluate(
        """() => ({
            paint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
            bundle: performance.getEntriesByType("resource")
                .filter(entry => entry.name.includes("/javascripts/bundle."))
                .map(entry => entry.startTime),
        })"""
    )
    assert len(timings["bundle"]) == 1 and timings["bundle"][0] >= timings["paint"], timings
    # The one classic script loaded by URL is the bundle, which the loader added.
    assert v.page.locator("script[src]:not([defer]):not([type=module])").count() == 1
    assert v.errors == []


@pytest.mark.parametrize("nav_page", PAGES, ids=_ids(PAGES))
def test_only_the_page_and_its_stylesheets_are_fetched_as_render_blocking(
    browser: Any, base: str, nav_page: NavPage
) -> None:
    """The first paint waits for the HTML and three stylesheets, nothing else. Chromium fetches
    those at its highest priority; a script fetched at high priority (a module script's
    default) competes with them for a slow phone's bandwidth, and Lighthouse counts it as
    render-blocking if it arrives before the first paint: the same rule as
    ``hasRenderBlockingPriority`` in Lighthouse's simulator (lantern/graph/NetworkNode.js)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    fetched: list[tuple[str, str, str]] = []
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: fetched.append(
            (e.get("type", ""), e["request"]["initialPriority"], e["request"]["url"])
        ),
    )
    page.goto(base + nav_page.url, wait_until="load")
    # Fonts are left out: the text of the first paint needs them (KaTeX's block), and Chromium
    # fetches one at the highest priority when a stylesheet asks for it before its preload does.
    blocking = {
        (kind, urlsplit(url).path.rsplit("/", 1)[-1] or "index")
        for kind, priority, url in fetched
        if kind != "Font"
        and (priority == "VeryHigh" or (priority == "High" and kind in ("Script", "Document")))
    }
    context.close()
    assert blocking and {kind for kind, _ in blocking} == {"Document", "Stylesheet"}, blocking
    # Material's main and palette stylesheets and one of the site's: a notebook page's own
    # begins with the site's (scripts/build/notebooks/styles.py), each more is a round trip.
    assert len(blocking) == 1 + 3, blocking


def test_every_formulas_mathml_is_in_the_accessibility_tree(visit: Any, base: str) -> None:
    """Screen readers get each shown formula as MathML (KaTeX's, drawn clipped to 1 px).
    Skipping that MathML's layout (content-visibility: auto, tried to cut the style work of
    Material's start-up) took every formula out of Chromium's accessibility tree."""
    v = visit(viewport=PHONE, is_mobile=True)
    v.page.goto(base + "derivative/")
    tree = v.page.context.new_cdp_session(v.page).send("Accessibility.getFullAXTree")["nodes"]
    roles = {"math", "MathMLMath"}  # ARIA's name, and Chromium's for <math>
    math = [n for n in tree if not n.get("ignored") and n.get("role", {}).get("value") in roles]
    shown = v.page.locator(f"{PAGE_MATH} >> visible=true").count()  # not in closed blocks
    assert shown > 20 and len(math) == shown, (len(math), shown)


def test_search_ranks_each_chapter_term_on_its_page_first(visit: Any, base: str) -> None:
    v = visit(viewport=DESKTOP)
    v.page.goto(base)
    query = v.page.locator(".md-search__input")
    results = v.page.locator(".md-search-result__item > a")
    query.click()
    # Material answers a query once its search worker has loaded the index.
    expect(v.page.locator(".md-search-result__meta")).not_to_contain_text("初始化")
    first: dict[str, str] = {}
    for term in TERMS:
        # Material reads the query on key-up. An empty query empties the list, so the next
        # non-empty list is this term's answer, not the previous one's.
        query.fill("")
        v.page.keyboard.press("End")
        expect(v.page.locator(".md-search-result__item")).to_have_count(0)
        query.fill(term)
        v.page.keyboard.press("End")
        results.first.wait_for()
        first[term] = urlsplit(results.first.get_attribute("href") or "").path
    assert first == {term: "/" + url for term, url in TERMS.items()}
    assert v.errors == []
