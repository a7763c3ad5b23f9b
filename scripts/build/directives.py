"""Find the build directives in a page: ``<!-- md:KIND ARGUMENT -->`` on a line of its own.

One syntax for the whole site, after the HTML-comment shortcodes of Material's own docs: a page
still reads as plain Markdown in any editor, and the comment vanishes if the hook is off.

Kinds:

* ``<!-- md:snippet NAME -->``: every artifact of ``snippets/NAME.py``, in the order it made them;
* ``<!-- md:snippet NAME#ARTIFACT -->``: one artifact;
* ``<!-- md:claim -->``: the formula above it is verified from its own TeX (arguments ``of``,
  ``given``, ``where``: see ``scripts/build/claims/collect.py``);
* ``<!-- md:claim-table TEMPLATE -->``: every row of the table above it is such a claim;
* ``<!-- md:claim NAME#ARTIFACT -->``: a hand-written check's verdict, for a formula the claim
  parser cannot read (the verdict names the TeX it checked);
* ``<!-- md:definition -->`` / ``<!-- md:notation -->``: the formula above it states a definition
  or a notation, so no check backs it;
* ``<!-- md:problem ID`` … ``-->``: a practice problem, a block of several lines read by
  ``scripts/build/problems/source.py``.

An unknown kind, a missing argument or a directive that shares its line with text is an error
that names the page and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mkdocs.exceptions import PluginError

KINDS_WITH_TARGET = frozenset({"snippet", "claim"})
MARKERS = frozenset({"definition", "notation"})
TEX_CLAIMS = frozenset({"claim", "claim-table"})  # read by scripts/build/claims
_LINE_RE = re.compile(
    r"^(?P<indent>[ \t>]*)<!--\s*md:(?P<kind>[\w-]+)(?:[ \t]+(?P<arg>.*?))?\s*-->[ \t]*$"
)
_TARGET_RE = re.compile(r"(?P<name>[a-z][a-z0-9_]*)(?:#(?P<artifact>[a-z][a-z0-9_-]*))?\Z")
_ANY_RE = re.compile(r"<!--\s*md:")
_PROBLEM_RE = re.compile(r"^[ \t]*<!--\s*md:problem(?:[ \t]|$)")
_FENCE_RE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")


class DirectiveError(PluginError):
    """A malformed directive: the message names the page and the line."""


@dataclass(frozen=True)
class Directive:
    """One directive: where it stands, what it asks for."""

    kind: str
    snippet: str | None
    artifact: str | None
    origin: str
    line: int
    indent: str

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.line}"


def find_directives(markdown: str, origin: str, first_line: int = 1) -> list[Directive]:
    """Every directive of ``markdown`` (outside fenced code), in order.

    >>> [d.snippet for d in find_directives("a\\n<!-- md:snippet plot#light -->\\n", "p.md")]
    ['plot']
    >>> find_directives("<!-- md:plot x -->", "p.md")
    Traceback (most recent call last):
    ...
    scripts.build.directives.DirectiveError: p.md:1: unknown directive kind 'plot' (known: claim, claim-table, definition, notation, snippet)
    """
    found: list[Directive] = []
    for offset, line in lines_outside_fences(markdown.splitlines()):
        number = first_line + offset
        if not _ANY_RE.search(line):
            continue
        directive = _parse(line, origin, number)
        if directive is not None:
            found.append(directive)
    return found


def lines_outside_fences(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(index, line) of each line outside fenced code blocks (a fence line itself excluded).

    >>> [n for n, _ in lines_outside_fences(["a", "```", "b", "```", "c"])]
    [0, 4]
    """
    fence: str | None = None
    for at, line in enumerate(lines):
        fence_match = _FENCE_RE.match(line)
        if fence_match:
            mark = fence_match[1]
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            continue
        if fence is None:
            yield at, line


def _parse(line: str, origin: str, number: int) -> Directive | None:
    where = f"{origin}:{number}"
    if _PROBLEM_RE.match(line):
        return None  # a practice problem's block (scripts/build/problems)
    match = _LINE_RE.match(line)
    if not match:
        if re.search(r"[^\s>]\s*<!--\s*md:claim[\s>-]", line):
            return None  # an inline claim: $…$<!-- md:claim … --> (scripts/build/claims)
        raise DirectiveError(f"{where}: a directive must stand alone on its line: {line.strip()!r}")
    kind, arg = match["kind"], match["arg"]
    if kind in TEX_CLAIMS and not (arg and _TARGET_RE.match(arg) and "#" in arg):
        if kind == "claim-table" and not arg:
            raise DirectiveError(f"{where}: md:claim-table needs a template such as "
                                 "'\\nabla({表达式}) = {梯度结果}'")  # fmt: skip
        return Directive(kind, None, None, origin, number, match["indent"])
    if kind in MARKERS:
        if arg:
            raise DirectiveError(f"{where}: md:{kind} takes no argument, got {arg!r}")
        return Directive(kind, None, None, origin, number, match["indent"])
    if kind not in KINDS_WITH_TARGET:
        known = ", ".join(sorted(KINDS_WITH_TARGET | MARKERS | TEX_CLAIMS))
        raise DirectiveError(f"{where}: unknown directive kind {kind!r} (known: {known})")
    target = _TARGET_RE.match(arg or "")
    if not target:
        raise DirectiveError(
            f"{where}: md:{kind} needs a snippet name such as 'tangent_plot' or "
            f"'exercise_answers#ex2', got {arg!r}"
        )
    return Directive(kind, target["name"], target["artifact"], origin, number, match["indent"])
