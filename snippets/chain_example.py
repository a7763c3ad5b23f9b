"""链式法则: worked composites whose derivatives sympy computes, one and many variables."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from _artifacts import save_markdown
from _latex import display, tex

x, u = sp.symbols("x u")
x1, x2, u1, u2 = sp.symbols("x_1 x_2 u_1 u_2")

# One variable: y = sin(u), u = x².
OUTER = sp.sin(u)
INNER = x**2
# Many variables: y = u₁u₂ with u₁ = x₁ + x₂, u₂ = x₁x₂.
Y = u1 * u2
US = {u1: x1 + x2, u2: x1 * x2}


def one_variable() -> tuple[sp.Expr, sp.Expr]:
    """dy/du · du/dx, and the derivative of the composite taken directly.

    >>> by_chain, direct = one_variable()
    >>> by_chain, sp.simplify(by_chain - direct)
    (2*x*cos(x**2), 0)
    """
    by_chain = sp.diff(OUTER, u).subs(u, INNER) * sp.diff(INNER, x)
    direct = sp.diff(OUTER.subs(u, INNER), x)
    return by_chain, direct


def many_variables() -> tuple[sp.Expr, sp.Expr]:
    """∂y/∂x₁ as the sum over the paths through u₁ and u₂, and taken directly.

    >>> by_chain, direct = many_variables()
    >>> sp.expand(by_chain), sp.expand(by_chain - direct)
    (2*x_1*x_2 + x_2**2, 0)
    """
    by_chain = sum(sp.diff(Y, uj).subs(US) * sp.diff(US[uj], x1) for uj in (u1, u2))
    direct = sp.diff(Y.subs(US), x1)
    return sp.expand(by_chain), direct


def worked_markdown() -> str:
    by_chain, _ = one_variable()
    many, direct = many_variables()
    paths = " + ".join(
        f"\\underbrace{{{tex(sp.diff(Y, uj))}}}_{{\\partial y/\\partial {tex(uj)}}}"
        f"\\cdot\\underbrace{{{tex(sp.diff(US[uj], x1))}}}_{{\\partial {tex(uj)}/\\partial x_1}}"
        for uj in (u1, u2)
    )
    return "\n".join(
        [
            f"**一元**：$y={tex(OUTER)}$，$u={tex(INNER)}$。",
            display(
                f"\\frac{{dy}}{{dx}} = \\frac{{dy}}{{du}}\\cdot\\frac{{du}}{{dx}}"
                f" = {tex(sp.diff(OUTER, u))}\\cdot {tex(sp.diff(INNER, x))} = {tex(by_chain)}"
            ),
            "",
            f"**多元**：$y={tex(Y)}$，$u_1={tex(US[u1])}$，$u_2={tex(US[u2])}$。",
            display(f"\\frac{{\\partial y}}{{\\partial x_1}} = {paths} = {tex(many)}"),
            "",
            f"直接对 $y={tex(sp.expand(Y.subs(US)))}$ 求偏导也得到 ${tex(sp.expand(direct))}$。",
        ]
    )


def build(out: Path) -> None:
    save_markdown(out, "worked", worked_markdown())
