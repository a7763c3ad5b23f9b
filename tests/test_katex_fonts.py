"""KaTeX's fonts, cut to the glyphs the formulas draw (scripts/build/math/katex_fonts.py), must
still draw every character of every page's visible math that KaTeX's whole font draws."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from scripts.build.math.katex_fonts import FONTS_DIR, site_fonts


class _VisibleMath(HTMLParser):
    """The text inside every ``.katex-html`` element of a page, read by an HTML parser (not by
    the build's own extraction, which this test checks)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.chars: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth or "katex-html" in classes:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.chars.update(data)


def _drawn(site: Path) -> set[str]:
    chars: set[str] = set()
    for page in site.rglob("*.html"):
        parser = _VisibleMath()
        parser.feed(page.read_text(encoding="utf-8"))
        chars |= parser.chars
    return chars


def _cmap(font: bytes | Path) -> set[int]:
    data = font.read_bytes() if isinstance(font, Path) else font
    return set(TTFont(io.BytesIO(data)).getBestCmap())


def missing_glyphs(site: Path) -> dict[str, list[str]]:
    """Per served font (as the site's KaTeX stylesheet names it): the characters some page's
    math draws that KaTeX's whole font has and the served one lacks."""
    css = (site / "assets/katex/katex.min.css").read_text(encoding="utf-8")
    drawn = {ord(char) for char in _drawn(site)}
    missing = {}
    for served in re.findall(r"url\(fonts/([^)]+\.woff2)\)", css):
        whole = FONTS_DIR / (served.split(".")[0] + ".woff2")
        lacking = (drawn & _cmap(whole)) - _cmap(site / "assets/katex/fonts" / served)
        if lacking:
            missing[served] = sorted(chr(code) for code in lacking)
    return missing


def test_served_fonts_draw_every_character_of_the_pages_math(built_site: Path) -> None:
    assert "∇" in _drawn(built_site)  # the pages' math was found
    assert missing_glyphs(built_site) == {}


def test_served_fonts_are_cut_down_and_named_by_their_content(built_site: Path) -> None:
    fonts = sorted((built_site / "assets/katex/fonts").glob("*.woff2"))
    assert len(fonts) == len(list(FONTS_DIR.glob("*.woff2")))
    served = sum(font.stat().st_size for font in fonts)
    whole = sum(font.stat().st_size for font in FONTS_DIR.glob("*.woff2"))
    assert served < whole / 2, (served, whole)
    for font in fonts:
        family, digest, _ = font.name.split(".")
        assert (FONTS_DIR / f"{family}.woff2").is_file()
        assert digest == hashlib.sha256(font.read_bytes()).hexdigest()[:8]


def test_a_font_missing_a_drawn_glyph_is_caught(built_site: Path, tmp_path: Path) -> None:
    """Mutation: cut KaTeX_Main-Regular without ∇ (which the gradient page draws)."""
    site = tmp_path / "site"
    shutil.copytree(built_site / "assets", site / "assets")
    shutil.copytree(built_site / "gradient", site / "gradient")
    (served,) = (site / "assets/katex/fonts").glob("KaTeX_Main-Regular.*.woff2")
    font = TTFont(served)
    keep = [code for code in font.getBestCmap() if chr(code) != "∇"]
    options = subset.Options()
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(served)
    assert missing_glyphs(site) == {served.name: ["∇"]}


def test_fonts_are_cut_to_the_union_of_the_formulas_or_left_whole(tmp_path: Path) -> None:
    nabla = '<span class="katex"><span class="katex-html" aria-hidden="true">∇f</span></span>'
    cut = {font.family_file: font for font in site_fonts([nabla], cache_dir=tmp_path)}
    main = _cmap(cut["KaTeX_Main-Regular"].content)
    assert {ord("∇"), ord("(")} <= main and ord("Σ") not in main
    assert ord("f") in _cmap(cut["KaTeX_Math-Italic"].content)
    whole = {font.family_file: font for font in site_fonts(None, cache_dir=tmp_path)}
    main_path = FONTS_DIR / "KaTeX_Main-Regular.woff2"
    assert whole["KaTeX_Main-Regular"].content == main_path.read_bytes()
    again = site_fonts([nabla], cache_dir=tmp_path)  # from the cache, byte for byte
    assert [font.content for font in again] == [font.content for font in cut.values()]
