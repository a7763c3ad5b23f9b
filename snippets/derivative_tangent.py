"""导数和微分: f(x) = 3x² − 4x with its tangent at x = 1, the tangent computed by sympy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sympy as sp
from _style import Theme, axis_lines, save_plot
from matplotlib.figure import Figure

x = sp.symbols("x")
f = 3 * x**2 - 4 * x


def tangent(expr: sp.Expr, at: float) -> sp.Expr:
    """The tangent line y = f(a) + f'(a)(x − a) of ``expr`` at ``at``.

    >>> tangent(f, 1)
    2*x - 3
    """
    slope = sp.diff(expr, x).subs(x, at)
    return sp.expand(expr.subs(x, at) + slope * (x - at))


def plain(expr: sp.Expr) -> str:
    """An expression as plain Unicode text, for labels that also hold Chinese.

    >>> plain(2 * x - 3)
    '2x − 3'
    """
    return sp.pretty(expr, use_unicode=True).replace("⋅", "").replace("-", "−")


def draw(fig: Figure, theme: Theme) -> None:
    ax = fig.add_subplot()
    xs = np.linspace(-0.5, 2.5, 301)
    line = tangent(f, 1)
    ax.plot(xs, sp.lambdify(x, f, "numpy")(xs), label=f"$f(x)={sp.latex(f)}$")
    ax.plot(xs, sp.lambdify(x, line, "numpy")(xs), "--", label=f"切线 y = {plain(line)}")
    ax.plot([1], [float(f.subs(x, 1))], "o", color=theme.colors[2], label="切点 (1, −1)")
    axis_lines(ax, theme)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_title("函数与它在 x = 1 处的切线")
    ax.legend(loc="upper left")


def build(out: Path) -> None:
    save_plot(
        out,
        "tangent",
        draw,
        alt="函数 f(x)=3x²−4x 的抛物线，和它在 x=1 处的切线 y=2x−3，两者在点 (1, −1) 相切。",
    )
