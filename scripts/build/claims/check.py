"""Verifies one claim from its TeX: parse, read at several sizes, prove with sympy, test with numbers.

A claim is true when, for every size tried and every value of its free indices, each ``=`` of
each relation holds both ways: sympy simplifies left − right to zero, and at seeded random
points (with random concrete functions for the arbitrary ones) the two sides, every derivative
taken by central differences, agree within the tolerance. The verdict records what was checked
and, when false, a counterexample with its numbers.
"""

from __future__ import annotations

import importlib.metadata
import itertools
import platform
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from .display import latex_of
from .evaluate import Definition, Reader, ShapeError, _shape_text, show
from .numeric import STEP, NumericBackend
from .parse import parse_claim
from .symbolic import SymbolicBackend, is_zero
from .symbols import DeclarationError, SymbolTable
from .tree import Node, Relation

SEED = 0
SAMPLES = 8
RTOL = ATOL = 1e-6


class NotAnIdentityError(ValueError):
    """A claim with no ``=`` to check (``x^\\top x > 0``)."""


@dataclass(frozen=True)
class Claim:
    """What a page states: the formula's TeX, its ``given`` conditions, its symbol table."""

    tex: str
    given: tuple[str, ...] = ()


def verify_claim(claim: Claim, table: SymbolTable) -> dict[str, Any]:
    """The verdict for ``claim``; raises on TeX that does not parse, an undeclared symbol or
    a shape mismatch (those are the author's errors, not false claims)."""
    relations = parse_claim(claim.tex)
    givens = [r for tex in claim.given for r in parse_claim(tex)]
    checked: list[Relation] = []
    premises: list[Relation] = list(givens)
    own: dict[int, tuple[Relation, ...]] = {}  # a cases row's condition, for that row only
    skipped: list[str] = []
    for relation in relations:
        premises.extend(relation.premises)
        for row, condition in _case_rows(relation, skipped):
            own[len(checked)] = condition
            checked.append(row)
    definitions, symmetric, conditions = _conditions(premises)
    if not any("=" in r.ops for r in checked):
        raise NotAnIdentityError(f"a claim states an identity, but {claim.tex!r} has no '='")
    used = _used_sizes(checked, definitions, table)
    sizes = table.size_assignments(used)
    worst: dict[str, Any] = {"error": 0.0}
    edges = _edges(relations)
    overlap: dict[str, Any] | None = None
    symbolic_ok, failed_symbolic = True, None
    configurations = 0
    for size in sizes:
        for indices in _free_indices(checked, table, size):
            configurations += 1
            reader = Reader(table, size, SymbolicBackend(), definitions, symmetric, indices)
            for relation in checked:
                for left, right in _pairs(relation):
                    a, b = reader.eval(left), reader.eval(right)
                    _same_shape(reader, left, right, a, b)
                    if symbolic_ok and not is_zero(a - b):
                        symbolic_ok = False
                        failed_symbolic = {"sizes": size, "indices": indices,
                                           "left − right": str(sp.simplify(a - b))}  # fmt: skip
            for extra in sorted(set(own.values()), key=str):
                group = [r for k, r in enumerate(checked) if own[k] == extra]
                _numeric(group, table, size, indices, definitions, symmetric,
                         [*conditions, *extra], worst, edges)  # fmt: skip
        overlap = overlap or _overlaps(relations, table, size, definitions, symmetric, edges)
    if overlap is not None:
        worst.update(error=np.inf, abs=np.inf, example=overlap)
    numeric_ok = worst["error"] <= 1.0
    verdict: dict[str, Any] = {
        "tex": claim.tex,
        "given": list(claim.given),
        "read_as": [latex_of(r, table) for r in relations],
        "not_checked": skipped,
        "ok": bool(symbolic_ok and numeric_ok),
        "symbolic": {
            "method": "sympy.simplify(left − right) == 0",
            "sizes": _sizes_text(sizes),
            "ok": bool(symbolic_ok),
        },
        "numeric": {
            "method": f"central differences (h = {STEP:g}) at seeded random points; "
            "arbitrary functions drawn at random",
            "seed": SEED,
            "samples": SAMPLES * configurations,
            "max_error": float(f"{worst.get('abs', 0.0):.3g}"),
            "tolerance": f"{ATOL:g} + {RTOL:g}·|right|",
            "ok": bool(numeric_ok),
        },
        "versions": versions(),
    }
    if not numeric_ok:
        verdict["counterexample"] = worst["example"]
    elif not symbolic_ok:
        verdict["counterexample"] = failed_symbolic
    return verdict


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    found.update({lib: importlib.metadata.version(lib) for lib in ("numpy", "sympy", "lark")})
    return found


def _case_rows(
    relation: Relation, skipped: list[str]
) -> list[tuple[Relation, tuple[Relation, ...]]]:
    """``L = \\begin{cases} v_1 & c_1 \\\\ … \\end{cases}`` → ``L = v_k`` under ``c_k``, for each
    row with a value (a row whose value is text, 未定义, states nothing and is listed)."""
    at = [k for k, side in enumerate(relation.sides) if side.op == "cases"]
    if not at:
        return [(relation, ())]
    if len(at) > 1 or relation.ops != ("=",):
        raise NotAnIdentityError("a claim with cases must read: expression = \\begin{cases}…")
    rows = []
    for value, condition in relation.sides[at[0]].args:
        if value.op == "undefined":
            skipped.append(f"{value.args[0]} ({show(condition)})" if condition else value.args[0])
            continue
        sides = list(relation.sides)
        sides[at[0]] = value
        rows.append((Relation(tuple(sides), relation.ops), (condition,) if condition else ()))
    return rows


def _pairs(relation: Relation) -> list[tuple[Node, Node]]:
    return [(relation.sides[k], relation.sides[k + 1])
            for k, op in enumerate(relation.ops) if op == "="]  # fmt: skip


def _same_shape(reader: Reader, left: Node, right: Node, a: Any, b: Any) -> None:
    sa, sb = reader.backend.shape(a), reader.backend.shape(b)
    if sa != sb:
        raise ShapeError(
            f"the two sides have different shapes: {show(left)} is a {_shape_text(sa)}, "
            f"{show(right)} is a {_shape_text(sb)} (sizes {reader.sizes})"
        )


def _conditions(
    premises: list[Relation],
) -> tuple[dict[str, Definition], frozenset[str], list[Relation]]:
    """``f(x) = …`` defines f, ``a = 1`` defines a; ``A = A^\\top`` makes A symmetric; the rest
    restrict the samples."""
    definitions: dict[str, Definition] = {}
    symmetric: set[str] = set()
    conditions: list[Relation] = []
    for premise in premises:
        left, right = premise.sides[0], premise.sides[-1]
        if (
            premise.ops == ("=",)
            and left.op == "call"
            and not left.args[1]
            and all(a.op == "sym" for a in left.args[2])
        ):
            definitions[left.args[0]] = Definition(tuple(a.args[0] for a in left.args[2]), right)
        elif premise.ops == ("=",) and left.op == "sym" and right == Node("T", (left,)):
            symmetric.add(left.args[0])
        elif premise.ops == ("=",) and right.op == "sym" and left == Node("T", (right,)):
            symmetric.add(right.args[0])
        elif (premise.ops == ("=",) and left.op == "sym" and not left.args[1]
              and left not in right.walk()):  # fmt: skip
            definitions[left.args[0]] = Definition((), right)  # y = f(a) + f'(a)(x - a)
        else:
            conditions.append(premise)
    return definitions, frozenset(symmetric), conditions


def _used_sizes(relations: list[Relation], definitions: dict[str, Definition],
                table: SymbolTable) -> set[str]:  # fmt: skip
    names: set[str] = set()
    nodes = [n for r in relations for side in r.sides for n in side.walk()]
    nodes += [n for d in definitions.values() for n in d.body.walk()]
    for n in nodes:
        if n.op in ("sym", "elem", "call"):
            names.add(n.args[0])
            if n.op == "elem":
                names.add(n.args[1])
        if n.op == "sum":
            names.add(n.args[0])
    sizes: set[str] = set()
    pending = list(names)
    while pending:
        decl = table.get(pending.pop())
        if decl is None:
            continue
        sizes.update(d for d in decl.dims if not d.isdigit())
        if decl.kind == "size":
            sizes.add(decl.name)
        pending.extend(decl.of)
    return sizes | {n for n in names if (d := table.get(n)) is not None and d.kind == "size"}


def _free_indices(relations: list[Relation], table: SymbolTable,
                  size: dict[str, int]) -> list[dict[str, int]]:  # fmt: skip
    """Every value of each free index (x_i: i = 1 … size of x)."""
    ranges: dict[str, int] = {}
    for r in relations:
        for side in r.sides:
            bound = {n.args[0] for n in side.walk() if n.op == "sum"}
            for n in side.walk():
                if n.op != "elem" or n.args[1] in bound or n.args[1] == "_k":
                    continue
                base = table.get(n.args[0])
                if base is None or not base.dims:
                    continue
                dims = [int(d) if d.isdigit() else size[d] for d in base.dims]
                rows, cols = dims
                if rows > 1 and cols > 1 and len(n.args[1]) == 2:  # X_{ij}: i over rows, j columns
                    letters = list(zip(n.args[1], (rows, cols), strict=True))
                else:
                    letters = [(n.args[1], rows * cols)]
                for letter, count in letters:
                    decl = table.get(letter)
                    if letter not in bound and decl is not None and decl.kind == "index":
                        ranges[letter] = count
    names = sorted(ranges)
    return [dict(zip(names, values, strict=True))
            for values in itertools.product(*(range(1, ranges[n] + 1) for n in names))]  # fmt: skip


def _numeric(relations: list[Relation], table: SymbolTable, size: dict[str, int],
             indices: dict[str, int], definitions: dict[str, Definition],
             symmetric: frozenset[str], conditions: list[Relation],
             worst: dict[str, Any], edges: list[dict[str, Node]] = ()) -> None:  # fmt: skip
    """Random samples that meet the conditions, then the edge points (x = 0 of a cases row)
    that meet them too: a formula must hold there as well, not be NaN."""
    rng = np.random.default_rng([SEED, *sorted(size.values()), *sorted(indices.values())])
    taken = tries = 0
    pending = list(edges)
    while taken < SAMPLES or pending:
        tries += 1
        if tries > 50 * SAMPLES + len(edges):
            raise DeclarationError(
                f"the conditions {[show(c) for c in conditions]} exclude nearly every sample"
            )
        backend = NumericBackend(rng)
        reader = Reader(table, size, backend, definitions, symmetric, indices)
        edge = pending.pop() if taken >= SAMPLES and pending else None
        if edge is not None:
            _place(reader, edge)
        if not all(bool(reader.relation_value(c)) for c in conditions):
            continue
        taken += edge is None
        for relation in relations:
            for left, right in _pairs(relation):
                with np.errstate(all="ignore"):
                    a = np.asarray(reader.eval(left), dtype=float)
                    b = np.asarray(reader.eval(right), dtype=float)
                    gap = float(np.max(np.abs(a - b))) if a.size else 0.0
                    allowed = ATOL + RTOL * float(np.max(np.abs(b)))
                score = gap / allowed if np.isfinite(gap) and np.isfinite(allowed) else np.inf
                if score >= worst["error"]:
                    worst.update(error=score, abs=gap if np.isfinite(gap) else np.inf, example={
                        "link": f"{show(left)} = {show(right)}",
                        "sizes": size, "indices": indices,
                        "inputs": {k: _round(v) for k, v in backend.point.items()},
                        "functions": dict(backend.functions),
                        "left": _round(a), "right": _round(b),
                    })  # fmt: skip


def _place(reader: Reader, point: dict[str, Node]) -> None:
    """Put the edge point's values (x = 0: every entry 0) before anything is drawn."""
    backend = reader.backend
    for name, value in point.items():
        decl = reader.table.require(name)
        shape = reader.dims(decl)
        number = float(np.asarray(reader.eval(value), dtype=float))
        backend.point[name] = np.full(shape, number) if shape else number  # type: ignore[attr-defined]


def _edges(relations: list[Relation]) -> list[dict[str, Node]]:
    """The points named by the equality conditions of cases rows (``x = 0``)."""
    found = []
    for relation in relations:
        for side in relation.sides:
            if side.op != "cases":
                continue
            for _, condition in side.args:
                if (condition is not None and condition.ops == ("=",)
                        and condition.sides[0].op == "sym"):  # fmt: skip
                    found.append({condition.sides[0].args[0]: condition.sides[1]})
    return found


def _overlaps(relations: list[Relation], table: SymbolTable, size: dict[str, int],
              definitions: dict[str, Definition], symmetric: frozenset[str],
              edges: list[dict[str, Node]]) -> dict[str, Any] | None:  # fmt: skip
    """A point where two rows of a cases apply at once: the cases contradict each other."""
    for relation in relations:
        for side in relation.sides:
            if side.op != "cases":
                continue
            for edge in edges:
                backend = NumericBackend(np.random.default_rng(SEED))
                reader = Reader(table, size, backend, definitions, symmetric)
                _place(reader, edge)
                with np.errstate(all="ignore"):
                    holding = [show(c) for _, c in side.args
                               if c is not None and bool(reader.relation_value(c))]  # fmt: skip
                if len(holding) > 1:
                    return {"rows that both apply": holding, "sizes": size,
                            "inputs": {k: _round(v) for k, v in backend.point.items()}}  # fmt: skip
    return None


def _round(v: Any) -> Any:
    return np.round(np.asarray(v, dtype=float), 6).tolist()


def _sizes_text(sizes: list[dict[str, int]]) -> str:
    if sizes == [{}]:
        return "scalars"
    return "; ".join(", ".join(f"{k} = {v}" for k, v in s.items()) for s in sizes)
