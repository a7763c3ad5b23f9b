"""``%%comment%%``: Obsidian's comments, never published.

Why by hand: none of the evaluated plugins removes them (mkdocs-obsidian-bridge has a stub that
returns the text unchanged). The rules follow Obsidian: a comment may span lines, an unclosed
``%%`` hides the rest of the note, and ``%%`` inside code is text. A comment is removed before
math is read (Obsidian hides the TeX in it too), keeping every line break and each line's
container prefix (``> ``, list indent), so line numbers in later error messages stay right and
a comment inside a callout does not end the callout.
"""

from __future__ import annotations

import re

from scripts.build.math.extract import protected_spans

_PREFIX_RE = re.compile(r"[ \t>]*")


def strip_comments(markdown: str) -> str:
    """``markdown`` without its comments, with the same number of lines.

    >>> strip_comments("a %%secret%% b\\n> x %%one\\n> two%% y\\n`%%code%%`")
    'a  b\\n> x \\n>  y\\n`%%code%%`'
    >>> strip_comments("kept\\n%%\\nhidden to the end")
    'kept\\n\\n'
    """
    if "%%" not in markdown:
        return markdown
    code = protected_spans(markdown, math=False)
    out: list[str] = []
    i = 0
    while True:
        start = _find_outside(markdown, "%%", i, code)
        if start < 0:
            out.append(markdown[i:])
            return "".join(out)
        close = _find_outside(markdown, "%%", start + 2, code)
        end = len(markdown) if close < 0 else close + 2
        out.append(markdown[i:start])
        hidden = markdown[start:end].split("\n")
        out.append("\n".join(["", *(_PREFIX_RE.match(line)[0] for line in hidden[1:])]))  # type: ignore[index]
        i = end


def _find_outside(text: str, needle: str, start: int, spans: list[tuple[int, int]]) -> int:
    """First ``needle`` at or after ``start`` that is not inside one of ``spans``."""
    while True:
        at = text.find(needle, start)
        if at < 0:
            return -1
        inside = next((e for s, e in spans if s <= at < e), None)
        if inside is None:
            return at
        start = inside
