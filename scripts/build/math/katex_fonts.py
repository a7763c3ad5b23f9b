"""KaTeX's fonts cut down to the glyphs the site's formulas draw, under names that change with
their content.

KaTeX ships each font whole: Latin, Greek and every symbol its macros can reach, 45–80 kB of
WOFF2 per chapter page, fetched before the first paragraph with math can be drawn (KaTeX's
fonts are ``font-display: block``). A page's formulas use a few dozen characters, so each font
is subset (fontTools, written as WOFF2 with ``brotli``) to the characters every formula of the
build draws: one union for all fonts and pages, a superset of what any font needs for any page,
so the site shares one copy of each font. No MkDocs plugin does this for server-rendered math.

Under ``mkdocs serve`` the fonts stay whole: a rebuild of one page must not cut a glyph another
page still shows, and a preview gains nothing from smaller fonts. Either way a font's file name
carries a hash of its bytes, so a browser holding an older cut never draws a new page with it.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import brotli
import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

from scripts.build.cache_files import cache_root, stable_key, write_atomic
from scripts.build.math.katex_render import KATEX_PACKAGE, MathError

FONTS_DIR = KATEX_PACKAGE / "dist" / "fonts"
# Characters KaTeX's stylesheet itself writes: equation numbers, ``content: "(" counter() ")"``.
STYLESHEET_CHARS = frozenset("()0123456789")
_VISIBLE = 'class="katex-html"'  # what readers see; the MathML before it is for screen readers
_TAG = re.compile(r"<[^>]*>")


def drawn_chars(formula_html: str) -> set[str]:
    """The characters a rendered formula draws: the text of its visible KaTeX HTML.

    >>> sorted(drawn_chars('<span class="katex"><span class="katex-mathml"><math><mi>q</mi>'
    ...     '</math></span><span class="katex-html" aria-hidden="true">x&lt;∇</span></span>'))
    ['<', 'x', '∇']
    """
    start = formula_html.find(_VISIBLE)
    if start < 0:
        return set()
    return set(html.unescape(_TAG.sub("", formula_html[formula_html.index(">", start) + 1 :])))


@dataclass(frozen=True)
class SiteFont:
    """One KaTeX font as the site serves it."""

    family_file: str  # KaTeX's name for it, e.g. KaTeX_Main-Regular
    file_name: str  # the served name, with a hash of ``content``
    content: bytes


def site_fonts(formulas: Iterable[str] | None, cache_dir: Path | None = None) -> list[SiteFont]:
    """Every KaTeX WOFF2 font, subset to the characters ``formulas`` (rendered HTML) draw, or
    whole when ``formulas`` is None. Subsets are cached by the characters, the font and the
    versions of fontTools and brotli."""
    fonts = sorted(FONTS_DIR.glob("*.woff2"))
    if not fonts:
        raise MathError(f"KaTeX's fonts are missing from {FONTS_DIR}: run `make setup`.")
    chars: str | None = None
    if formulas is not None:
        drawn: set[str] = set(STYLESHEET_CHARS)
        for formula in formulas:
            drawn |= drawn_chars(formula)
        chars = "".join(sorted(drawn))
    cache = cache_dir or cache_root() / "katex-fonts"
    served = []
    for path in fonts:
        whole = path.read_bytes()
        content = whole if chars is None else _cached_subset(path.name, whole, chars, cache)
        digest = hashlib.sha256(content).hexdigest()[:8]
        served.append(SiteFont(path.stem, f"{path.stem}.{digest}.woff2", content))
    return served


def _cached_subset(name: str, whole: bytes, chars: str, cache: Path) -> bytes:
    key = stable_key(fontTools.version, brotli.version, hashlib.sha256(whole).hexdigest(), chars)
    path = cache / key[:2] / f"{key}.woff2"
    try:
        return path.read_bytes()
    except OSError:
        pass
    try:
        content = _subset(whole, chars)
    except Exception as error:  # fontTools raises many kinds; any of them stops the build
        raise MathError(f"subsetting KaTeX's font {name} failed: {error}") from error
    write_atomic(path, content)
    return content


def _subset(whole: bytes, chars: str) -> bytes:
    """The font reduced to ``chars``, everything else about it (hinting, kerning, names, the
    timestamp) kept as KaTeX made it."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.legacy_kern = True
    options.recalc_timestamp = False
    font = TTFont(io.BytesIO(whole), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in chars])
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()
