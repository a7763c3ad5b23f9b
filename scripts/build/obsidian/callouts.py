"""Callouts ``> [!type] title`` → Material admonitions, by the kept mkdocs-callouts library.

mkdocs-callouts (pinned) passed the fixture vault: every Obsidian type and alias (``faq`` →
question, ``cite`` → quote, …), foldable ``-`` (``???``, closed) and ``+`` (``???+``, open),
nested callouts, callouts in lists, ``> [!x]`` inside code fences left alone. It is used as a
library, not as its plugin: the plugin converts in ``on_page_markdown``, after the snippet and
claim stages have read the page in ``on_files``; here the conversion is part of the one Obsidian
translation every stage reads (``pages.py``). Its ``breakless_lists`` option is off: it inserts
lines, and line numbers in error messages must stay those of the note.

What it does not do, and this module does: the one Obsidian type Material lacks, ``todo``, gets
an admonition style of its own (``docs/assets/extra.css``, Material's recipe for custom types,
icon inline, nothing loaded from elsewhere); a title's double quotes are kept as typographic
quotes (they would end Material's quoted title).
"""

from __future__ import annotations

import re

from mkdocs_callouts.utils import CalloutParser

# Obsidian's types (and the aliases the library maps onto them), each a Material admonition.
TYPES = (
    "note abstract info todo tip success question warning failure danger bug example quote"
).split()
_TITLE_QUOTES_RE = re.compile(r"^(\s*(?:>\s*)*\[![^\]]*\][+-]?[ \t]*)(.*)$", re.M)


def convert_callouts(markdown: str) -> str:
    """Every callout of ``markdown`` as an admonition; the line count is unchanged.

    >>> text = '> [!tip] 提示\\n> 正文\\n\\n> [!warning]- 折叠 "引号"\\n> 内容'
    >>> print(convert_callouts(text).replace("\\t", "→"))
    !!! tip "提示"
    →正文
    <BLANKLINE>
    ??? warning "折叠 “引号”"
    →内容
    """
    if "[!" not in markdown:
        return markdown
    markdown = _TITLE_QUOTES_RE.sub(lambda m: m[1] + _curly(m[2]), markdown)
    converted = CalloutParser(convert_aliases=True, breakless_lists=False).parse(markdown)
    assert converted.count("\n") == markdown.count("\n"), "mkdocs-callouts changed the lines"
    return converted


def _curly(title: str) -> str:
    """Straight double quotes → “ ” in turn."""
    parts = title.split('"')
    return "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]
