"""A page's symbol declarations (front matter ``symbols:``) and the sizes a check runs at.

Each entry is ``name: spec``; a spec is words:

* ``scalar`` (or ``constant``), optionally ``positive``;
* ``vector`` with an optional size name or number (default ``n``): a column;
* ``matrix`` with optional rows and columns (default ``n n``);
* ``function``: an arbitrary differentiable function, f(x), f'(x);
* ``index`` (i, j: a free index runs over every entry), ``size`` (n, m);
* ``derivative x``: an operator such as D that differentiates with respect to x;
* ``… of u``: a variable that depends on u (y = f(u) with f arbitrary), for the chain rule.

The layout convention is the gradient page's: ∇ₓ and ∂/∂x are in denominator layout (∇ₓ of a
scalar is shaped like x; of a vector y ∈ ℝᵐ it is n × m with entry (i, j) = ∂yⱼ/∂xᵢ), and
∂/∂xᵀ is its transpose, the Jacobian.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

KINDS = ("scalar", "constant", "vector", "matrix", "function", "index", "size", "derivative")
SIZES_TRIED = (2, 3)  # every size name takes each of these (two names: both orders)


class DeclarationError(ValueError):
    """A bad ``symbols:`` entry, or a symbol a claim uses that the page does not declare."""


@dataclass(frozen=True)
class Decl:
    """One declared symbol."""

    name: str
    kind: str
    dims: tuple[str, ...] = ()
    of: tuple[str, ...] = ()
    positive: bool = False
    wrt: str | None = None


@dataclass
class SymbolTable:
    """The declarations of one page."""

    decls: dict[str, Decl] = field(default_factory=dict)

    @classmethod
    def from_front_matter(cls, symbols: Mapping[str, object] | None) -> SymbolTable:
        """Read ``symbols:``; a spec that makes no sense is a DeclarationError.

        >>> SymbolTable.from_front_matter({"x": "vector", "A": "matrix"}).get("A").dims
        ('n', 'n')
        """
        table = cls()
        for name, spec in (symbols or {}).items():
            table.decls[str(name)] = _parse_spec(str(name), str(spec))
        return table

    def get(self, name: str) -> Decl | None:
        return self.decls.get(name)

    def require(self, name: str) -> Decl:
        decl = self.decls.get(name)
        if decl is None:
            known = ", ".join(f"{n}: {d.kind}" for n, d in sorted(self.decls.items())) or "none"
            raise DeclarationError(
                f"undeclared symbol {name!r}: declare it in the page's front matter, e.g. "
                f"'symbols: {{{name}: scalar}}' (declared: {known})"
            )
        return decl

    def size_names(self) -> list[str]:
        names = {d for decl in self.decls.values() for d in decl.dims if not d.isdigit()}
        return sorted(names)

    def size_assignments(self, used: set[str]) -> list[dict[str, int]]:
        """Concrete sizes to check at: each size name ≥ 2, different names differ."""
        names = [n for n in self.size_names() if n in used]
        if not names:
            return [{}]
        if len(names) == 1:
            return [{names[0]: s} for s in SIZES_TRIED]
        return [dict(zip(names, p, strict=True))
                for p in itertools.permutations(range(2, 2 + len(names)))]  # fmt: skip


def _parse_spec(name: str, spec: str) -> Decl:
    words = spec.replace(",", " ").split()
    if not words or words[0] not in KINDS:
        raise DeclarationError(
            f"symbols: {name}: {spec!r}: the spec starts with one of {', '.join(KINDS)}"
        )
    kind = "scalar" if words[0] == "constant" else words[0]
    rest = words[1:]
    of: tuple[str, ...] = ()
    if "of" in rest:
        at = rest.index("of")
        of, rest = tuple(rest[at + 1 :]), rest[:at]
        if not of:
            raise DeclarationError(f"symbols: {name}: {spec!r}: 'of' needs the variables")
    positive = "positive" in rest
    rest = [w for w in rest if w != "positive"]
    if kind == "derivative":
        if len(rest) != 1:
            raise DeclarationError(f"symbols: {name}: write 'derivative x' (the variable)")
        return Decl(name, kind, wrt=rest[0])
    if kind == "vector":
        dims = (rest[0] if rest else "n", "1")
    elif kind == "matrix":
        dims = tuple(rest) if len(rest) == 2 else (rest[0], rest[0]) if rest else ("n", "n")
    else:
        if rest:
            raise DeclarationError(f"symbols: {name}: {spec!r}: unexpected {' '.join(rest)!r}")
        dims = ()
    return Decl(name, kind, dims, of, positive)
