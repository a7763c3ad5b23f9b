"""导数和微分: each derivative rule, in general form for sympy and on concrete functions numerically."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sympy as sp
from _check import verify, verify_derivative

x = sp.symbols("x", positive=True)
C, n = sp.symbols("C n", real=True)
f, g = sp.Function("f"), sp.Function("g")
# Concrete stand-ins for the numeric check: smooth, and g never 0 on the sampled domain.
CONCRETE = {f: sp.Lambda(x, sp.sin(3 * x) + x**2), g: sp.Lambda(x, sp.exp(x) + 2)}
POSITIVE = (0.2, 3.0)
GENERAL = "f, g 为任意可微函数（sympy 未定函数）"


def build(out: Path) -> None:
    verify_derivative(out, "constant", "DC = 0", C + 0 * x, sp.Integer(0), x,
                      concrete={C: 1.7}, size="C 为符号常数")  # fmt: skip
    verify_derivative(out, "power", "Dxⁿ = nxⁿ⁻¹", x**n, n * x ** (n - 1), x,
                      concrete={n: sp.Rational(5, 2)}, domain=POSITIVE, size="n 为符号实数, x > 0")  # fmt: skip
    verify_derivative(out, "exp", "Deˣ = eˣ", sp.exp(x), sp.exp(x), x)
    verify_derivative(
        out, "log", "D ln x = 1/x", sp.log(x), 1 / x, x, domain=POSITIVE, size="x > 0"
    )
    verify_derivative(out, "constant_multiple", "d/dx[Cf(x)] = C d/dx f(x)",
                      C * f(x), C * sp.diff(f(x), x), x, concrete={**CONCRETE, C: -1.3}, size=GENERAL)  # fmt: skip
    verify_derivative(out, "sum", "d/dx[f(x) + g(x)] = f′(x) + g′(x)",
                      f(x) + g(x), sp.diff(f(x), x) + sp.diff(g(x), x), x, concrete=CONCRETE, size=GENERAL)  # fmt: skip
    verify_derivative(out, "product", "d/dx[f(x)g(x)] = f(x)g′(x) + g(x)f′(x)",
                      f(x) * g(x), f(x) * sp.diff(g(x), x) + g(x) * sp.diff(f(x), x), x,
                      concrete=CONCRETE, size=GENERAL)  # fmt: skip
    verify_derivative(out, "quotient", "d/dx[f(x)/g(x)] = (g f′ − f g′)/g²",
                      f(x) / g(x), (g(x) * sp.diff(f(x), x) - f(x) * sp.diff(g(x), x)) / g(x) ** 2, x,
                      concrete=CONCRETE, size=GENERAL)  # fmt: skip
    h = sp.symbols("h", positive=True)
    quotient = (3 * (1 + h) ** 2 - 4 * (1 + h) - (-1)) / h
    simplified = 2 + 3 * h
    to_float = sp.lambdify(h, quotient, "numpy"), sp.lambdify(h, simplified, "numpy")

    def numeric(rng):  # type: ignore[no-untyped-def]
        at = rng.uniform(1e-3, 1.0)
        return np.array([to_float[0](at)]), np.array([to_float[1](at)]), {"h": at}

    verify(out, "difference_quotient", "(f(1+h) − f(1))/h = 2 + 3h（f(x) = 3x² − 4x）",
           lambda: quotient - simplified, numeric, size="h ≠ 0")  # fmt: skip
