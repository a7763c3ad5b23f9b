"""The math of one build: collected page by page, rendered in one batch, put back into HTML.

MkDocs converts every page's Markdown before it renders any template (``on_env`` lies between),
so all formulas of a build are known before the first page is written: they are rendered then,
in one KaTeX batch, and each page's placeholders are swapped for the HTML.
"""

from __future__ import annotations

import html
import re

from scripts.build.math.extract import PLACEHOLDER_RE, Formula, extract
from scripts.build.math.katex_preload import FontsOfFormulas
from scripts.build.math.katex_render import KatexRenderer, MathError

_BLOCK_RE = re.compile(r"<p>\s*(xkatexph\d+x)\s*</p>")
_TAG_RE = re.compile(r"<[^<>]*xkatexph\d+x[^<>]*>")


class MathPages:
    """Per-build state: the formulas of each page and, once rendered, their HTML."""

    def __init__(self, renderer: KatexRenderer) -> None:
        self.renderer = renderer
        self.formulas: dict[str, list[Formula]] = {}
        self.html: dict[str, list[str]] = {}
        self.shown: dict[str, set[int]] = {}  # page → its formulas filled in as HTML
        self._fonts = FontsOfFormulas()

    def extract(self, page_id: str, markdown: str, origin: str, first_line: int = 1) -> str:
        """Take the formulas out of ``markdown`` (one page, or a part inserted into it)."""
        found = self.formulas.setdefault(page_id, [])
        return extract(markdown, origin, found, first_line)

    def render(self) -> None:
        """Render every formula collected so far, in one batch."""
        order = [(page, i) for page, found in self.formulas.items() for i in range(len(found))]
        flat = [self.formulas[page][i] for page, i in order]
        rendered = self.renderer.render_all(flat)
        self.html = {page: [""] * len(found) for page, found in self.formulas.items()}
        for (page, i), markup in zip(order, rendered, strict=True):
            self.html[page][i] = markup

    def rendered(self) -> set[str]:
        """The HTML of every distinct formula of the build (``render`` has run): a book
        repeats its formulas, and what is read from each (its glyphs) is read once."""
        return {markup for page in self.html.values() for markup in page}

    def fill(self, page_id: str, content: str) -> str:
        """Replace the page's placeholders in its HTML with the rendered math."""
        rendered = self.html.get(page_id, [])
        shown = self.shown.setdefault(page_id, set())

        def markup(token: str) -> str:
            index = int(token[len("xkatexph") : -1])
            if index >= len(rendered):
                raise MathError(f"{page_id}: math placeholder {token} has no formula")
            shown.add(index)
            return rendered[index]

        # Inside a tag (a heading's id, a title attribute) math can only be text: its TeX.
        content = _TAG_RE.sub(lambda m: self.fill_text(page_id, m[0]), content)
        content = _BLOCK_RE.sub(lambda m: markup(m[1]), content)
        return PLACEHOLDER_RE.sub(lambda m: markup(m[0]), content)

    def fonts(self, page_id: str) -> list[str]:
        """The KaTeX fonts of the formulas ``fill`` put into the page as HTML (not as TeX text,
        as in a title), for ``add_font_preloads``."""
        rendered = self.html.get(page_id, [])
        return self._fonts.of(rendered[i] for i in self.shown.get(page_id, ()))

    def fill_text(self, page_id: str, text: str) -> str:
        """Placeholders left outside the content (titles, table of contents) become TeX text."""
        found = self.formulas.get(page_id, [])
        return PLACEHOLDER_RE.sub(lambda m: html.escape(found[int(m[1])].tex.strip()), text)
