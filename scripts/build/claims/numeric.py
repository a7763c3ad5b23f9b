"""The numeric backend: numbers at seeded random points, derivatives by central differences.

Nothing here asks sympy: the same claim tree is evaluated with numpy, every ∇, d/dx and ∂/∂x by
central differences of the expression it differentiates, and each arbitrary function (f, g,
u_j, y) is a random smooth concrete function, drawn anew for every sample, so the rules about
arbitrary functions are tested on many instances.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .symbols import Decl

STEP = 1e-5
LIMIT_STEP = 1e-7
FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "ln": np.log, "log": np.log,
    "sqrt": np.sqrt, "abs": np.abs, "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh,
}  # fmt: skip


class NumericBackend:
    """numpy arithmetic at one random point; ``point`` records the inputs drawn."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.point: dict[str, Any] = {}
        self.functions: dict[str, str] = {}
        self._instances: dict[str, Callable[[np.ndarray], float]] = {}

    def shape(self, v: Any) -> tuple[int, int] | tuple[()]:
        return tuple(v.shape) if isinstance(v, np.ndarray) and v.ndim == 2 else ()  # type: ignore[return-value]

    def entries(self, v: Any) -> list[Any]:
        return list(v.ravel()) if self.shape(v) else [v]

    def matrix(self, rows: list[list[Any]]) -> Any:
        return _collapse(np.array(rows, dtype=float))

    def number(self, q: Any) -> Any:
        return float(q)

    def constant(self, name: str) -> Any:
        return {"e": np.e, "pi": np.pi}[name]

    def add(self, a: Any, b: Any) -> Any:
        return _collapse(a + b)

    def mul(self, a: Any, b: Any) -> Any:
        if self.shape(a) and self.shape(b):
            return _collapse(a @ b)
        return _collapse(a * b)

    def div(self, a: Any, b: Any) -> Any:
        with np.errstate(all="ignore"):  # x/0 is inf: a false claim, not a crash
            return _collapse(np.divide(a, b))

    def pow(self, a: Any, b: Any) -> Any:
        return float(np.power(a, b))

    def transpose(self, a: Any) -> Any:
        return a.T if self.shape(a) else a

    def fn(self, name: str, a: Any) -> Any:
        return float(FUNCTIONS[name](a))

    def variable(self, decl: Decl, shape: tuple[int, ...], symmetric: bool) -> Any:
        if decl.name not in self.point:
            if not shape:
                low, high = (0.3, 2.5) if decl.positive else (-2.0, 2.0)
                value: Any = float(self.rng.uniform(low, high))
            else:
                value = self.rng.standard_normal(shape)
                if decl.positive:
                    value = np.abs(value) + 0.3
                if symmetric:
                    value = (value + value.T) / 2
            self.point[decl.name] = value
        return self.point[decl.name]

    def call_abstract(self, key: str, args: list[Any]) -> Any:
        if key not in self._instances:
            self._instances[key] = self._draw_function(key, len(args))
        return self._instances[key](np.array(args, dtype=float))

    def _draw_function(self, key: str, arity: int) -> Callable[[np.ndarray], float]:
        """2.5 + a·sin(w·t + p) + d·tanh(v·t): smooth, and never 0 (a quotient's denominator)."""
        a, d = self.rng.uniform(0.3, 1.0, 2) * self.rng.choice([-1, 1], 2)
        w, v = self.rng.uniform(-1.5, 1.5, (2, arity))
        p = float(self.rng.uniform(0, np.pi))
        args = ", ".join(f"t{k + 1}" for k in range(arity))
        self.functions[key] = (
            f"{key}({args}) = 2.5 {a:+.3f}·sin({_dot(w)} {p:+.3f}) {d:+.3f}·tanh({_dot(v)})"
        )
        return lambda t: float(2.5 + a * np.sin(w @ t + p) + d * np.tanh(v @ t))

    def partials(self, f: Callable[[Any], Any], at: Any, entries: list[int]) -> list[Any]:
        found = []
        for k in entries:
            if self.shape(at):
                step = np.zeros_like(at)
                step.flat[k] = STEP
                plus, minus = f(at + step), f(at - step)
            else:
                plus, minus = f(at + STEP), f(at - STEP)
            found.append(_collapse((np.asarray(plus) - np.asarray(minus)) / (2 * STEP)))
        return [float(v) if not self.shape(v) else v for v in found]

    def limit(self, f: Callable[[Any], Any], to: Any) -> Any:
        return (f(to + LIMIT_STEP) + f(to - LIMIT_STEP)) / 2

    def compare(self, op: str, a: Any, b: Any) -> Any:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        close = bool(np.allclose(a, b))
        return {"=": close, "\\ne": not close, "<": bool(np.all(a < b)),
                "\\le": bool(np.all(a <= b)), ">": bool(np.all(a > b)),
                "\\ge": bool(np.all(a >= b))}[op]  # fmt: skip

    def piecewise(self, pieces: list[tuple[Any, Any]]) -> Any:
        for value, condition in pieces:
            if condition is None or bool(condition):
                return value
        raise ValueError("no case of the cases applies at the sampled point")


def _dot(w: np.ndarray) -> str:
    return " + ".join(f"{c:.3f}·t{k + 1}" for k, c in enumerate(w)).replace("+ -", "- ")


def _collapse(v: Any) -> Any:
    if isinstance(v, np.ndarray):
        if v.shape == (1, 1) or v.ndim == 0:
            return float(v.reshape(()))
    return v
