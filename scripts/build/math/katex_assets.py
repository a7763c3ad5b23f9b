"""Serve KaTeX's stylesheet and fonts from the site itself (no CDN).

Only the WOFF2 fonts are shipped: every browser the site supports reads them, so the WOFF and
TTF fallbacks are dropped from the stylesheet rather than left pointing at files we do not ship.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from scripts.build.math.katex_render import KATEX_PACKAGE, MathError

SITE_DIR = "assets/katex"
_FALLBACK_FONTS = re.compile(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')


def add_katex_assets(files: Files, config: MkDocsConfig) -> None:
    """Add ``assets/katex/katex.min.css`` and its fonts to the site's files."""
    dist = KATEX_PACKAGE / "dist"
    css_path = dist / "katex.min.css"
    if not css_path.is_file():
        raise MathError(f"{css_path} is missing: run `make setup` to install KaTeX.")
    css = _FALLBACK_FONTS.sub("", css_path.read_text(encoding="utf-8"))
    files.append(File.generated(config, f"{SITE_DIR}/katex.min.css", content=css))
    for font in sorted((dist / "fonts").glob("*.woff2")):
        files.append(
            File.generated(config, f"{SITE_DIR}/fonts/{font.name}", abs_src_path=str(font))
        )
