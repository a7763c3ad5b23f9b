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


def draw_with_tangent(
    fig: Figure,
    theme: Theme,
    expr: sp.Expr,
    at: float,
    pieces: list[np.ndarray],
    title: str,
    ylim: tuple[float, float] | None = None,
) -> None:
    """Plot ``expr`` (drawn piece by piece, to skip poles) and its tangent at ``at``."""
    ax = fig.add_subplot()
    line = tangent(expr, at)
    curve = sp.lambdify(x, expr, "numpy")
    for i, xs in enumerate(pieces):
        label = f"$y={sp.latex(expr)}$" if i == 0 else None
        ax.plot(xs, curve(xs), color=theme.colors[0], label=label)
    xs = np.concatenate(pieces)
    ax.plot(xs, sp.lambdify(x, line, "numpy")(xs) + 0 * xs, "--", color=theme.colors[1],
            label=f"切线 y = {plain(line)}")  # fmt: skip
    point = (at, expr.subs(x, at))
    ax.plot([point[0]], [float(point[1])], "o", color=theme.colors[2],
            label=f"切点 ({plain(sp.sympify(point[0]))}, {plain(point[1])})")  # fmt: skip
    axis_lines(ax, theme)
    if ylim:
        ax.set_ylim(*ylim)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_title(title)
    ax.legend(loc="upper left")


def draw(fig: Figure, theme: Theme) -> None:
    pieces = [np.linspace(-0.5, 2.5, 301)]
    draw_with_tangent(fig, theme, f, 1, pieces, "函数与它在 x = 1 处的切线")


def build(out: Path) -> None:
    save_plot(
        out,
        "tangent",
        draw,
        alt="函数 f(x)=3x²−4x 的抛物线，和它在 x=1 处的切线 y=2x−3，两者在点 (1, −1) 相切。",
    )
