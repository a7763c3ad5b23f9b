"""The claim tree: what a formula says, independent of how it is checked.

The transformer (``parse.py``) turns sympy's Lark parse tree into these nodes; two interpreters read
them: ``symbolic.py`` (sympy, exact) and ``numeric.py`` (numpy, central differences), so the two
checks share the reading of the formula and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Node:
    """One operation: ``op`` names it, ``args`` are child nodes or plain values (names, numbers)."""

    op: str
    args: tuple[Any, ...] = ()

    def __repr__(self) -> str:
        return f"{self.op}({', '.join(map(repr, self.args))})"

    def walk(self):  # type: ignore[no-untyped-def]
        """This node and every node below it, depth first."""
        yield self
        for arg in self.args:
            if isinstance(arg, Node):
                yield from arg.walk()
            elif isinstance(arg, tuple):
                for item in arg:
                    if isinstance(item, Node):
                        yield from item.walk()
                    elif isinstance(item, tuple):
                        for sub in item:
                            if isinstance(sub, Node):
                                yield from sub.walk()


@dataclass(frozen=True)
class Relation:
    """``a = b = c`` (every link checked) or ``a \\ne b``; ``premises`` come from ``\\implies``."""

    sides: tuple[Node, ...]
    ops: tuple[str, ...]
    premises: tuple[Relation, ...] = ()
