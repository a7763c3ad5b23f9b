"""The claim tree → sympy, unevaluated, → LaTeX: how the machine read the formula, for the mark.

Vectors and matrices become sympy ``MatrixSymbol``s of symbolic size (n × 1, n × n), ∇ and ∂/∂x
become unevaluated ``Derivative``s, arbitrary functions sympy ``Function``s: sympy's own printer
then writes the formula back, so a reader sees the grouping, the products and the operators as
the checker took them (``x^{T} A x``, ``\\frac{\\partial}{\\partial x}``), not the page's TeX again.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from .symbols import SymbolTable
from .tree import Node, Relation

_FUNCTIONS = {"sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "exp": sp.exp, "ln": sp.log,
              "log": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs, "sinh": sp.sinh,
              "cosh": sp.cosh, "tanh": sp.tanh}  # fmt: skip


class Norm(sp.Function):
    """‖·‖ (the 2-norm) for printing only."""

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        text = rf"\left\|{printer._print(self.args[0])}\right\|"
        return f"{text}^{{{exp}}}" if exp else text


class Transposed(sp.Function):
    """(·)ᵀ of what sympy cannot transpose itself, such as ∂(Ax)/∂x: the Jacobian."""

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        return rf"\left({printer._print(self.args[0])}\right)^{{T}}"


class FrobeniusNorm(sp.Function):
    def _latex(self, printer: Any, exp: str | None = None) -> str:
        text = rf"\left\|{printer._print(self.args[0])}\right\|_F"
        return f"{text}^{{{exp}}}" if exp else text


def latex_of(relation: Relation, table: SymbolTable) -> str:
    """LaTeX of ``relation`` as sympy prints its reading (falls back per side if sympy cannot)."""
    from .evaluate import show

    sides = []
    for side in relation.sides:
        try:
            sides.append(sp.latex(_to_sympy(side, table), order="none"))
        except Exception:  # a side sympy cannot hold (cases) is shown as the tree reads it
            sides.append(show(side))
    text = sides[0]
    for op, side in zip(relation.ops, sides[1:], strict=True):
        text += f" {op} {side}"
    if relation.premises:
        premises = ", ".join(latex_of(p, table) for p in relation.premises)
        text = f"{premises} \\implies {text}"
    return text


def _size(name: str) -> sp.Expr:
    return sp.Integer(int(name)) if name.isdigit() else sp.Symbol(name, integer=True)


def _to_sympy(node: Node, table: SymbolTable) -> Any:
    op, a = node.op, node.args
    if op == "num":
        return sp.sympify(a[0])
    if op == "sym":
        decl = table.get(a[0])
        if a[0] == "e" and decl is None:
            return sp.E
        if decl is not None and decl.kind in ("vector", "matrix"):
            return sp.MatrixSymbol(a[0], *(_size(d) for d in decl.dims))
        return sp.Symbol(a[0])
    if op == "elem":
        return sp.Symbol(f"{a[0]}_{{{a[1]}}}")
    if op == "add":
        terms = []
        for t in a:
            value = _to_sympy(t, table)
            terms += list(value.args) if t.op == "add" else [value]
        if any(isinstance(t, sp.MatrixExpr) for t in terms):
            return sp.MatAdd(*terms, evaluate=False)
        return sp.Add(*terms, evaluate=False)
    if op == "neg":
        inner = _to_sympy(a[0], table)
        if isinstance(inner, sp.MatrixExpr):
            return sp.MatMul(sp.Integer(-1), inner, evaluate=False)
        return sp.Mul(sp.Integer(-1), inner, evaluate=False)
    if op == "mul":
        first = a[0]
        if first.op == "sym" and (decl := table.get(first.args[0])) and decl.kind == "derivative":
            variable = sp.Symbol(decl.wrt or "x")
            return sp.Derivative(_to_sympy(a[1], table), variable, evaluate=False)
        factors = []
        for x in a:
            value = _to_sympy(x, table)
            factors += (
                list(value.args)
                if isinstance(value, (sp.MatMul, sp.Mul)) and x.op == "mul"
                else [value]
            )
        if any(isinstance(f, sp.MatrixExpr) for f in factors):
            return sp.MatMul(*factors, evaluate=False)
        return sp.Mul(*factors, evaluate=False)
    if op == "div":
        left, right = (_to_sympy(x, table) for x in a)
        return sp.Mul(left, sp.Pow(right, -1, evaluate=False), evaluate=False)
    if op == "pow":
        return sp.Pow(*(_to_sympy(x, table) for x in a), evaluate=False)
    if op == "T":
        inner = _to_sympy(a[0], table)
        if isinstance(inner, sp.MatrixExpr):
            return sp.Transpose(inner)
        return Transposed(inner) if isinstance(inner, sp.Derivative) else inner
    if op == "norm":
        return (FrobeniusNorm if a[1] == "F" else Norm)(_to_sympy(a[0], table))
    if op == "fn":
        return _FUNCTIONS[a[0]](_to_sympy(a[1], table), evaluate=False)
    if op == "call":
        args = [_to_sympy(x, table) for x in a[2]]
        if a[1]:
            t = sp.Symbol("t")
            return sp.Subs(sp.Derivative(sp.Function(a[0])(t), (t, a[1])), t, args[0])
        return sp.Function(a[0])(*args)
    if op == "grad":
        if a[0] is None:
            raise ValueError("∇ without a variable")
        return sp.Derivative(_to_sympy(a[1], table), _to_sympy(a[0], table), evaluate=False)
    if op == "sum":
        return sp.Sum(_to_sympy(a[3], table), (sp.Symbol(a[0]), _to_sympy(a[1], table),
                                                _to_sympy(a[2], table)))  # fmt: skip
    if op == "limit":
        return sp.Limit(_to_sympy(a[2], table), sp.Symbol(a[0]), _to_sympy(a[1], table), "+-")
    if op == "matrix":
        return sp.ImmutableMatrix([[_to_sympy(e, table) for e in row] for row in a])
    raise ValueError(f"no sympy form for {op}")
