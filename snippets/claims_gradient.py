"""梯度: the matrix rules of the gradient page, each checked symbolically (n = 3) and numerically."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sympy as sp
from _artifacts import save_markdown
from _check import gradient, numeric_gradient, verify

N = 3
x = sp.Matrix(sp.symbols(f"x1:{N + 1}", real=True))
A = sp.Matrix(N, N, sp.symbols(f"a1:{N * N + 1}", real=True))
S = sp.Matrix(N, N, lambda i, j: sp.Symbol(f"s{min(i, j)}{max(i, j)}", real=True))  # symmetric
X = sp.Matrix(N, N, sp.symbols(f"X1:{N * N + 1}", real=True))
SIZE = f"x ∈ ℝ^{N}, A ∈ ℝ^{N}×{N} with symbolic entries"


def _draw(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    return rng.standard_normal((N, N)), rng.standard_normal(N)


def layout_refutation() -> str:
    """The note's ∂(Ax)/∂xᵀ = Aᵀ on a concrete A: the Jacobian is A, not Aᵀ.

    >>> "不相等" in layout_refutation()
    True
    """
    a = sp.Matrix([[1, 2], [3, 4]])
    v = sp.Matrix(sp.symbols("x1:3", real=True))
    jacobian = (a * v).jacobian(v)
    verdict = "相等" if jacobian == a.T else "不相等"
    return (
        f"取 $A={sp.latex(a, mat_str='bmatrix', mat_delim='')}$，sympy 求得雅可比矩阵 "
        f"$\\frac{{\\partial (Ax)}}{{\\partial x^\\top}}={sp.latex(jacobian, mat_str='bmatrix', mat_delim='')}$，"
        f"与笔记写的 $A^\\top={sp.latex(a.T, mat_str='bmatrix', mat_delim='')}$ {verdict}。"
    )


def build(out: Path) -> None:
    save_markdown(out, "layout_refutation", layout_refutation())

    def grad_ax(rng):
        a, v = _draw(rng)
        return numeric_gradient(lambda z: a @ z, v), a.T, {"A": a, "x": v}

    verify(
        out,
        "grad_ax",
        "∇ₓ(Ax) = Aᵀ（分母布局）",
        lambda: gradient(A * x, x) - A.T,
        grad_ax,
        size=SIZE,
    )

    def jacobian_ax(rng):
        a, v = _draw(rng)
        return numeric_gradient(lambda z: a @ z, v).T, a, {"A": a, "x": v}

    verify(
        out, "jacobian_ax", "∂(Ax)/∂xᵀ = A（分子布局，雅可比矩阵）",
        lambda: gradient(A * x, x).T - A, jacobian_ax, size=SIZE,
    )  # fmt: skip

    def grad_xta(rng):
        a, v = _draw(rng)
        return numeric_gradient(lambda z: z @ a, v), a, {"A": a, "x": v}

    verify(out, "grad_xta", "∇ₓ(xᵀA) = A", lambda: gradient(x.T * A, x) - A, grad_xta, size=SIZE)

    def grad_quadratic(rng):
        a, v = _draw(rng)
        return numeric_gradient(lambda z: z @ a @ z, v).ravel(), (a + a.T) @ v, {"A": a, "x": v}

    verify(
        out, "grad_quadratic", "∇ₓ(xᵀAx) = (A + Aᵀ)x",
        lambda: gradient((x.T * A * x)[0], x) - (A + A.T) * x, grad_quadratic, size=SIZE,
    )  # fmt: skip

    def grad_quadratic_symmetric(rng):
        a, v = _draw(rng)
        s = a + a.T
        return numeric_gradient(lambda z: z @ s @ z, v).ravel(), 2 * s @ v, {"A": s, "x": v}

    verify(
        out, "grad_quadratic_symmetric", "A 对称时 ∇ₓ(xᵀAx) = 2Ax",
        lambda: gradient((x.T * S * x)[0], x) - 2 * S * x, grad_quadratic_symmetric,
        size=f"x ∈ ℝ^{N}, symmetric A ∈ ℝ^{N}×{N} with symbolic entries",
    )  # fmt: skip

    def grad_norm_sq(rng):
        v = rng.standard_normal(N)
        return numeric_gradient(lambda z: z @ z, v).ravel(), 2 * v, {"x": v}

    verify(
        out, "grad_norm_sq", "∇ₓ‖x‖² = ∇ₓ(xᵀx) = 2x",
        lambda: gradient((x.T * x)[0], x) - 2 * x, grad_norm_sq, size=f"x ∈ ℝ^{N}",
    )  # fmt: skip

    def grad_frobenius(rng):
        m = rng.standard_normal((N, N))
        fd = numeric_gradient(lambda z: np.sum(z.reshape(N, N) ** 2), m.ravel()).reshape(N, N)
        return fd, 2 * m, {"X": m}

    verify(
        out, "grad_frobenius", "∇_X‖X‖_F² = 2X",
        lambda: sp.Matrix(N, N, list(gradient(sum(e**2 for e in X), sp.Matrix(list(X))))) - 2 * X,
        grad_frobenius, size=f"X ∈ ℝ^{N}×{N} with symbolic entries",
    )  # fmt: skip

    def grad_l2(rng):
        v = rng.standard_normal(N)
        return numeric_gradient(np.linalg.norm, v).ravel(), v / np.linalg.norm(v), {"x": v}

    verify(
        out, "grad_l2norm", "x ≠ 0 时 ∇ₓ‖x‖₂ = x/‖x‖₂",
        lambda: gradient(x.norm(), x) - x / x.norm(), grad_l2, size=f"x ∈ ℝ^{N}, x ≠ 0",
    )  # fmt: skip
