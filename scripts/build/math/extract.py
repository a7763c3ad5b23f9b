"""Find Obsidian-style math in Markdown and swap it for placeholders before Markdown runs.

Why by hand: pymdownx.arithmatex only recognises a ``$$`` block that stands as its own
paragraph. The author writes blocks straight against text and against each other, so Python-
Markdown sees the rest as text and rewrites ``\\\\``, ``\\|`` and ``\\{`` (34 of 41 formulas of
the note survive the stock recipe). Taking every formula out of the source first, as Obsidian
reads it, means Markdown never touches TeX at all.

The rules follow Obsidian:

* ``$$ … $$`` is display math, on its own lines or not, in lists and blockquotes too;
* ``$…$`` is inline math when the opening ``$`` is not followed by white space and the closing
  one is not preceded by white space nor followed by a digit; it never crosses a blank line;
* ``\\$`` is a literal dollar; nothing inside code spans, fenced code or HTML comments is math.

A display block that fills its lines becomes a paragraph of its own (blank lines around it, with
the container prefix such as ``> `` or the list indent kept), so it renders as a block wherever it
stood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDER_RE = re.compile(r"xkatexph(\d+)x")
_FENCE_RE = re.compile(r"^(?P<prefix>(?:[ \t]*>)*[ \t]*)(?P<fence>`{3,}|~{3,})")
_PREFIX_RE = re.compile(r"[ \t>]*\Z")
_MATH_START_RE = re.compile(r"[\\`$<]")
_CODE_START_RE = re.compile(r"[\\`<]")


@dataclass(frozen=True)
class Formula:
    """One formula as written: its TeX, whether it is display math, and where it came from."""

    tex: str
    display: bool
    origin: str
    line: int


_SPECIAL_RE = re.compile(r"[\\`<$]")  # what the scanner below must look at


def placeholder(index: int) -> str:
    """The token that stands for formula ``index`` until its HTML is known.

    Letters and digits only, so no Markdown extension rewrites it.
    """
    return f"xkatexph{index}x"


def extract(markdown: str, origin: str, formulas: list[Formula], first_line: int = 1) -> str:
    """Return ``markdown`` with every formula replaced by a placeholder.

    Each formula found is appended to ``formulas``; its placeholder is its index there, so the
    caller keeps one list per page (or per build) and placeholders never collide.

    >>> found: list[Formula] = []
    >>> extract("a $x$ b\\n$$\\n\\\\|y\\\\|\\n$$\\ncost \\\\$5 `$z$`", "p.md", found)
    'a xkatexph0x b\\n\\n\\nxkatexph1x\\n\\ncost &#36;5 `$z$`'
    >>> [(f.tex, f.display, f.line) for f in found]
    [('x', False, 1), ('\\n\\\\|y\\\\|\\n', True, 2)]
    """
    out: list[str] = []
    lines = markdown.splitlines(keepends=True)
    text_start = 0
    fence: tuple[str, int] | None = None
    chunk: list[str] = []
    for number, line in enumerate(lines):
        match = _FENCE_RE.match(line)
        if fence is None and match:
            out.append(_extract_text("".join(chunk), origin, formulas, first_line + text_start))
            chunk = []
            fence = (match["fence"][0], len(match["fence"]))
            out.append(line)
        elif fence is not None:
            out.append(line)
            if match and match["fence"][0] == fence[0] and len(match["fence"]) >= fence[1]:
                fence = None
                text_start = number + 1
        else:
            chunk.append(line)
    out.append(_extract_text("".join(chunk), origin, formulas, first_line + text_start))
    return "".join(out)


def _extract_text(text: str, origin: str, formulas: list[Formula], first_line: int) -> str:
    """Scan text that holds no fenced code: escapes, code spans, comments and math, in order."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            out.append("&#36;" if text[i + 1] == "$" else text[i : i + 2])
            i += 2
        elif c == "`":
            end = _code_span_end(text, i)
            out.append(text[i:end])
            i = end
        elif text.startswith("<!--", i):
            end = text.find("-->", i)
            end = n if end < 0 else end + 3
            out.append(text[i:end])
            i = end
        elif text.startswith("$$", i):
            close = _find_closing(text, i + 2, "$$")
            if close < 0:
                out.append("$$")
                i += 2
                continue
            line = first_line + text.count("\n", 0, i)
            prefix = text[text.rfind("\n", 0, i) + 1 : i]
            tex = _strip_quote_markers(text[i + 2 : close], prefix.count(">"))
            formulas.append(Formula(tex, True, origin, line))
            token = placeholder(len(formulas) - 1)
            i = close + 2
            rest = re.match(r"[ \t]*(?=\n|\Z)", text[i:])
            if _PREFIX_RE.match(prefix) and rest:
                # A block on its own lines: make it a paragraph of its own in its container.
                blank = prefix.rstrip()
                out.append(f"\n{blank}\n{prefix}{token}\n{blank}")
                i += rest.end()
            else:
                out.append(token)
        elif c == "$" and i + 1 < n and not text[i + 1].isspace():
            close = _find_inline_close(text, i + 1)
            if close < 0:
                out.append(c)
                i += 1
                continue
            line = first_line + text.count("\n", 0, i)
            formulas.append(Formula(text[i + 1 : close], False, origin, line))
            out.append(placeholder(len(formulas) - 1))
            i = close + 1
        else:  # plain text: copy it up to the next character that can start something
            special = _SPECIAL_RE.search(text, i + 1)
            end = special.start() if special else n
            out.append(text[i:end])
            i = end
    return "".join(out)


def _strip_quote_markers(tex: str, depth: int) -> str:
    """Drop the blockquote markers that start each line of a block inside ``depth`` quotes.

    >>> _strip_quote_markers("\\n> a\\n> ", 1)
    '\\na\\n'
    """
    if depth == 0:
        return tex
    marker = re.compile(rf"^(?:[ \t]*>[ \t]?){{0,{depth}}}", re.M)
    first, newline, rest = tex.partition("\n")
    return first + newline + marker.sub("", rest)


def _code_span_end(text: str, start: int) -> int:
    """End of the code span opened by the backtick run at ``start`` (CommonMark's rule)."""
    run = len(text[start:]) - len(text[start:].lstrip("`"))
    ticks = "`" * run
    search = start + run
    while True:
        found = text.find(ticks, search)
        if found < 0:
            return start + run  # an unmatched run is literal text
        after = found + run
        if after < len(text) and text[after] == "`":
            search = after + len(text[after:]) - len(text[after:].lstrip("`"))
            continue
        return after


def _find_closing(text: str, start: int, delimiter: str) -> int:
    """Index of ``delimiter`` after ``start``, skipping TeX escapes such as ``\\$``."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(delimiter, i):
            return i
        else:
            i += 1
    return -1


def _find_inline_close(text: str, start: int) -> int:
    """Closing ``$`` of inline math: not after white space, not before a digit, same paragraph."""
    i = start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "\n":
            end = text.find("\n", i + 1)
            if text[i + 1 : len(text) if end < 0 else end].strip(" \t>") == "":
                return -1  # a blank line (or one of only container markers) ends the paragraph
        if c == "$":
            if text[i - 1].isspace() or text[i + 1 : i + 2].isdigit():
                return -1
            return i
        i += 1
    return -1


def protected_spans(markdown: str, *, math: bool = True) -> list[tuple[int, int]]:
    """(start, end) of every part of ``markdown`` that other syntax must leave alone.

    Fenced code, code spans and HTML comments, and with ``math`` every formula, found by the
    same rules as ``extract``, so the Obsidian transforms (``scripts/build/obsidian``) never
    read ``[[``, ``==`` or ``#`` inside TeX or code.

    >>> text = "a $[[x]]$ `[[y]]` [[z]]\\n```\\n[[w]]\\n```\\n"
    >>> [text[s:e] for s, e in protected_spans(text)]
    ['$[[x]]$', '`[[y]]`', '```\\n[[w]]\\n```\\n']
    >>> [text[s:e] for s, e in protected_spans(text, math=False)][0]
    '`[[y]]`'
    """
    spans: list[tuple[int, int]] = []
    fence: tuple[str, int] | None = None
    fence_start = chunk_start = pos = 0
    for line in markdown.splitlines(keepends=True):
        match = _FENCE_RE.match(line)
        if fence is None and match:
            spans += _text_spans(markdown[chunk_start:pos], chunk_start, math)
            fence = (match["fence"][0], len(match["fence"]))
            fence_start = pos
        elif fence is not None and match:
            if match["fence"][0] == fence[0] and len(match["fence"]) >= fence[1]:
                fence = None
                spans.append((fence_start, pos + len(line)))
                chunk_start = pos + len(line)
        pos += len(line)
    if fence is not None:
        spans.append((fence_start, pos))  # an unclosed fence runs to the end, as in Markdown
    else:
        spans += _text_spans(markdown[chunk_start:], chunk_start, math)
    return spans


def _text_spans(text: str, offset: int, math: bool) -> list[tuple[int, int]]:
    """``protected_spans`` of text that holds no fenced code (the scan of ``_extract_text``)."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    interesting = _MATH_START_RE if math else _CODE_START_RE
    while i < n:
        found = interesting.search(text, i)  # skip plain text in one step
        if found is None:
            break
        i = found.start()
        c = text[i]
        end = i + 1
        if c == "\\" and i + 1 < n:
            end = i + 2
        elif c == "`":
            end = _code_span_end(text, i)
            if text[end - 1 : end] == "`" and end - i > len(text[i:]) - len(text[i:].lstrip("`")):
                spans.append((offset + i, offset + end))
        elif text.startswith("<!--", i):
            close = text.find("-->", i)
            end = n if close < 0 else close + 3
            spans.append((offset + i, offset + end))
        elif math and text.startswith("$$", i):
            close = _find_closing(text, i + 2, "$$")
            end = i + 2 if close < 0 else close + 2
            if close >= 0:
                spans.append((offset + i, offset + end))
        elif math and c == "$" and i + 1 < n and not text[i + 1].isspace():
            close = _find_inline_close(text, i + 1)
            if close >= 0:
                end = close + 1
                spans.append((offset + i, offset + end))
        i = end
    return spans
