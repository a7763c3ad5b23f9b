"""The usual wrong answers to a problem, derived by sympy, each with a one-line hint in Chinese.

Two kinds of derivation:

* **wrong steps**: the problem is solved again with one rule broken: the chain rule without the
  inner derivative (``ForgetfulBackend``), or a norm's square forgotten or kept;
* **wrong answers**: the right answer with one slip: a term's sign, a transpose missing or extra
  (A for Aᵀ: for xᵀAx this gives 2Ax, right only when A is symmetric), only one of the terms
  of a product rule, or the inner Jacobian Aᵀ of a chain rule dropped (2Ax for ∇‖Ax‖²).

A derived "mistake" that equals the right answer at every sample point is not a mistake here (A
symmetric, a term that is its own transpose) and is dropped; an author's mistake that does is an
error (``compute.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sympy as sp

from scripts.build.claims.symbolic import SymbolicBackend
from scripts.build.claims.tree import Node

SIGN = "有一项的正负号反了：检查求导时出现的负号，例如 (1/x)′ = −1/x²。"
INNER = "漏乘了内层函数的导数：链式法则要再乘上内层函数对自变量的导数。"
TRANSPOSE = "转置的位置不对：A 与 Aᵀ 不能互换，A 不一定是对称矩阵。"
SYMMETRIC = "这是把 A 当成对称矩阵的结果：一般的 A 有 Aᵀ ≠ A，两项要分开写。"
ONE_TERM = "只写了其中一项：自变量在式中出现了不止一次，乘积法则的每一项都要算上。"
NORM_FORGOTTEN = "这是不带平方的范数的梯度：题目里的范数有平方。"
NORM_KEPT = "这是范数平方的梯度：题目里的范数没有平方，‖x‖ = √(xᵀx)。"


def naive_diff(expression: Any, variable: Any) -> Any:
    """d/dv with the chain rule's inner derivative forgotten: (u²)′ = 2u, (e^u)′ = e^u.

    >>> x = sp.Symbol("x")
    >>> naive_diff(sp.exp(x**2) + x**3, x)
    3*x**2 + exp(x**2)
    """
    e = expression
    if not e.has(variable):
        return sp.Integer(0)
    if e == variable:
        return sp.Integer(1)
    if isinstance(e, sp.Add):
        return sp.Add(*(naive_diff(t, variable) for t in e.args))
    if isinstance(e, sp.Mul):
        factors = list(e.args)
        return sp.Add(*(
            sp.Mul(*factors[:k], naive_diff(f, variable), *factors[k + 1:])
            for k, f in enumerate(factors)
        ))  # fmt: skip
    if isinstance(e, sp.Pow):
        base, exponent = e.args
        if not exponent.has(variable):
            return exponent * base ** (exponent - 1)
        if not base.has(variable):
            return e * sp.log(base)
    if isinstance(e, sp.Function) and len(e.args) == 1:
        held = sp.Dummy("u")
        return sp.diff(e.func(held), held).subs(held, e.args[0])
    return sp.diff(e, variable)


class ForgetfulBackend(SymbolicBackend):
    """The exact backend, but ∂ forgets the inner derivative of every composition."""

    def diff(self, expression: Any, variable: Any) -> Any:
        if isinstance(expression, sp.MatrixBase):
            return expression.applyfunc(lambda e: naive_diff(e, variable))
        return naive_diff(expression, variable)


def norm_square_mutants(ask: Node) -> Iterator[tuple[Node, str]]:
    """The problem with one norm's square dropped (‖v‖² → ‖v‖) or added (‖v‖ → ‖v‖²)."""
    for path, node in _nodes(ask):
        if node.op == "pow" and node.args[0].op == "norm" and node.args[1] == Node("num", (2,)):
            yield _replace(ask, path, node.args[0]), NORM_FORGOTTEN
        elif node.op == "norm" and not _under_square(ask, path):
            yield _replace(ask, path, Node("pow", (node, Node("num", (2,))))), NORM_KEPT


def answer_slips(answer: Any) -> Iterator[tuple[Any, str]]:
    """The right answer (a sympy expression, explicit Matrix or matrix expression) with one slip."""
    if isinstance(answer, sp.MatrixExpr):
        yield from _matrix_slips(answer)
        return
    if isinstance(answer, sp.MatrixBase):
        for k, entry in enumerate(answer):
            if entry != 0:
                flipped = sp.Matrix(answer)
                flipped[k] = -entry
                yield flipped, SIGN
        return
    terms = sp.Add.make_args(answer)
    if len(terms) > 1:
        for term in terms:
            yield answer - 2 * term, SIGN
    elif answer != 0:
        yield -answer, SIGN


def _matrix_slips(answer: Any) -> Iterator[tuple[Any, str]]:
    terms = sp.MatAdd.make_args(answer) if isinstance(answer, sp.MatAdd) else (answer,)
    if len(terms) > 1:
        for term in terms:
            yield term, ONE_TERM
            yield sp.MatAdd(*(t if t is not term else -t for t in terms)), SIGN
    if isinstance(answer, sp.MatMul):  # ∇‖Ax‖² = 2AᵀAx written 2Ax: the inner Jacobian dropped
        for k, factor in enumerate(answer.args):
            if isinstance(factor, sp.Transpose) and isinstance(factor.arg, sp.MatrixSymbol):
                yield sp.MatMul(*answer.args[:k], *answer.args[k + 1 :]).doit(), INNER
    without = answer.xreplace({t: t.arg for t in answer.atoms(sp.Transpose)
                               if isinstance(t.arg, sp.MatrixSymbol)}).doit()  # fmt: skip
    for variant in _toggles(answer):
        yield variant, SYMMETRIC if variant == without else TRANSPOSE


def _toggles(e: Any) -> Iterator[Any]:
    """``e`` with one matrix symbol's transpose toggled (A ↔ Aᵀ); vectors are left alone."""
    if isinstance(e, sp.Transpose) and isinstance(e.arg, sp.MatrixSymbol) and e.arg.shape[1] != 1:
        yield e.arg
        return
    if isinstance(e, sp.MatrixSymbol):
        if e.shape[1] != 1:
            yield e.T
        return
    for k, arg in enumerate(e.args):
        for variant in _toggles(arg):
            yield e.func(*e.args[:k], variant, *e.args[k + 1 :]).doit()


def _nodes(node: Node, path: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], Node]]:
    yield path, node
    for k, arg in enumerate(node.args):
        if isinstance(arg, Node):
            yield from _nodes(arg, (*path, k))


def _replace(node: Node, path: tuple[int, ...], new: Node) -> Node:
    if not path:
        return new
    k, rest = path[0], path[1:]
    args = list(node.args)
    args[k] = _replace(args[k], rest, new)
    return Node(node.op, tuple(args))


def _under_square(root: Node, path: tuple[int, ...]) -> bool:
    if not path:
        return False
    parent = root
    for k in path[:-1]:
        parent = parent.args[k]
    return parent.op == "pow" and parent.args[1] == Node("num", (2,))
