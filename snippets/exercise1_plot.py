"""练习 1: y = x³ − 1/x with its tangent at x = 1; the tangent is computed, not typed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sympy as sp
from _style import Theme, axis_lines, save_plot
from derivative_tangent import plain, tangent, x
from matplotlib.figure import Figure

f = x**3 - 1 / x


def draw(fig: Figure, theme: Theme) -> None:
    """
    >>> tangent(f, 1)
    4*x - 4
    """
    ax = fig.add_subplot()
    line = tangent(f, 1)
    curve = sp.lambdify(x, f, "numpy")
    for xs in (np.linspace(-2.5, -0.25, 200), np.linspace(0.25, 2.5, 200)):
        ax.plot(xs, curve(xs), color=theme.colors[0])
    ax.plot([], [], color=theme.colors[0], label=f"$y={sp.latex(f)}$")
    xs = np.linspace(-2.5, 2.5, 11)
    ax.plot(
        xs,
        sp.lambdify(x, line, "numpy")(xs),
        "--",
        color=theme.colors[1],
        label=f"切线 y = {plain(line)}",
    )
    ax.plot([1], [0], "o", color=theme.colors[2], label="切点 (1, 0)")
    axis_lines(ax, theme)
    ax.set_ylim(-12, 12)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.set_title("练习 1：函数与它在 x = 1 处的切线")
    ax.legend(loc="upper left")


def build(out: Path) -> None:
    save_plot(
        out,
        "tangent",
        draw,
        alt="函数 y=x³−1/x 的两支曲线（在 x=0 处断开），和它在 x=1 处的切线 y=4x−4，切点为 (1, 0)。",
    )
