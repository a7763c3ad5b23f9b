"""Claim marks held out of Markdown's way: Markdown sees each mark's outer tag, not its content.

A claim mark is one line of HTML with a dozen tags (``mark.py``). Python-Markdown reads every
tag of raw HTML at least twice (MkDocs's scan for anchors, md_in_html's block extractor): at
book scale that was a large share of the build, for HTML Markdown must pass on unchanged.
So, once a page's Markdown is final, each mark's content becomes a token (letters and digits,
which no extension rewrites) and is put back into the page's HTML after conversion. The outer
``<details>`` stays, so Markdown places the mark as before (a block of its own, or inside a
list item's paragraph) and search still excludes it; the content, which is no Markdown, is no
longer open to Markdown's inline patterns inside a paragraph.
"""

from __future__ import annotations

import re

from scripts.build.claims.mark import MARK_OPEN
from scripts.build.claims.pages import ClaimError

_MARK_RE = re.compile(rf"({re.escape(MARK_OPEN)})(.+?)(</details>)")
_TOKEN_RE = re.compile(r"xclaimmark(\d+)x")


class HeldMarks:
    """The content of each page's claim marks while Markdown converts the page."""

    def __init__(self) -> None:
        self.held: dict[str, list[str]] = {}

    def hold(self, page_id: str, markdown: str) -> str:
        """``markdown`` with each one-line claim mark's content swapped for a token.

        >>> marks = HeldMarks()
        >>> marks.hold("p.md", 'a\\n<details class="claim-check" data-search-exclude><ul><li>x</li></ul></details>')
        'a\\n<details class="claim-check" data-search-exclude>xclaimmark0x</details>'
        >>> marks.restore("p.md", '<details class="claim-check" data-search-exclude>xclaimmark0x</details>')
        '<details class="claim-check" data-search-exclude><ul><li>x</li></ul></details>'
        """
        held = self.held.setdefault(page_id, [])

        def token(match: re.Match[str]) -> str:
            held.append(match[2])
            return f"{match[1]}xclaimmark{len(held) - 1}x{match[3]}"

        return _MARK_RE.sub(token, markdown)

    def restore(self, page_id: str, html: str) -> str:
        """``html`` (the page converted) with each held mark's content back in place."""
        held = self.held.get(page_id, [])

        def content(match: re.Match[str]) -> str:
            index = int(match[1])
            if index >= len(held):
                raise ClaimError(f"{page_id}: claim mark {match[0]} has no content")
            return held[index]

        return _TOKEN_RE.sub(content, html) if held else html
