"""The answer to a gradient of a vector or matrix expression, in closed form (``A x + A^\\top x``).

The checker reads expressions at concrete sizes, entry by entry; a reader needs the answer as a
formula in x and A for every n. sympy's matrix calculus (``MatrixSymbol.diff``) gives it for the
expressions built from products, sums, transposes and squared norms (‖v‖² is vᵀv); for the others
(an unsquared norm) there is no closed form here, and the problem shows its answer elsewhere.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from scripts.build.claims.symbols import SymbolTable
from scripts.build.claims.tree import Node


class NoClosedForm(ValueError):
    """An expression sympy's matrix calculus does not differentiate."""


def closed_gradient(ask: Node, table: SymbolTable) -> Any:
    """``∇_x expression`` as a sympy matrix expression in MatrixSymbols of size n."""
    if ask.op != "grad" or ask.args[0] is None or ask.args[0].op != "sym":
        raise NoClosedForm("only ∇_x of an expression has a closed form here")
    variable = _matrix_form(ask.args[0], table)
    expression = _matrix_form(ask.args[1], table)
    if isinstance(expression, sp.MatrixExpr) and expression.shape != (1, 1):
        raise NoClosedForm("the gradient of a vector is not a vector")
    derivative = expression.diff(variable)
    return derivative.doit() if hasattr(derivative, "doit") else derivative


def closed_value(expression: Any, sizes: dict[str, int], values: dict[str, Any]) -> Any:
    """``expression`` at concrete sizes and values (name → sympy number or Matrix)."""
    concrete = expression.subs({sp.Symbol(k): v for k, v in sizes.items()})
    symbols = {s: sp.ImmutableMatrix(values[s.name]) for s in concrete.atoms(sp.MatrixSymbol)}
    result = concrete.xreplace(symbols).doit()
    if isinstance(result, sp.MatrixBase) and result.shape == (1, 1):
        return result[0, 0]
    return sp.Matrix(result) if isinstance(result, sp.MatrixBase) else result


def _matrix_form(node: Node, table: SymbolTable) -> Any:
    op, a = node.op, node.args
    if op == "num":
        return sp.sympify(a[0])
    if op == "sym":
        decl = table.require(a[0])
        if decl.kind in ("vector", "matrix"):
            return sp.MatrixSymbol(a[0], *(_size(d) for d in decl.dims))
        if decl.kind == "scalar":
            return sp.Symbol(a[0], real=True)
    if op == "add":
        terms = [_matrix_form(t, table) for t in a]
        return sp.Add(*terms) if not any(_is_matrix(t) for t in terms) else sp.MatAdd(*terms)
    if op == "neg":
        return -_matrix_form(a[0], table)
    if op == "mul":
        left, right = (_matrix_form(t, table) for t in a)
        return left * right
    if op == "T":
        return _matrix_form(a[0], table).T
    if op == "pow" and a[0].op == "norm" and a[1] == Node("num", (2,)) and a[0].args[1] != "F":
        inner = _matrix_form(a[0].args[0], table)
        return inner.T * inner
    raise NoClosedForm(f"no closed form for {op} here")


def _size(d: str) -> Any:
    return int(d) if d.isdigit() else sp.Symbol(d, integer=True, positive=True)


def _is_matrix(value: Any) -> bool:
    return isinstance(value, sp.MatrixExpr)
