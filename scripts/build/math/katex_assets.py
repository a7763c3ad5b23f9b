"""Serve KaTeX's stylesheet and fonts from the site itself (no CDN).

Only the WOFF2 fonts are shipped, cut to the glyphs the site draws (``katex_fonts``): every
browser the site supports reads them, so the WOFF and TTF fallbacks are dropped from the
stylesheet rather than left pointing at files we do not ship.

Each page carries the stylesheet inline, in place of its link. Linked, it was one more
render-blocking request before the first paint; and Material's instant navigation, which
rewrites every relative ``href`` once the page has loaded, re-applied it, which moved lines of
inline math by a pixel or two once Material's bundle no longer delays the first paint (layout
shift; Lighthouse, 3 of 3 runs). An inline ``<style>`` is neither fetched nor rewritten. Its
fonts are named from the site's root (``site_url``'s path), so they stay right after instant
navigation moves to a page at another depth; the file stays served for ``404.html`` and the
PDF edition.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from scripts.build.math.katex_fonts import SiteFont
from scripts.build.math.katex_render import KATEX_PACKAGE, MathError

SITE_DIR = "assets/katex"
_FALLBACK_FONTS = re.compile(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')
_FONT_URL = re.compile(r"url\(fonts/([^)]+\.woff2)\)")


def add_katex_assets(files: Files, config: MkDocsConfig, fonts: list[SiteFont]) -> str:
    """Add ``assets/katex/katex.min.css`` and ``fonts`` (``katex_fonts.site_fonts``) to the
    site's files; return the stylesheet as pages carry it inline (``inline_stylesheet``).

    Called once every formula is rendered (``on_env``): the fonts' names follow from their
    content, which follows from the formulas. MkDocs copies files added then with the rest.
    """
    css_path = KATEX_PACKAGE / "dist" / "katex.min.css"
    if not css_path.is_file():
        raise MathError(f"{css_path} is missing: run `make setup` to install KaTeX.")
    css = _FALLBACK_FONTS.sub("", css_path.read_text(encoding="utf-8"))
    served = {f"{font.family_file}.woff2": font.file_name for font in fonts}
    css = _FONT_URL.sub(lambda m: f"url(fonts/{served[m[1]]})", css)
    files.append(File.generated(config, f"{SITE_DIR}/katex.min.css", content=css))
    for font in fonts:
        files.append(
            File.generated(config, f"{SITE_DIR}/fonts/{font.file_name}", content=font.content)
        )
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    return css.replace("url(fonts/", f"url({root}{SITE_DIR}/fonts/")


_LINK = re.compile(rf'<link rel="stylesheet" href="(?:\.\./)*{SITE_DIR}/katex\.min\.css">')


def inline_stylesheet(html: str, css: str) -> str:
    """The page with its link to KaTeX's stylesheet replaced by ``css`` (see the module's doc).

    >>> inline_stylesheet('<link rel="stylesheet" href="../assets/katex/katex.min.css">', ".k{}")
    '<style>.k{}</style>'
    """
    return _LINK.sub(lambda _: f"<style>{css}</style>", html, count=1)
