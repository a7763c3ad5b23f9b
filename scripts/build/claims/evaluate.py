"""Reads a claim tree at concrete sizes through a backend: sympy (exact) or numpy (numbers).

One reading, two ways to compute: the walk over the tree (what each symbol is, shapes, indices,
sums, ``\\cdots``, the chain rule's dependent variables, function definitions) is shared, while
every computation, differentiation above all, is the backend's own: ``symbolic.py`` uses
``sympy.diff``, ``numeric.py`` central differences of the same tree, so a mistake in one method
cannot hide behind the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from .symbols import Decl, DeclarationError, SymbolTable
from .tree import Node, Relation

Value = Any


class ShapeError(ValueError):
    """Operands whose shapes do not fit (A is 3 × 3, x has 2 entries)."""


class Backend(Protocol):
    def shape(self, v: Value) -> tuple[int, int] | tuple[()]: ...
    def entries(self, v: Value) -> list[Value]: ...
    def matrix(self, rows: list[list[Value]]) -> Value: ...
    def number(self, q: Any) -> Value: ...
    def constant(self, name: str) -> Value: ...
    def add(self, a: Value, b: Value) -> Value: ...
    def mul(self, a: Value, b: Value) -> Value: ...
    def div(self, a: Value, b: Value) -> Value: ...
    def pow(self, a: Value, b: Value) -> Value: ...
    def transpose(self, a: Value) -> Value: ...
    def fn(self, name: str, a: Value) -> Value: ...
    def variable(
        self, decl: Decl, shape: tuple[int, int] | tuple[()], symmetric: bool
    ) -> Value: ...
    def call_abstract(self, key: str, args: list[Value]) -> Value: ...
    def partials(
        self, f: Callable[[Value], Value], at: Value, entries: list[int]
    ) -> list[Value]: ...
    def limit(self, f: Callable[[Value], Value], to: Value) -> Value: ...
    def compare(self, op: str, a: Value, b: Value) -> Value: ...
    def piecewise(self, pieces: list[tuple[Value, Value | None]]) -> Value: ...


@dataclass
class Definition:
    """``f(x) = 3x^2 - 4x`` from a claim's ``given``: parameters and body."""

    params: tuple[str, ...]
    body: Node


@dataclass
class Reader:
    """Evaluates nodes of one claim at one size assignment with one backend."""

    table: SymbolTable
    sizes: dict[str, int]
    backend: Backend
    definitions: dict[str, Definition] = field(default_factory=dict)
    symmetric: frozenset[str] = frozenset()
    indices: dict[str, int] = field(default_factory=dict)
    overrides: dict[str, Value] = field(default_factory=dict)

    # --- symbols --------------------------------------------------------------------------
    def dims(self, decl: Decl) -> tuple[int, int] | tuple[()]:
        if not decl.dims:
            return ()
        return tuple(int(d) if d.isdigit() else self.sizes[d] for d in decl.dims)  # type: ignore[return-value]

    def value_of(self, name: str) -> Value:
        if name in self.overrides:
            return self.overrides[name]
        if name == "e" and self.table.get("e") is None:
            return self.backend.constant("e")
        if name == "pi" and self.table.get("pi") is None:
            return self.backend.constant("pi")
        decl = self.table.require(name)
        if decl.kind in ("function", "derivative", "size", "index"):
            raise DeclarationError(f"{name!r} is declared as {decl.kind}, not as a value")
        if not decl.of:
            return self.backend.variable(decl, self.dims(decl), name in self.symmetric)
        args = [e for a in decl.of for e in self.backend.entries(self.value_of(a))]
        shape = self.dims(decl)
        if not shape:
            return self.backend.call_abstract(name, args)
        rows, cols = shape
        call = self.backend.call_abstract
        return self.backend.matrix(
            [[call(f"{name}_{r * cols + c + 1}", args) for c in range(cols)] for r in range(rows)]
        )

    def index(self, text: str) -> int:
        if text.isdigit():
            return int(text)
        if text in self.indices:
            return self.indices[text]
        if text in self.sizes:
            return self.sizes[text]
        decl = self.table.require(text)
        raise DeclarationError(f"index {text!r} is declared as {decl.kind}, not as index or size")

    def element(self, base: str, index: str) -> tuple[str, list[int]]:
        """``x_i`` → ("x", [flat position]); ``X_{ij}`` → ("X", [position])."""
        decl = self.table.require(base)
        shape = self.dims(decl)
        if not shape:
            raise DeclarationError(f"{base}_{index}: {base} is a scalar and has no entries")
        rows, cols = shape
        parts = [index] if cols == 1 or rows == 1 else list(index)
        if cols == 1 or rows == 1:
            k = self.index(parts[0])
            size = rows * cols
            if not 1 <= k <= size:
                raise ShapeError(f"{base}_{index}: index {k} outside 1…{size}")
            return base, [k - 1]
        if len(parts) != 2:
            raise ShapeError(f"{base}_{{{index}}}: a matrix entry needs two indices")
        i, j = (self.index(p) for p in parts)
        return base, [(i - 1) * cols + (j - 1)]

    # --- the walk -------------------------------------------------------------------------
    def eval(self, node: Node) -> Value:
        method = getattr(self, f"_{node.op}", None)
        if method is None:
            raise DeclarationError(f"cannot evaluate {node.op}")
        return method(*node.args)

    def _num(self, q: Any) -> Value:
        return self.backend.number(q)

    def _sym(self, name: str, primes: int) -> Value:
        if primes:
            raise DeclarationError(f"{name}{chr(39) * primes} must be applied: write {name}'(x)")
        if name in self.definitions:  # ∂f/∂x₁ with f(x) = … given: f at its own parameters
            params = self.definitions[name].params
            return self._apply(name, [self.value_of(p) for p in params])
        return self.value_of(name)

    def _elem(self, base: str, index: str) -> Value:
        full = f"{base}_{index}"
        if self.table.get(full) is not None or full in self.overrides:
            return self.value_of(full)
        name, (k,) = self.element(base, index)
        return self.backend.entries(self.value_of(name))[k]

    def _add(self, *terms: Node) -> Value:
        flat = _flatten_add(terms)
        if any(t.op == "dots" for t in flat):
            flat = [_expand_dots(flat)]
        values = [self.eval(t) for t in flat]
        total = values[0]
        for term, value in zip(flat[1:], values[1:], strict=True):
            if self.backend.shape(total) != self.backend.shape(value):
                raise ShapeError(
                    f"cannot add {show(term)} ({_shape_text(self.backend.shape(value))}) to a "
                    f"{_shape_text(self.backend.shape(total))} term"
                )
            total = self.backend.add(total, value)
        return total

    def _neg(self, a: Node) -> Value:
        return self.backend.mul(self.backend.number(-1), self.eval(a))

    def _mul(self, a: Node, b: Node) -> Value:
        if a.op == "sym" and (decl := self.table.get(a.args[0])) and decl.kind == "derivative":
            assert decl.wrt is not None
            return self._grad(Node("sym", (decl.wrt, 0)), b)
        left, right = self.eval(a), self.eval(b)
        ls, rs = self.backend.shape(left), self.backend.shape(right)
        if ls and rs and ls[1] != rs[0]:
            raise ShapeError(
                f"cannot multiply {show(a)} ({_shape_text(ls)}) by {show(b)} ({_shape_text(rs)})"
            )
        return self.backend.mul(left, right)

    def _div(self, a: Node, b: Node) -> Value:
        right = self.eval(b)
        if self.backend.shape(right):
            raise ShapeError(
                f"cannot divide by {show(b)}, a {_shape_text(self.backend.shape(right))}"
            )
        return self.backend.div(self.eval(a), right)

    def _pow(self, a: Node, b: Node) -> Value:
        base, exponent = self.eval(a), self.eval(b)
        if self.backend.shape(base) or self.backend.shape(exponent):
            raise ShapeError(
                f"{show(a)}^{{{show(b)}}}: powers of vectors or matrices are not defined"
            )
        return self.backend.pow(base, exponent)

    def _T(self, a: Node) -> Value:
        return self.backend.transpose(self.eval(a))

    def _norm(self, a: Node, kind: str) -> Value:
        value = self.eval(a)
        shape = self.backend.shape(value)
        if kind == "2" and shape and min(shape) > 1:
            raise ShapeError(f"\\|{show(a)}\\| of a matrix: write \\|{show(a)}\\|_F (Frobenius)")
        total = self.backend.number(0)
        for e in self.backend.entries(value):
            total = self.backend.add(total, self.backend.mul(e, e))
        return self.backend.fn("sqrt", total)

    def _fn(self, name: str, a: Node) -> Value:
        value = self.eval(a)
        if self.backend.shape(value):
            raise ShapeError(f"\\{name} of {show(a)}, a {_shape_text(self.backend.shape(value))}")
        return self.backend.fn(name, value)

    def _call(self, name: str, primes: int, args: tuple[Node, ...]) -> Value:
        values = [self.eval(a) for a in args]
        if primes:
            if len(values) != 1 or self.backend.shape(values[0]):
                raise ShapeError(f"{name}{chr(39) * primes}(…) needs one scalar argument")
            at = values[0]
            f = lambda v: self._apply(name, [v])  # noqa: E731
            for _ in range(primes):
                f = _derivative_of(self.backend, f)
            return f(at)
        return self._apply(name, values)

    def _apply(self, name: str, values: list[Value]) -> Value:
        if name in self.definitions:
            definition = self.definitions[name]
            if len(definition.params) != len(values):
                raise ShapeError(f"{name} takes {len(definition.params)} arguments")
            saved = dict(self.overrides)
            self.overrides.update(zip(definition.params, values, strict=True))
            try:
                return self.eval(definition.body)
            finally:
                self.overrides = saved
        decl = self.table.require(name)
        if decl.kind != "function":
            raise DeclarationError(f"{name}(…): {name} is declared as {decl.kind}, not function")
        flat = [e for v in values for e in self.backend.entries(v)]
        return self.backend.call_abstract(name, flat)

    def _grad(self, variable: Node | None, expression: Node) -> Value:
        if variable is None:
            variable = Node("sym", (self._only_variable(expression), 0))
        if variable.op == "elem":
            full = f"{variable.args[0]}_{variable.args[1]}"
            if self.table.get(full) is not None:
                name, entries, whole = full, [0], True
            else:
                name, entries = self.element(*variable.args)
                whole = False
        elif variable.op == "sym":
            name = variable.args[0]
            decl = self.table.require(name)
            shape = self.dims(decl)
            entries = list(range(shape[0] * shape[1])) if shape else [0]
            whole = True
        else:
            raise DeclarationError(f"cannot differentiate with respect to {show(variable)}")
        at = self.value_of(name)
        parts = self.backend.partials(self._as_function(name, expression), at, entries)
        if not whole:
            return parts[0]
        var_shape = self.backend.shape(at)
        result_shape = self.backend.shape(parts[0])
        if not var_shape:
            return parts[0]
        rows, cols = var_shape
        if not result_shape:
            return self.backend.matrix(
                [[parts[r * cols + c] for c in range(cols)] for r in range(rows)]
            )
        if cols == 1 and 1 in result_shape:
            return self.backend.matrix([self.backend.entries(p) for p in parts])
        raise ShapeError(
            f"∇ of {show(expression)} ({_shape_text(result_shape)}) with respect to {name} "
            f"({_shape_text(var_shape)}) is not defined here"
        )

    def _only_variable(self, expression: Node) -> str:
        found = sorted({
            n.args[0] for n in expression.walk()
            if n.op in ("sym", "elem") and (d := self.table.get(n.args[0])) is not None
            and d.kind in ("vector", "matrix") and n.args[0] not in self.symmetric
        })  # fmt: skip
        candidates = [n for n in found if n.islower()] or found
        if len(candidates) != 1:
            raise DeclarationError(
                f"\\nabla without a subscript needs one vector or matrix variable in "
                f"{show(expression)}, found {candidates or 'none'}: write \\nabla_x"
            )
        return candidates[0]

    def _sum(self, index: str, low: Node, high: Node, body: Node) -> Value:
        start = self.index(_index_text(low))
        stop = self.index(_index_text(high))
        total = None
        saved = dict(self.indices)
        try:
            for k in range(start, stop + 1):
                self.indices[index] = k
                value = self.eval(body)
                total = value if total is None else self.backend.add(total, value)
        finally:
            self.indices = saved
        return total if total is not None else self.backend.number(0)

    def _limit(self, name: str, to: Node, expression: Node) -> Value:
        return self.backend.limit(self._as_function(name, expression), self.eval(to))

    def _as_function(self, name: str, expression: Node) -> Callable[[Value], Value]:
        """``expression`` as a function of the variable ``name`` (everything else held), for a
        backend to differentiate or take a limit of, each in its own way."""

        def f(v: Value) -> Value:
            saved = dict(self.overrides)
            self.overrides[name] = v
            try:
                return self.eval(expression)
            finally:
                self.overrides = saved

        return f

    def _matrix(self, *rows: tuple[Node, ...]) -> Value:
        return self.backend.matrix([[self.eval(e) for e in row] for row in rows])

    def _cases(self, *pieces: tuple[Node, Relation | None]) -> Value:
        evaluated = []
        for value, condition in pieces:
            cond = None
            if condition is not None:
                cond = self.relation_value(condition)
            evaluated.append((self.eval(value), cond))
        return self.backend.piecewise(evaluated)

    def relation_value(self, relation: Relation) -> Value:
        (a, b), (op,) = relation.sides[:2], relation.ops[:1]
        return self.backend.compare(op, self.eval(a), self.eval(b))

    def _dots(self) -> Value:
        raise DeclarationError("\\cdots stands between the terms of a written-out sum only")


def _derivative_of(backend: Backend, f: Callable[[Value], Value]) -> Callable[[Value], Value]:
    return lambda v: backend.partials(f, v, [0])[0]


def _index_text(node: Node) -> str:
    if node.op == "num":
        return str(node.args[0])
    if node.op == "sym":
        return node.args[0]
    raise DeclarationError(f"a sum's bounds are numbers or sizes, not {show(node)}")


def _flatten_add(terms: tuple[Node, ...]) -> list[Node]:
    flat: list[Node] = []
    for t in terms:
        flat.extend(_flatten_add(t.args) if t.op == "add" else [t])
    return flat


def _expand_dots(terms: list[Node]) -> Node:
    """``t(1) + t(2) + \\cdots + t(m)`` → ``\\sum_{k=1}^{m} t(k)``, checking t(1) and t(2)."""
    at = [i for i, t in enumerate(terms) if t.op == "dots"]
    if len(at) != 1 or at[0] != len(terms) - 2 or len(terms) < 4:
        raise DeclarationError(
            "\\cdots must stand between the written-out terms and the last one: "
            "t_1 + t_2 + \\cdots + t_m"
        )
    first, last = terms[0], terms[-1]
    firsts = {n.args[1] for n in first.walk() if n.op == "elem"}
    lasts = {n.args[1] for n in last.walk() if n.op == "elem"}
    if "1" not in firsts or len(lasts - firsts) != 1:
        raise DeclarationError(
            f"cannot see the pattern of the sum around \\cdots: {show(first)} … {show(last)}"
        )
    (bound,) = lasts - firsts
    template = _replace_index(last, bound, "_k")
    for k, written in enumerate(terms[:-2], start=1):
        if _replace_index(template, "_k", str(k)) != written:
            raise DeclarationError(
                f"term {k} of the sum, {show(written)}, does not follow the pattern of "
                f"{show(last)} with {bound} = {k}"
            )
    return Node("sum", ("_k", Node("num", (1,)), Node("sym", (bound, 0)), template))


def _replace_index(node: Node, old: str, new: str) -> Node:
    if node.op == "elem":
        return Node("elem", (node.args[0], new if node.args[1] == old else node.args[1]))
    return Node(node.op, tuple(
        _replace_index(a, old, new) if isinstance(a, Node)
        else tuple(_replace_index(x, old, new) if isinstance(x, Node) else x for x in a)
        if isinstance(a, tuple) else a
        for a in node.args
    ))  # fmt: skip


def _shape_text(shape: tuple[int, ...]) -> str:
    if not shape:
        return "scalar"
    rows, cols = shape
    if cols == 1:
        return f"column of {rows} entries"
    if rows == 1:
        return f"row of {cols} entries"
    return f"{rows} × {cols}"


def show(node: Node | Relation | None) -> str:
    """Compact TeX for messages: how the parser grouped the formula.

    >>> show(Node("mul", (Node("T", (Node("sym", ("x", 0)),)), Node("sym", ("A", 0)))))
    'x^\\\\top A'
    """
    if node is None:
        return ""
    if isinstance(node, Relation):
        parts = [show(node.sides[0])]
        for op, side in zip(node.ops, node.sides[1:], strict=True):
            parts += [op, show(side)]
        return " ".join(parts)
    op, a = node.op, node.args
    if op == "num":
        return str(a[0])
    if op == "sym":
        return a[0] + "'" * a[1]
    if op == "elem":
        return f"{a[0]}_{{{a[1]}}}"
    if op == "add":
        text = " + ".join(show(t) for t in a)
        return text.replace("+ -", "- ")
    if op == "neg":
        return f"-{_wrap(a[0])}"
    if op == "mul":
        return f"{_wrap(a[0])} {_wrap(a[1])}"
    if op == "div":
        return f"\\frac{{{show(a[0])}}}{{{show(a[1])}}}"
    if op == "pow":
        return f"{_wrap(a[0])}^{{{show(a[1])}}}"
    if op == "T":
        return f"{_wrap(a[0])}^\\top"
    if op == "norm":
        return f"\\|{show(a[0])}\\|" + ("_F" if a[1] == "F" else "")
    if op == "fn":
        return f"\\{a[0]}({show(a[1])})"
    if op == "call":
        return f"{a[0]}{chr(39) * a[1]}({', '.join(show(x) for x in a[2])})"
    if op == "grad":
        operand = f"({show(a[1])})" if a[1].op in ("add", "neg", "mul", "div") else _wrap(a[1])
        return f"\\nabla_{{{show(a[0])}}} {operand}" if a[0] else f"\\nabla {operand}"
    if op == "sum":
        return f"\\sum_{{{a[0]}={show(a[1])}}}^{{{show(a[2])}}} {_wrap(a[3])}"
    if op == "dots":
        return "\\cdots"
    if op == "limit":
        return f"\\lim_{{{a[0]} \\to {show(a[1])}}} {_wrap(a[2])}"
    if op == "cases":
        rows = " \\\\ ".join(f"{show(v)} & {show(c) if c else ''}" for v, c in a)
        return f"\\begin{{cases}} {rows} \\end{{cases}}"
    if op == "undefined":
        return a[0]
    if op == "matrix":
        rows = " \\\\ ".join(" & ".join(show(e) for e in row) for row in a)
        return f"\\begin{{bmatrix}} {rows} \\end{{bmatrix}}"
    return op


def _wrap(node: Node) -> str:
    text = show(node)
    return f"({text})" if node.op in ("add", "neg") else text
