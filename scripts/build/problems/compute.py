"""Solves one practice problem with sympy: the answer, its values at sample points, the mistakes.

The problem is the TeX of the quantity asked for (``f'(x)``, ``\\nabla_x (x^\\top A x)``) read by
the claim parser, with the page's symbols and the problem's ``given``. The expected value at each
sample point is computed exactly by the claim checker's sympy reader at that point's sizes, then
rounded to a float; only these numbers (and the mistakes' at the same points) reach the page,
where the reader's answer is evaluated at the same points (``js/core.js``).

Sampling follows WeBWorK: five points for scalar answers, drawn from an interval away from 0 so
that a small term such as 1/x² still shows, redrawn where the answer is not finite; vector and
matrix answers get six points at sizes 2, 3, 4 with random matrices (symmetric where given).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from scripts.build.claims.check import _conditions, _used_sizes
from scripts.build.claims.evaluate import Reader
from scripts.build.claims.parse import parse_claim
from scripts.build.claims.symbolic import SymbolicBackend
from scripts.build.claims.symbols import DeclarationError, SymbolTable
from scripts.build.claims.tree import Node, Relation

from .closed_form import NoClosedForm, closed_gradient, closed_value
from .mistakes import INNER, ForgetfulBackend, answer_slips, norm_square_mutants

SEED = 20251026
SCALAR_POINTS = 5
SIZED_POINTS = (2, 3, 4, 2, 3, 4)
TOLERANCE = {"rel": 1e-4, "abs": 1e-8}
MAX_MISTAKES = 8


class ProblemError(ValueError):
    """A problem the build cannot pose: its answer cannot be computed, is never finite at the
    sample points, or an author's mistake equals the answer."""


@dataclass
class Context:
    table: SymbolTable
    definitions: dict[str, Any]
    symmetric: frozenset[str]
    sizes: list[str]


def parse_quantity(tex: str) -> Node:
    """The TeX of what is asked for, as a claim tree (the claim grammar reads relations)."""
    return parse_claim(f"{tex} = 0")[0].sides[0]


def solve(job: dict[str, Any]) -> dict[str, Any]:
    """The page data of one problem: answer TeX, sample points, values, mistakes."""
    ctx, ask = _read(job)
    exact = _exact(ctx, ask, {k: 3 for k in ctx.sizes})  # the names the answer depends on
    names = _names(exact, ctx.table)
    points, expected = _sample(ctx, ask, names)
    answer = _answer(ctx, ask, exact, job["reveal"])
    mistakes = _mistakes(ctx, ask, answer, points, expected, job)
    return {
        "answer_tex": _tex(answer) if answer is not None else None,
        "data": {
            "id": job["id"],
            "expected": {"shape": _shape_name(expected[0]["value"])},
            "names": names,
            "points": [
                {"scope": p["scope"], "value": e["value"]}
                for p, e in zip(points, expected, strict=True)
            ],
            "mistakes": mistakes,
            "tolerance": TOLERANCE,
        },
    }


def solution(job: dict[str, Any]) -> Any:
    """The answer as sympy holds it (closed form for every n), or None if it has none here."""
    ctx, ask = _read(job)
    return _answer(ctx, ask, _exact(ctx, ask, {k: 3 for k in ctx.sizes}), reveal=False)


def _read(job: dict[str, Any]) -> tuple[Context, Node]:
    table = SymbolTable.from_front_matter(job["symbols"])
    ask = parse_quantity(job["ask"])
    givens = [r for tex in job["given"] for r in parse_claim(tex)]
    definitions, symmetric, _ = _conditions(givens)
    sizes = sorted(_used_sizes([Relation((ask, ask), ("=",))], definitions, table))
    return Context(table, definitions, symmetric, sizes), ask


def _exact(ctx: Context, ask: Node, size: dict[str, int], backend: Any = None) -> Any:
    reader = Reader(ctx.table, size, backend or SymbolicBackend(), dict(ctx.definitions),
                    ctx.symmetric)  # fmt: skip
    return reader.eval(ask)


def _names(value: Any, table: SymbolTable) -> dict[str, str]:
    """The symbols the reader may use: those the answer depends on, and a fixed-size vector's
    entries (x_1, x_2) besides the vector itself."""
    found: dict[str, str] = {}
    for symbol in sorted(_free(value), key=str):
        name = symbol.name
        decl = table.get(name)
        if decl is None:
            base = name.split("_")[0]
            decl = table.get(base)
            if decl is None:
                raise ProblemError(f"the answer depends on {name}, which the page does not declare")
            found[base] = decl.kind
            if all(d.isdigit() for d in decl.dims) and decl.kind == "vector":
                found[name] = "scalar"
            continue
        found[name] = decl.kind
    return dict(sorted(found.items()))


def _free(value: Any) -> set[Any]:
    if isinstance(value, sp.MatrixBase):
        return set().union(*(e.free_symbols for e in value))
    return set(sp.sympify(value).free_symbols)


def _sample(
    ctx: Context, ask: Node, names: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = np.random.default_rng(SEED)
    plan = [dict.fromkeys(ctx.sizes, n) for n in SIZED_POINTS] if ctx.sizes else [
        {} for _ in range(SCALAR_POINTS)]  # fmt: skip
    points, expected = [], []
    cache: dict[str, Any] = {}
    for size in plan:
        key = repr(sorted(size.items()))
        if key not in cache:
            cache[key] = _exact(ctx, ask, size)
        exact = cache[key]
        for _ in range(60):
            values = _draw(ctx, names, size, rng)
            value = _at(exact, values)
            if value is not None:
                break
        else:
            raise ProblemError(
                f"the answer has no finite value at the sample points (sizes {size or 'scalar'}): "
                "is it undefined almost everywhere? Declare a variable 'positive' if it must be"
            )
        points.append({"size": size, "values": values, "scope": _scope(values, names, ctx)})
        expected.append({"value": value})
    return points, expected


def _draw(ctx: Context, names: dict[str, str], size: dict[str, int],
          rng: np.random.Generator) -> dict[str, Any]:  # fmt: skip
    """Rational values for every variable: scalars in ±[0.5, 2.5] (positive ones in
    [0.5, 2.5]), vector and matrix entries in [-2, 2] (rounded to hundredths)."""
    values: dict[str, Any] = {}
    for name in names:
        decl = ctx.table.get(name)
        if decl is None:  # x_1: drawn with x
            continue
        dims = tuple(int(d) if d.isdigit() else size[d] for d in decl.dims)
        if not dims:
            magnitude = sp.Rational(int(rng.integers(50, 251)), 100)
            sign = 1 if decl.positive or rng.random() < 0.5 else -1
            values[name] = sign * magnitude
            continue
        rows, cols = dims
        entries = [[sp.Rational(int(rng.integers(-200, 201)), 100) for _ in range(cols)]
                   for _ in range(rows)]  # fmt: skip
        if name in ctx.symmetric:
            entries = [[entries[min(i, j)][max(i, j)] for j in range(cols)] for i in range(rows)]
        values[name] = sp.Matrix(entries)
    return values


def _at(exact: Any, values: dict[str, Any]) -> Any:
    """``exact`` (in entry symbols x_1, A_12, …) at ``values``, as floats; None if not finite."""
    mapping: dict[Any, Any] = {}
    for symbol in _free(exact):
        name = symbol.name
        if name in values and not isinstance(values[name], sp.MatrixBase):
            mapping[symbol] = values[name]
            continue
        base, _, index = name.partition("_")
        matrix = values[base]
        if matrix.shape[1] == 1:
            mapping[symbol] = matrix[int(index) - 1, 0]
        else:
            mapping[symbol] = matrix[int(index[0]) - 1, int(index[1]) - 1]
    return _floats(exact.xreplace(mapping) if mapping else exact)


def _floats(value: Any) -> Any:
    """Numbers of a sympy value for the page: a float, or rows of floats; None if not finite."""
    if isinstance(value, sp.MatrixBase):
        rows = [[_float(e) for e in value.row(i)] for i in range(value.rows)]
        return None if any(e is None for r in rows for e in r) else rows
    return _float(value)


def _float(value: Any) -> float | None:
    try:
        number = complex(sp.N(value, 20))
    except (TypeError, ValueError):
        return None
    if abs(number.imag) > 1e-12 or not math.isfinite(number.real):
        return None
    return float(f"{number.real:.12g}")


def _scope(values: dict[str, Any], names: dict[str, str], ctx: Context) -> dict[str, Any]:
    scope: dict[str, Any] = {}
    for name in names:
        if name in values:
            scope[name] = _floats(values[name])
        else:  # x_1: an entry of a fixed-size vector
            base, _, index = name.partition("_")
            scope[name] = _float(values[base][int(index) - 1, 0])
    return scope


def _answer(ctx: Context, ask: Node, exact: Any, reveal: bool) -> Any:
    """The answer to show: in closed form for every n, or the exact value at fixed sizes."""
    if ctx.sizes:
        try:
            return closed_gradient(ask, ctx.table)
        except NoClosedForm as error:
            if reveal:
                raise ProblemError(
                    f"cannot write the answer for every size n ({error}); set 'answer: none' "
                    "and show the answer with a snippet"
                ) from None
            return None
    if isinstance(exact, sp.MatrixBase):
        return exact.applyfunc(_simplest)
    return _simplest(exact)


def _simplest(value: Any) -> Any:
    """sympy's result as it stands unless expanding or simplifying makes it strictly shorter
    (3x² + 1/x² stays so; it is what a reader writes, not (3x⁴ + 1)/x²)."""
    candidates = [value, sp.expand(value), sp.factor(value), sp.simplify(value)]
    return min(candidates, key=sp.count_ops)


def _mistakes(ctx: Context, ask: Node, answer: Any, points: list[dict[str, Any]],
              expected: list[dict[str, Any]], job: dict[str, Any]) -> list[dict[str, Any]]:  # fmt: skip
    right = [e["value"] for e in expected]
    found: list[dict[str, Any]] = []

    def add(values: list[Any], hint: str, author: str | None = None) -> None:
        if sum(v is not None for v in values) < 3 or _same(values, right):
            if author is not None:
                raise ProblemError(
                    f"the mistake {author!r} equals the right answer at every sample point: "
                    "it is an equivalent form, not a mistake"
                )
            return
        if any(_same(values, m["values"]) for m in found):
            return
        found.append({"hint": hint, "values": values})

    for tex, hint in job["mistakes"]:
        wrong = parse_quantity(tex)
        add(_values_of_tree(ctx, wrong, points), hint, author=tex)
    add(_values_of_tree(ctx, ask, points, ForgetfulBackend), INNER)
    for mutant, hint in norm_square_mutants(ask):
        add(_values_of_tree(ctx, mutant, points), hint)
    if answer is not None:
        for slip, hint in answer_slips(answer):
            add([_slip_at(slip, p, ctx) for p in points], hint)
    return found[: MAX_MISTAKES + len(job["mistakes"])]


def _values_of_tree(ctx: Context, tree: Node, points: list[dict[str, Any]],
                    backend: type = SymbolicBackend) -> list[Any]:  # fmt: skip
    values = []
    cache: dict[str, Any] = {}
    for p in points:
        key = repr(sorted(p["size"].items()))
        if key not in cache:
            try:
                cache[key] = _exact(ctx, tree, p["size"], backend())
            except (DeclarationError, ValueError, ZeroDivisionError):
                cache[key] = None
        values.append(None if cache[key] is None else _at(cache[key], p["values"]))
    return values


def _slip_at(slip: Any, point: dict[str, Any], ctx: Context) -> Any:
    if isinstance(slip, sp.MatrixExpr):
        return _floats(closed_value(slip, point["size"], point["values"]))
    return _at(slip, point["values"])


def _same(a: list[Any], b: list[Any]) -> bool:
    """Equal within the page's tolerance at every point where both are defined."""
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    if not pairs:
        return False
    for x, y in pairs:
        ax, ay = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if ax.shape != ay.shape:
            return False
        if np.any(np.abs(ax - ay) > TOLERANCE["abs"] + TOLERANCE["rel"] * np.abs(ay)):
            return False
    return True


def _shape_name(value: Any) -> str:
    if not isinstance(value, list):
        return "scalar"
    rows, cols = len(value), len(value[0])
    return "column" if cols == 1 else "row" if rows == 1 else "matrix"


def _tex(answer: Any) -> str:
    """sympy's LaTeX of the answer, written in the notation the claim parser reads back."""
    for options in ({}, {"mul_symbol": "dot"}):
        text = sp.latex(answer, mat_str="bmatrix", mat_delim="", **options)
        text = text.replace("^{T}", "^\\top")
        # ``x (x + 1)`` would read as the function x applied to x + 1: the product gets its dot.
        if not options:
            text = re.sub(r"(?<=[\w}])\s*\\left\(", r" \\cdot \\left(", text)
        try:
            parse_quantity(text)
            return text
        except ValueError:
            continue
    raise ProblemError(f"the answer {answer} prints as TeX the claim parser cannot read back")
