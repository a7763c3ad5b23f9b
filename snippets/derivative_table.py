"""导数和微分: the difference quotient of f(x) = 3x² − 4x at x = 1 as h shrinks toward 0.

Each row is computed twice: in float64, as code computes it (rounding shows for small h), and
exactly with sympy rationals. The limit itself is sympy's.
"""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from _artifacts import save_markdown

x, h = sp.symbols("x h")
f = 3 * x**2 - 4 * x


def quotient_exact(step: sp.Rational) -> sp.Rational:
    """(f(1 + h) − f(1)) / h, exactly.

    >>> quotient_exact(sp.Rational(1, 10))
    23/10
    """
    return sp.nsimplify((f.subs(x, 1 + step) - f.subs(x, 1)) / step)


def quotient_float(step: float) -> float:
    """The same quotient in float64.

    >>> quotient_float(0.1)
    2.3000000000000043
    """
    fx = lambda value: 3 * value**2 - 4 * value  # noqa: E731
    return (fx(1 + step) - fx(1)) / step


def limit() -> sp.Expr:
    """The derivative at 1, as the limit of the quotient.

    >>> limit()
    2
    """
    return sp.limit((f.subs(x, 1 + h) - f.subs(x, 1)) / h, h, 0)


def table_markdown() -> str:
    """The table the page shows, one row per h = 10⁻¹ … 10⁻⁵."""
    rows = [
        "| $h$ | 浮点计算（float64） | 精确值 $2+3h$ |",
        "|:--|:--|:--|",
    ]
    for k in range(1, 6):
        exact = quotient_exact(sp.Rational(1, 10**k))
        rows.append(f"| $10^{{-{k}}}$ | `{quotient_float(10.0**-k)!r}` | {sp.N(exact, k + 1)} |")
    rows.append("")
    rows.append(f"表中的值趋于 $f'(1)={sp.latex(limit())}$（sympy 求得的极限）。")
    return "\n".join(rows)


def build(out: Path) -> None:
    save_markdown(out, "table", table_markdown())
