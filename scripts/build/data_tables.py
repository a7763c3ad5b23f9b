"""Each data table in a box of its own, so Material's start-up restyles the table, not the page.

Material's bundle mounts every ``table:not([class])`` at start-up by moving it into its scroll
wrapper. Removing and inserting a child makes Chromium re-check its parent's ``:nth-child``
rules, and the MathML user-agent stylesheet, active on every page with KaTeX's MathML, has
``mmultiscripts > mprescripts ~ :nth-child(2n)``: a rule that any descendant may match. So the
move restyled the table's whole parent, the article, in the bundle's start-up task: 3,236
elements on derivative/, for one table of about 300. Alone in a ``<div class="data-table">``,
a table's move restyles the table only (the bundle's task in Lighthouse's simulation: 120–136 ms
before, 103–113 ms after, on derivative/).

No Markdown extension wraps tables, and Material's own wrapper can't be written here: Material
would wrap the table again. ``extra.css`` keeps the gap after a table that Material's
``table:not([class]) + *`` gives until its script runs (with JavaScript off, for good).
"""

from __future__ import annotations

import re

BOX_OPEN = '<div class="data-table">'
_TABLE_TAG = re.compile(r"<table\b[^>]*>|</table>", re.I)
_CLASS = re.compile(r"\sclass\s*=", re.I)


def box_data_tables(html: str) -> str:
    """``html`` with each outermost table that Material mounts (no ``class``) in a box.

    >>> box_data_tables("<p>a</p><table><tr><td>1</td></tr></table>")
    '<p>a</p><div class="data-table"><table><tr><td>1</td></tr></table></div>'
    >>> box_data_tables('<table class="highlighttable"><tr><td>x</td></tr></table>')
    '<table class="highlighttable"><tr><td>x</td></tr></table>'
    >>> box_data_tables("<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>")
    '<div class="data-table"><table><tr><td><table><tr><td>1</td></tr></table></td></tr></table></div>'
    """
    out: list[str] = []
    depth = 0
    boxed = False
    at = 0
    for tag in _TABLE_TAG.finditer(html):
        closing = tag.group().startswith("</")
        if not closing:
            if depth == 0 and not _CLASS.search(tag.group()):
                out.append(html[at : tag.start()] + BOX_OPEN)
                at, boxed = tag.start(), True
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0 and boxed:
                out.append(html[at : tag.end()] + "</div>")
                at, boxed = tag.end(), False
    out.append(html[at:] + ("</div>" if boxed else ""))  # a table left open stays in its box
    return "".join(out)
