"""练习 1: y = x³ − 1/x with its tangent at x = 1; the tangent is computed, not typed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from _style import Theme, save_plot
from derivative_tangent import draw_with_tangent, x
from matplotlib.figure import Figure

f = x**3 - 1 / x


def draw(fig: Figure, theme: Theme) -> None:
    """The curve in its two branches (it has a pole at 0) and its tangent at 1.

    >>> from derivative_tangent import tangent
    >>> tangent(f, 1)
    4*x - 4
    """
    pieces = [np.linspace(-2.5, -0.25, 200), np.linspace(0.25, 2.5, 200)]
    title = "练习 1：函数与它在 x = 1 处的切线"
    draw_with_tangent(fig, theme, f, 1, pieces, title, ylim=(-12, 12))


def build(out: Path) -> None:
    save_plot(
        out,
        "tangent",
        draw,
        alt="函数 y=x³−1/x 的两支曲线（在 x=0 处断开），和它在 x=1 处的切线 y=4x−4，切点为 (1, 0)。",
    )
