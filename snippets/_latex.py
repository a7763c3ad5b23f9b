"""LaTeX helpers for answers: sympy's ``latex`` with the site's conventions.

sympy writes a column vector as ``\\left[\\begin{matrix}…\\right]``; the note writes
``\\begin{bmatrix}…\\end{bmatrix}``, so answers use the same form.
"""

from __future__ import annotations

import sympy as sp


def tex(expr: sp.Basic) -> str:
    """LaTeX of ``expr``, matrices as bmatrix.

    >>> tex(sp.Matrix([1, 2]))
    '\\\\begin{bmatrix}1\\\\\\\\2\\\\end{bmatrix}'
    """
    return sp.latex(expr, mat_str="bmatrix", mat_delim="")


def display(latex: str) -> str:
    """A display formula block, as the author writes them."""
    return f"$$\n{latex}\n$$"
