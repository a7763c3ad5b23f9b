"""The exact backend: every value is a sympy expression or an explicit sympy Matrix.

Vectors and matrices get symbolic entries at the concrete sizes being checked (n = 2, 3, …), so
``x^\\top A x`` is a polynomial in x₁…xₙ, a₁₁…aₙₙ, and ∇ is ``sympy.diff`` entry by entry.
Arbitrary functions (f, g, and the dependent variables of the chain rule) are sympy's undefined
functions, so the product, quotient and chain rules are proved in general form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from .symbols import Decl

FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "exp": sp.exp, "ln": sp.log, "log": sp.log,
    "sqrt": sp.sqrt, "abs": sp.Abs, "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh,
}  # fmt: skip


class SymbolicBackend:
    """sympy arithmetic; 1 × 1 matrices become scalars (xᵀx is a number)."""

    def __init__(self) -> None:
        self._variables: dict[str, Any] = {}
        self._fresh = 0

    def shape(self, v: Any) -> tuple[int, int] | tuple[()]:
        return tuple(v.shape) if isinstance(v, sp.MatrixBase) else ()  # type: ignore[return-value]

    def entries(self, v: Any) -> list[Any]:
        return list(v) if isinstance(v, sp.MatrixBase) else [v]

    def matrix(self, rows: list[list[Any]]) -> Any:
        return _collapse(sp.Matrix(rows))

    def number(self, q: Any) -> Any:
        return sp.sympify(q)

    def constant(self, name: str) -> Any:
        return {"e": sp.E, "pi": sp.pi}[name]

    def add(self, a: Any, b: Any) -> Any:
        return _collapse(a + b)

    def mul(self, a: Any, b: Any) -> Any:
        return _collapse(a * b)

    def div(self, a: Any, b: Any) -> Any:
        return _collapse(a / b)

    def pow(self, a: Any, b: Any) -> Any:
        return a**b

    def transpose(self, a: Any) -> Any:
        return a.T if isinstance(a, sp.MatrixBase) else a

    def fn(self, name: str, a: Any) -> Any:
        return FUNCTIONS[name](a)

    def variable(self, decl: Decl, shape: tuple[int, ...], symmetric: bool) -> Any:
        key = f"{decl.name}{shape}{symmetric}"
        if key not in self._variables:
            self._variables[key] = _symbols(decl, shape, symmetric)
        return self._variables[key]

    def call_abstract(self, key: str, args: list[Any]) -> Any:
        return sp.Function(key, real=True)(*args)

    def partials(self, f: Callable[[Any], Any], at: Any, entries: list[int]) -> list[Any]:
        self._fresh += 1
        shape = self.shape(at)
        if shape:
            held = sp.Matrix(*shape, lambda i, j: sp.Dummy(f"v{self._fresh}_{i}{j}", real=True))
            values = list(held)
        else:
            held = sp.Dummy(f"v{self._fresh}", real=True)
            values = [held]
        expression = f(held)
        back = dict(zip(values, self.entries(at), strict=True))
        return [_collapse(self.diff(expression, values[k]).subs(back)) for k in entries]

    def diff(self, expression: Any, variable: Any) -> Any:
        """d expression / d variable, entry by entry for a matrix (a subclass may break a rule)."""
        return _diff(expression, variable)

    def limit(self, f: Callable[[Any], Any], to: Any) -> Any:
        self._fresh += 1
        h = sp.Dummy(f"h{self._fresh}", real=True)
        return sp.limit(f(h), h, to)

    def compare(self, op: str, a: Any, b: Any) -> Any:
        return {"=": sp.Eq, "\\ne": sp.Ne, "<": sp.Lt, "\\le": sp.Le, ">": sp.Gt, "\\ge": sp.Ge}[
            op
        ](a, b)

    def piecewise(self, pieces: list[tuple[Any, Any]]) -> Any:
        return sp.Piecewise(*[(v, True if c is None else c) for v, c in pieces])


def is_zero(difference: Any) -> bool:
    """Whether left − right simplifies to zero (every entry of a matrix)."""
    for entry in difference if isinstance(difference, sp.MatrixBase) else [difference]:
        entry = entry.doit()
        if entry == 0:
            continue
        if sp.simplify(entry) != 0 and sp.simplify(sp.expand(entry)) != 0:
            return False
    return True


def _diff(expression: Any, variable: Any) -> Any:
    if isinstance(expression, sp.MatrixBase):
        return expression.applyfunc(lambda e: sp.diff(e, variable))
    return sp.diff(expression, variable)


def _collapse(v: Any) -> Any:
    if isinstance(v, sp.MatrixBase) and v.shape == (1, 1):
        return v[0, 0]
    return v


def _symbols(decl: Decl, shape: tuple[int, ...], symmetric: bool) -> Any:
    assumptions = {"positive": True} if decl.positive else {"real": True}
    if not shape:
        return sp.Symbol(decl.name, **assumptions)
    rows, cols = shape
    if cols == 1:
        return sp.Matrix([sp.Symbol(f"{decl.name}_{i + 1}", **assumptions) for i in range(rows)])

    def entry(i: int, j: int) -> sp.Symbol:
        if symmetric:
            i, j = min(i, j), max(i, j)
        return sp.Symbol(f"{decl.name}_{i + 1}{j + 1}", **assumptions)

    return sp.Matrix(rows, cols, entry)
