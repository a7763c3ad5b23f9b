"""链式法则: the one- and many-variable chain rule on concrete composites, and why "•" is wrong."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from _artifacts import save_markdown
from _check import verify_derivative

x, x1, x2, u, u1, u2 = sp.symbols("x x_1 x_2 u u_1 u_2", real=True)
# One variable: y = sin(u), u = x² + 1.
OUTER, INNER = sp.sin(u), x**2 + 1
# Many variables: y = u₁u₂ + sin u₁, u₁ = x₁ + x₂², u₂ = x₁x₂.
Y = u1 * u2 + sp.sin(u1)
US = {u1: x1 + x2**2, u2: x1 * x2}


def by_paths(y: sp.Expr, inner: dict[sp.Symbol, sp.Expr], var: sp.Symbol) -> sp.Expr:
    """Σⱼ ∂y/∂uⱼ · ∂uⱼ/∂x — the chain rule as the site states it.

    >>> by_paths(u1 + u2, {u1: x, u2: x}, x)
    2
    """
    return sum(sp.diff(y, uj).subs(inner) * sp.diff(uj_expr, var) for uj, uj_expr in inner.items())


def by_bullets(y: sp.Expr, inner: dict[sp.Symbol, sp.Expr], var: sp.Symbol) -> sp.Expr:
    """The note's form, the terms multiplied instead of added.

    >>> by_bullets(u1 + u2, {u1: x, u2: x}, x)
    1
    """
    return sp.Mul(*[sp.diff(y, uj).subs(inner) * sp.diff(e, var) for uj, e in inner.items()])


def refutation() -> str:
    """The counterexample the erratum shows, computed."""
    inner = {u1: x, u2: x}
    true, bullets = sp.diff((u1 + u2).subs(inner), x), by_bullets(u1 + u2, inner, x)
    return (
        f"以 $y=u_1+u_2$，$u_1=u_2=x$ 为例（sympy 计算）：直接求导得 $\\frac{{dy}}{{dx}}={sp.latex(true)}$；"
        f"按相加的链式法则得 ${sp.latex(by_paths(u1 + u2, inner, x))}$，一致；"
        f"按笔记“•”相乘的写法得 ${sp.latex(bullets)}$，不一致。"
    )


def build(out: Path) -> None:
    verify_derivative(
        out, "one_variable", "dy/dx = dy/du · du/dx（y = sin u，u = x² + 1）",
        OUTER.subs(u, INNER), sp.diff(OUTER, u).subs(u, INNER) * sp.diff(INNER, x), x,
        size="具体复合函数 y = sin(x² + 1)",
    )  # fmt: skip
    verify_derivative(
        out, "many_variables", "∂y/∂x₁ = Σⱼ ∂y/∂uⱼ · ∂uⱼ/∂x₁（y = u₁u₂ + sin u₁，u₁ = x₁ + x₂²，u₂ = x₁x₂）",
        Y.subs(US), by_paths(Y, US, x1), x1, concrete={x2: 0.7},
        size="具体复合函数，数值检验时 x₂ = 0.7",
    )  # fmt: skip
    save_markdown(out, "refutation", refutation())
