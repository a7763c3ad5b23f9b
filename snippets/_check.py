"""Checks behind the site's claims: each identity is verified symbolically and numerically.

A check records a verdict (``_artifacts.save_verdict``) that the page shows as a small mark; a
false claim makes a verdict with ``ok: false`` and a counterexample, which stops the build.

Layout: gradients use the denominator layout, as the site states on its gradient page: for
y ∈ ℝᵐ and x ∈ ℝⁿ, ∇ₓy is n × m with entry (i, j) = ∂yⱼ/∂xᵢ; the Jacobian ∂y/∂xᵀ is its
transpose.
"""

from __future__ import annotations

import importlib.metadata
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp
from _artifacts import save_verdict

STEP = 1e-6
TOLERANCE = 1e-6


def gradient(y: sp.Matrix | sp.Expr, x: sp.Matrix) -> sp.Matrix:
    """Denominator-layout derivative of ``y`` (a scalar or a vector) with respect to ``x``.

    >>> x = sp.Matrix(sp.symbols("x1:3"))
    >>> gradient(x.T * x, x).T
    Matrix([[2*x1, 2*x2]])
    """
    ys = list(y) if isinstance(y, sp.MatrixBase) else [y]
    return sp.Matrix([[sp.diff(yj, xi) for yj in ys] for xi in x])


def numeric_gradient(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray) -> np.ndarray:
    """Central differences in the same layout: row i holds ∂f/∂xᵢ (f may be vector valued)."""
    rows = []
    for i in range(x.size):
        e = np.zeros_like(x)
        e.flat[i] = STEP
        rows.append((np.atleast_1d(f(x + e)) - np.atleast_1d(f(x - e))).ravel() / (2 * STEP))
    return np.array(rows)


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    found.update({lib: importlib.metadata.version(lib) for lib in ("numpy", "sympy")})
    return found


def verify(
    out: Path,
    name: str,
    claim: str,
    symbolic: Callable[[], sp.MatrixBase | sp.Expr],
    numeric: Callable[[np.random.Generator], tuple[np.ndarray, np.ndarray, dict[str, Any]]],
    *,
    size: str,
    seed: int = 0,
    samples: int = 20,
    tolerance: float = TOLERANCE,
) -> dict[str, Any]:
    """Check one claim both ways and record its verdict as the artifact ``name``.

    ``symbolic()`` returns left side minus right side, which must simplify to zero.
    ``numeric(rng)`` returns (finite-difference value, formula value, the inputs used).
    """
    difference = sp.simplify(symbolic())
    symbolic_ok = (
        bool(difference == sp.zeros(*difference.shape))
        if isinstance(difference, sp.MatrixBase)
        else difference == 0
    )
    rng = np.random.default_rng(seed)
    worst: tuple[float, dict[str, Any]] = (0.0, {})
    for _ in range(samples):
        measured, claimed, inputs = numeric(rng)
        error = float(np.max(np.abs(np.asarray(measured) - np.asarray(claimed))))
        if error >= worst[0]:
            worst = (error, {k: np.round(np.asarray(v), 6).tolist() for k, v in inputs.items()}
                     | {"finite_differences": np.round(measured, 6).tolist(),
                        "formula": np.round(claimed, 6).tolist()})  # fmt: skip
    numeric_ok = worst[0] <= tolerance
    verdict: dict[str, Any] = {
        "claim": claim,
        "ok": bool(symbolic_ok and numeric_ok),
        "symbolic": {
            "method": "sympy.simplify(left − right) == 0",
            "size": size,
            "ok": bool(symbolic_ok),
        },
        "numeric": {
            "method": f"central differences, h = {STEP:g}",
            "seed": seed,
            "samples": samples,
            "max_error": float(f"{worst[0]:.3g}"),
            "tolerance": tolerance,
            "ok": bool(numeric_ok),
        },
        "versions": versions(),
    }
    if not verdict["ok"]:
        verdict["counterexample"] = (
            worst[1] if not numeric_ok else {"left − right": str(difference)}
        )
    save_verdict(out, name, verdict)
    return verdict


def verify_derivative(
    out: Path,
    name: str,
    claim: str,
    expr: sp.Expr,
    claimed: sp.Expr,
    variable: sp.Symbol,
    *,
    concrete: dict[Any, Any] | None = None,
    domain: tuple[float, float] = (-2.0, 2.0),
    size: str = "general form",
) -> dict[str, Any]:
    """Check d(expr)/d(variable) = claimed: symbolically in general form (sympy functions allowed),
    numerically after ``concrete`` replaces the general functions by concrete ones."""
    concrete = concrete or {}

    def numeric(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
        f = sp.lambdify(variable, expr.subs(concrete).doit(), "numpy")
        g = sp.lambdify(variable, claimed.subs(concrete).doit(), "numpy")
        at = rng.uniform(*domain)
        measured = (f(at + STEP) - f(at - STEP)) / (2 * STEP)
        return np.array([measured]), np.array([float(g(at))]), {str(variable): at}

    return verify(out, name, claim, lambda: sp.diff(expr, variable) - claimed, numeric, size=size)
