"""Finds the claims of a page: display formulas, inline formulas and table rows it marks.

* a display formula followed by ``<!-- md:claim -->`` (one or more directive lines);
* an inline formula followed on the same line by ``<!-- md:claim -->``: ``$2Ax$<!-- md:claim of
  \\nabla_x (x^\\top A x) given A = A^\\top -->`` (``of`` names what the formula is the value of);
* a table followed by ``<!-- md:claim-table \\nabla({表达式}) = {梯度结果} -->``: every row, with
  each ``{column}`` replaced by that row's formula (a cell ``a = b`` gives a row for each side,
  and ``a = b`` is itself checked).

Arguments of ``md:claim``: ``of TEX``, ``given TEX; TEX`` (conditions and definitions such as
``f(x) = 3x^2 - 4x``), ``where NAME: SPEC; …`` (symbols for this claim only).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from scripts.build.directives import lines_outside_fences

DIRECTIVE_RE = re.compile(
    r"^(?P<indent>[ \t>]*)<!--\s*md:claim(?P<arg>(?:[ \t][^\n]*?)?)\s*-->[ \t]*$"
)
TABLE_RE = re.compile(r"^[ \t>]*<!--\s*md:claim-table[ \t]+(?P<template>.+?)\s*-->[ \t]*$")
INLINE_RE = re.compile(r"\$(?P<tex>[^$\n]+)\$<!--\s*md:claim(?P<arg>(?:[ \t][^\n]*?)?)\s*-->")
BOUND_RE = re.compile(r"^\s*[a-z][a-z0-9_]*#[a-z][a-z0-9_-]*\s*$")  # NAME#CHECK: a snippet's check
_ARGS_RE = re.compile(
    r"^(?:of\s+(?P<of>.+?))?\s*(?:(?:^|\s)given\s+(?P<given>.+?))?\s*(?:(?:^|\s)where\s+(?P<where>.+))?$"
)
_MATH_RE = re.compile(r"(?<!\\)\$(?P<tex>[^$\n]+?)(?<!\\)\$")


class ClaimSourceError(ValueError):
    """A claim directive with nothing to check, or bad arguments; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class FoundClaim:
    """One claim of a page as the reader sees it, and where it stands."""

    line: int  # 1-based, in the text that was scanned
    tex: str  # the formula on the page
    of: str | None = None
    given: tuple[str, ...] = ()
    where: tuple[tuple[str, str], ...] = ()
    kind: str = "display"  # display | inline | table
    mark_line: int = 0  # the line whose directive the mark replaces (a table's: after the table)

    @property
    def checked_tex(self) -> str:
        """What the checker reads: the formula, or ``of = formula``."""
        return f"{self.of} = {self.tex}" if self.of else self.tex


@dataclass
class ClaimArgs:
    of: str | None = None
    given: tuple[str, ...] = ()
    where: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def parse_args(text: str, line: int) -> ClaimArgs:
    """``of X given C; D where x: vector`` → its parts.

    >>> parse_args(" given f(x) = x^2; x > 0 where x: scalar", 1).given
    ('f(x) = x^2', 'x > 0')
    """
    match = _ARGS_RE.match(text.strip())
    if not match:
        raise ClaimSourceError(
            line, f"md:claim takes 'of …', 'given …', 'where …' in this order, not {text.strip()!r}"
        )
    args = ClaimArgs(of=match["of"].strip() if match["of"] else None)
    if match["given"]:
        args.given = tuple(v.strip() for v in match["given"].split(";") if v.strip())
    if match["where"]:
        pairs = []
        for item in (v.strip() for v in match["where"].split(";") if v.strip()):
            name, sep, spec = item.partition(":")
            if not sep:
                raise ClaimSourceError(line, f"'where {item}': write NAME: SPEC")
            pairs.append((name.strip(), spec.strip()))
        args.where = tuple(pairs)
    return args


def find_claims(text: str, first_line: int = 1) -> list[FoundClaim]:
    """Every claim in ``text`` (outside fenced code), in order."""
    lines = text.split("\n")
    found: list[FoundClaim] = []
    for at, line in lines_outside_fences(lines):
        number = first_line + at
        directive = DIRECTIVE_RE.match(line)
        if directive and not BOUND_RE.match(directive["arg"]):
            args = parse_args(directive["arg"], number)
            tex = _formula_above(lines, at, number)
            found.append(
                FoundClaim(number, tex, args.of, args.given, args.where, "display", number)
            )
            continue
        table = TABLE_RE.match(line)
        if table:
            found.extend(_table_claims(lines, at, number, table["template"]))
            continue
        for inline in INLINE_RE.finditer(line):
            args = parse_args(inline["arg"], number)
            found.append(FoundClaim(number, inline["tex"].strip(), args.of, args.given,
                                    args.where, "inline", number))  # fmt: skip
    return found


def _formula_above(lines: list[str], at: int, number: int) -> str:
    """The display formula right above the directive at ``at`` (other directives may stand
    between)."""
    k = at - 1
    while k >= 0 and re.match(r"^[ \t>]*<!--\s*md:", lines[k]):
        k -= 1
    closing = lines[k].strip(" \t>") if k >= 0 else ""
    if not closing.endswith("$$"):
        raise ClaimSourceError(
            number, "md:claim must follow a display formula ($$ … $$) directly; for an inline "
            "formula write $…$<!-- md:claim --> on the same line"
        )  # fmt: skip
    if closing.startswith("$$") and len(closing) > 4:
        return closing[2:-2].strip()
    body: list[str] = [closing[:-2]] if closing[:-2].strip() else []
    k -= 1
    while k >= 0:
        text = lines[k].strip(" \t>")
        if text.startswith("$$"):
            body.insert(0, text[2:])
            return "\n".join(body).strip()
        body.insert(0, text)
        k -= 1
    raise ClaimSourceError(number, "md:claim follows a $$ that opens no formula")


def _cells(row: str) -> list[str]:
    masked = _MATH_RE.sub(lambda m: "\0" * len(m[0]), row)
    bounds = [i for i, c in enumerate(masked) if c == "|" and (i == 0 or masked[i - 1] != "\\")]
    cells = [row[a + 1 : b] for a, b in itertools.pairwise(bounds)]
    return [c.strip() for c in cells]


def _table_claims(lines: list[str], at: int, number: int, template: str) -> list[FoundClaim]:
    rows = []
    k = at - 1
    while k >= 0 and lines[k].lstrip(" \t>").startswith("|"):
        rows.insert(0, (k, lines[k]))
        k -= 1
    if len(rows) < 3:
        raise ClaimSourceError(number, "md:claim-table must follow a table directly")
    header = _cells(rows[0][1])
    columns = set(re.findall(r"\{([^{}\\]+)\}", template)) & set(header)
    if not columns:
        raise ClaimSourceError(
            number,
            f"md:claim-table {template!r} names no column of the table ({', '.join(header)})",
        )
    found = []
    for k, row in rows[2:]:
        cells = dict(zip(header, _cells(row), strict=False))
        math: dict[str, list[str]] = {}
        for column in columns:
            formula = _MATH_RE.search(cells.get(column, ""))
            if not formula:
                raise ClaimSourceError(k + 1, f"table cell {column!r} holds no formula")
            sides = [s.strip() for s in formula["tex"].split("=")]
            if len(sides) > 1:
                found.append(FoundClaim(k + 1, formula["tex"], kind="table", mark_line=number))
            math[column] = sides
        names = sorted(math)
        for values in itertools.product(*(math[n] for n in names)):
            tex = template
            for name, value in zip(names, values, strict=True):
                tex = tex.replace("{" + name + "}", value)
            found.append(FoundClaim(k + 1, tex, kind="table", mark_line=number))
    return found
