"""Preload the KaTeX fonts a page's math uses, so formulas are drawn once, in their own font.

KaTeX's stylesheet declares its fonts ``font-display: block``: a browser finds out that it
needs one only after the CSS is parsed and the text laid out, then lays the text out again when
the font arrives, which Lighthouse counts as layout shift and which delays the moment the math
is visible. A ``<link rel="preload">`` per font starts the download with the page. Which fonts a
page needs follows from the classes KaTeX wrote into the HTML of its formulas (the mapping is
KaTeX's own CSS); no plugin does this for server-rendered math, hence this module. The fonts are
read from each distinct formula's HTML once, not from every page: a book repeats its formulas,
and scanning each whole page was a large share of its build.

The links go into ``<head>``, before the stylesheets. Chromium makes a font preloaded in the head
render-blocking (its RenderBlockingFonts feature, crbug.com/1412861), which is what keeps the
math from being laid out twice. Fonts that arrived after the stylesheets held the first frame
back, and under Lighthouse a first frame that is not ready within about a quarter of a second
is shown a second late (SI 2.4 s; the mechanism is Chromium's, see ``HELD_FRAME_MS`` in
scripts/dev/lighthouse.py): 23 of 39 runs with the links after the stylesheets. Requested before
them, the fonts mostly arrive with the stylesheets (4 such runs in 39); links in the body are
not render-blocking, and a first paint that beat the fonts shifted the text (CLS 0.07).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from scripts.build.math.katex_assets import SITE_DIR

# class pattern in KaTeX's HTML → the font file its CSS rule asks for (katex.css, 0.19).
_FONT_FOR_CLASS = (
    (r'class="katex"', "KaTeX_Main-Regular"),
    (r'class="[^"]*\bmathnormal\b', "KaTeX_Math-Italic"),
    (r'class="[^"]*\bmathbf\b', "KaTeX_Main-Bold"),
    (r'class="[^"]*\b(?:mathbb|amsrm|textbb)\b', "KaTeX_AMS-Regular"),
    (r'class="[^"]*\b(?:delimsizing size1|small-op)\b', "KaTeX_Size1-Regular"),
    (r'class="[^"]*\b(?:delimsizing size2|large-op)\b', "KaTeX_Size2-Regular"),
    (r'class="[^"]*\bdelimsizing size3\b', "KaTeX_Size3-Regular"),
    (r'class="[^"]*\bdelimsizing size4\b', "KaTeX_Size4-Regular"),
)
_PATTERNS = tuple((re.compile(pattern), font) for pattern, font in _FONT_FOR_CLASS)
_ORDER = tuple(font for _, font in _FONT_FOR_CLASS)


def fonts_used(html: str) -> list[str]:
    """Names of the KaTeX font files the math in ``html`` is set in, in a fixed order.

    >>> fonts_used('<span class="katex"><span class="mord mathnormal">x</span></span>')
    ['KaTeX_Main-Regular', 'KaTeX_Math-Italic']
    >>> fonts_used("<p>no math</p>")
    []
    """
    return [font for pattern, font in _PATTERNS if pattern.search(html)]


class FontsOfFormulas:
    """The fonts of a page's formulas, each distinct formula's HTML scanned once per build."""

    def __init__(self) -> None:
        self._fonts: dict[str, frozenset[str]] = {}

    def of(self, formulas: Iterable[str]) -> list[str]:
        """Fonts the HTML of ``formulas`` is set in, in ``fonts_used``'s order.

        >>> FontsOfFormulas().of(['<span class="katex"><span class="mord mathbf">v</span></span>'])
        ['KaTeX_Main-Regular', 'KaTeX_Main-Bold']
        """
        used: set[str] = set()
        for html in formulas:
            fonts = self._fonts.get(html)
            if fonts is None:
                fonts = self._fonts[html] = frozenset(fonts_used(html))
            used |= fonts
        return [font for font in _ORDER if font in used]


def add_font_preloads(html: str, page_url: str, font_files: list[str]) -> str:
    """Insert a preload link for each of ``font_files`` (the served names of the page's fonts,
    ``FontsOfFormulas`` and ``katex_fonts.site_fonts``) in its ``<head>``, before the first
    stylesheet, so that they are requested with the stylesheets (see the module's docstring).

    >>> add_font_preloads('<head><meta charset="utf-8"><link rel="stylesheet" href="a.css">'
    ...                   '</head>', "gradient/", ["KaTeX_Main-Regular.0a1b2c3d.woff2"])
    '<head><meta charset="utf-8"><link rel="preload" href="../assets/katex/fonts/KaTeX_Main-Regular.0a1b2c3d.woff2" as="font" type="font/woff2" crossorigin><link rel="stylesheet" href="a.css"></head>'
    >>> add_font_preloads("<head></head>", "", ["KaTeX_Math-Italic.0a1b2c3d.woff2"])
    '<head><link rel="preload" href="assets/katex/fonts/KaTeX_Math-Italic.0a1b2c3d.woff2" as="font" type="font/woff2" crossorigin></head>'
    """
    if not font_files:
        return html
    depth = page_url.count("/")
    prefix = posixpath.join(*([".."] * depth), SITE_DIR) if depth else SITE_DIR
    links = "".join(
        f'<link rel="preload" href="{prefix}/fonts/{name}" as="font" type="font/woff2" crossorigin>'
        for name in font_files
    )
    end = html.find("</head>")
    if end < 0:
        return html
    at = html.find('<link rel="stylesheet"', 0, end)
    at = at if at >= 0 else end
    return html[:at] + links + html[at:]
