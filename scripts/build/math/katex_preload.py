"""Preload the KaTeX fonts a page's math uses, so formulas are drawn once, in their own font.

KaTeX's stylesheet declares its fonts ``font-display: block``: a browser finds out that it
needs one only after the CSS is parsed and the text laid out, then lays the text out again when
the font arrives, which Lighthouse counts as layout shift and which delays the moment the math
is visible. A ``<link rel="preload">`` per font starts the download with the page. Which fonts a
page needs follows from the classes KaTeX wrote into its HTML (the mapping is KaTeX's own CSS);
no plugin does this for server-rendered math, hence this module.
"""

from __future__ import annotations

import posixpath
import re

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
# Words each pattern needs: a page without any of them skips that pattern's regex, which would
# otherwise try every class attribute of the page (a book's build felt it).
_WORDS = (
    ('class="katex"',),
    ("mathnormal",),
    ("mathbf",),
    ("mathbb", "amsrm", "textbb"),
    ("delimsizing size1", "small-op"),
    ("delimsizing size2", "large-op"),
    ("delimsizing size3",),
    ("delimsizing size4",),
)


def fonts_used(html: str) -> list[str]:
    """Names of the KaTeX font files the math in ``html`` is set in, in a fixed order.

    >>> fonts_used('<span class="katex"><span class="mord mathnormal">x</span></span>')
    ['KaTeX_Main-Regular', 'KaTeX_Math-Italic']
    >>> fonts_used("<p>no math</p>")
    []
    """
    return [
        font
        for (pattern, font), words in zip(_PATTERNS, _WORDS, strict=True)
        if any(word in html for word in words) and pattern.search(html)
    ]


def add_font_preloads(html: str, page_url: str) -> str:
    """Insert a preload link for each font the page uses at the end of its ``<head>``.

    >>> add_font_preloads('<head></head><span class="katex">', "gradient/")
    '<head><link rel="preload" href="../assets/katex/fonts/KaTeX_Main-Regular.woff2" as="font" type="font/woff2" crossorigin></head><span class="katex">'
    """
    fonts = fonts_used(html)
    if not fonts:
        return html
    depth = page_url.count("/")
    prefix = posixpath.join(*([".."] * depth), SITE_DIR) if depth else SITE_DIR
    links = "".join(
        f'<link rel="preload" href="{prefix}/fonts/{font}.woff2" as="font" type="font/woff2" crossorigin>'
        for font in fonts
    )
    return html.replace("</head>", links + "</head>", 1)
