"""Finds the practice problems of a page: ``<!-- md:problem ID … -->`` blocks.

The author writes the question in prose and, below it, what the answer is, as TeX; no Python::

    <!-- md:problem tangent
    ask: f(1) + f'(1)(x - 1)
    given: f(x) = x^3 - \\frac{1}{x}
    mistake: 4x + 4 | 切线过点 (1, f(1))，常数项要用 f(1) − f′(1)·1。
    -->

Keys, one per line: ``ask`` (required: the quantity whose value is the answer), ``given``
(definitions and conditions, ``;``-separated, as for claims), ``where`` (symbols for this problem
only, ``x: scalar positive; A: matrix``), ``mistake`` (repeatable: ``TEX | 提示``, a wrong
answer the build cannot derive itself), ``label`` (what the box asks for, Markdown with
``$…$``; default: the ``ask`` formula), ``answer: none`` (no reveal: the page shows the answer
itself, as 练习 does with its snippet). A bad block stops the build at its file:line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.build.directives import lines_outside_fences

OPEN_RE = re.compile(r"^(?P<indent>[ \t]*)<!--\s*md:problem(?:[ \t]+(?P<id>\S+))?[ \t]*$")
ID_RE = re.compile(r"[a-z][a-z0-9-]*\Z")
KEYS = ("ask", "given", "where", "mistake", "answer", "label")


class ProblemSourceError(ValueError):
    """A malformed problem block; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class FoundProblem:
    """One problem block as the author wrote it."""

    id: str
    line: int  # of ``<!-- md:problem``
    end: int  # of ``-->``
    indent: str
    ask: str
    given: tuple[str, ...] = ()
    where: tuple[tuple[str, str], ...] = ()
    mistakes: tuple[tuple[str, str], ...] = ()
    reveal: bool = True
    label: str | None = None


def find_problems(text: str) -> list[FoundProblem]:
    """Every problem block of ``text`` (outside fenced code), in order; ids must differ.

    >>> [p.ask for p in find_problems("<!-- md:problem a\\nask: f'(x)\\n-->")]
    ["f'(x)"]
    """
    lines = text.split("\n")
    found: list[FoundProblem] = []
    outside = dict(lines_outside_fences(lines))
    for at in sorted(outside):
        opening = OPEN_RE.match(outside[at])
        if opening:
            found.append(_block(lines, at, opening))
    seen: dict[str, int] = {}
    for problem in found:
        if problem.id in seen:
            raise ProblemSourceError(
                problem.line,
                f"problem id {problem.id!r} is already used at line {seen[problem.id]}",
            )
        seen[problem.id] = problem.line
    return found


def _block(lines: list[str], at: int, opening: re.Match[str]) -> FoundProblem:
    number = at + 1
    ident = opening["id"] or ""
    if not ID_RE.match(ident):
        raise ProblemSourceError(
            number, f"md:problem needs an id of lowercase letters, digits and '-', got {ident!r}"
        )
    fields: dict[str, list[str]] = {}
    for k in range(at + 1, len(lines)):
        text = lines[k].strip()
        if text == "-->":
            return _problem(ident, number, k + 1, opening["indent"], fields)
        key, sep, value = text.partition(":")
        if not sep or key.strip() not in KEYS:
            raise ProblemSourceError(
                k + 1, f"problem {ident}: expected one of {', '.join(KEYS)} as 'key: value', "
                f"got {text!r}"
            )  # fmt: skip
        fields.setdefault(key.strip(), []).append(value.strip())
    raise ProblemSourceError(number, f"problem {ident}: no '-->' closes the block")


def _problem(
    ident: str, line: int, end: int, indent: str, fields: dict[str, list[str]]
) -> FoundProblem:
    for key, values in fields.items():
        if key != "mistake" and len(values) > 1:
            raise ProblemSourceError(line, f"problem {ident}: '{key}' is given twice")
    if not fields.get("ask", [""])[0]:
        raise ProblemSourceError(line, f"problem {ident}: 'ask: TEX' (what to compute) is missing")
    where = []
    for item in _split(fields.get("where", [""])[0]):
        name, sep, spec = item.partition(":")
        if not sep:
            raise ProblemSourceError(line, f"problem {ident}: 'where {item}': write NAME: SPEC")
        where.append((name.strip(), spec.strip()))
    mistakes = []
    for item in fields.get("mistake", []):
        tex, sep, hint = item.rpartition("|")
        if not sep or not tex.strip() or not hint.strip():
            raise ProblemSourceError(
                line, f"problem {ident}: write 'mistake: TEX | 提示', got {item!r}"
            )
        mistakes.append((tex.strip(), hint.strip()))
    answer = fields.get("answer", ["shown"])[0]
    if answer not in ("shown", "none"):
        raise ProblemSourceError(line, f"problem {ident}: 'answer:' is 'none' or 'shown'")
    return FoundProblem(ident, line, end, indent, fields["ask"][0],
                        tuple(_split(fields.get("given", [""])[0])), tuple(where),
                        tuple(mistakes), answer == "shown",
                        fields.get("label", [None])[0])  # fmt: skip


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]
