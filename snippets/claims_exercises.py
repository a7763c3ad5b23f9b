"""练习: every exercise answer, checked symbolically and numerically."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sympy as sp
from _check import gradient, numeric_gradient, verify, verify_derivative

x = sp.symbols("x", positive=True)
x1, x2 = sp.symbols("x_1 x_2", real=True)
a, b = sp.symbols("a b", real=True)
X = sp.Matrix([x1, x2])


def _gradient_claim(out: Path, name: str, claim: str, f: sp.Expr, claimed: sp.Matrix) -> None:
    fn = sp.lambdify((x1, x2), f, "numpy")
    gn = sp.lambdify((x1, x2), claimed, "numpy")

    def numeric(rng: np.random.Generator):  # type: ignore[no-untyped-def]
        v = rng.uniform(-1.5, 1.5, 2)
        measured = numeric_gradient(lambda z: fn(*z), v).ravel()
        return measured, np.asarray(gn(*v), dtype=float).ravel(), {"x": v}

    verify(out, name, claim, lambda: gradient(f, X) - claimed, numeric, size="x ∈ ℝ²")


def build(out: Path) -> None:
    verify_derivative(
        out, "ex1", "f(x) = x³ − 1/x 时 f′(x) = 3x² + 1/x²（于是 f′(1) = 4，切线 y = 4x − 4）",
        x**3 - 1 / x, 3 * x**2 + 1 / x**2, x, domain=(0.3, 3.0), size="x > 0",
    )  # fmt: skip
    _gradient_claim(out, "ex2_textbook", "∇(3x₁² + 5e^{x₂}) = [6x₁, 5e^{x₂}]ᵀ",
                    3 * x1**2 + 5 * sp.exp(x2), sp.Matrix([6 * x1, 5 * sp.exp(x2)]))  # fmt: skip
    _gradient_claim(out, "ex2_note", "∇(3x₁² + 5e^{x₂²}) = [6x₁, 10x₂e^{x₂²}]ᵀ",
                    3 * x1**2 + 5 * sp.exp(x2**2), sp.Matrix([6 * x1, 10 * x2 * sp.exp(x2**2)]))  # fmt: skip
    # Exercise 4 on a concrete instance: f = xy + sin z, x = ab, y = a + b², z = a − b.
    xs, ys, zs = sp.symbols("x y z", real=True)
    f = xs * ys + sp.sin(zs)
    inner = {xs: a * b, ys: a + b**2, zs: a - b}
    for var in (a, b):
        paths = sum(sp.diff(f, v).subs(inner) * sp.diff(e, var) for v, e in inner.items())
        verify_derivative(
            out, f"ex4_{var}", f"∂u/∂{var} = Σ ∂f/∂v · ∂v/∂{var}（v = x, y, z；f = xy + sin z，x = ab，y = a + b²，z = a − b）",
            f.subs(inner), paths, var, concrete={b: 0.4} if var == a else {a: 0.4},
            size="具体函数，数值检验时另一变量取 0.4",
        )  # fmt: skip
