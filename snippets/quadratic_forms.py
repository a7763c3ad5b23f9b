"""偏导数 / 梯度: the quadratic form xᵀAx as a bowl and as a saddle, and ‖x‖² with its gradient.

The arrows are the gradients (A + Aᵀ)x and 2x, evaluated on a grid: they point uphill and
cross the contour lines at right angles.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from _style import Theme, save_plot
from matplotlib.axes import Axes
from matplotlib.figure import Figure

BOWL = np.array([[2.0, 0.6], [0.2, 1.0]])  # positive definite, not symmetric
SADDLE = np.array([[1.0, 0.0], [0.0, -1.0]])  # indefinite


def quadratic_form(a: np.ndarray, x1: np.ndarray, x2: np.ndarray) -> np.ndarray:
    """xᵀAx at every grid point.

    >>> float(quadratic_form(SADDLE, np.array(2.0), np.array(1.0)))
    3.0
    """
    return a[0, 0] * x1**2 + (a[0, 1] + a[1, 0]) * x1 * x2 + a[1, 1] * x2**2


def gradient(a: np.ndarray, x1: np.ndarray, x2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(A + Aᵀ)x at every grid point.

    >>> [float(g) for g in gradient(BOWL, np.array(1.0), np.array(0.0))]
    [4.0, 0.8]
    """
    s = a + a.T
    return s[0, 0] * x1 + s[0, 1] * x2, s[1, 0] * x1 + s[1, 1] * x2


def _panel(ax: Axes, theme: Theme, a: np.ndarray, title: str) -> None:
    grid = np.linspace(-2, 2, 201)
    x1, x2 = np.meshgrid(grid, grid)
    ax.contour(x1, x2, quadratic_form(a, x1, x2), levels=12, cmap="viridis", linewidths=1)
    arrows = np.linspace(-1.6, 1.6, 7)
    q1, q2 = np.meshgrid(arrows, arrows)
    g1, g2 = gradient(a, q1, q2)
    ax.quiver(
        q1, q2, g1, g2, color=theme.colors[1], angles="xy", scale_units="xy", scale=12, width=0.006
    )
    ax.set_aspect("equal")
    ax.set_title(title)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")


def draw_bowl_and_saddle(fig: Figure, theme: Theme) -> None:
    left, right = fig.subplots(1, 2)
    _panel(left, theme, BOWL, "碗：A 正定")
    _panel(right, theme, SADDLE, "马鞍：A 不定")


def draw_norm(fig: Figure, theme: Theme) -> None:
    _panel(fig.add_subplot(), theme, np.eye(2), "‖x‖² 与梯度 2x")


def build(out: Path) -> None:
    save_plot(
        out,
        "bowl_saddle",
        draw_bowl_and_saddle,
        alt="两幅等高线图。左：正定矩阵的二次型 xᵀAx，等高线是椭圆，像一个碗，梯度箭头 (A+Aᵀ)x 从中心指向外。"
        "右：不定矩阵的二次型，等高线是双曲线，像马鞍，箭头沿 x₁ 方向向外、沿 x₂ 方向向内。",
        size=(8.0, 4.0),
    )
    save_plot(
        out,
        "norm",
        draw_norm,
        alt="‖x‖² 的等高线是同心圆，梯度箭头 2x 沿半径指向外，离原点越远箭头越长。",
        size=(4.8, 4.4),
    )
