"""练习: the answers to exercises 1–4, computed with sympy and written out as LaTeX."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from _artifacts import save_markdown
from _latex import display, tex

x = sp.symbols("x")
x1, x2, x3 = sp.symbols("x_1 x_2 x_3", real=True)
a, b = sp.symbols("a b")

EX1 = x**3 - 1 / x
EX2_TEXTBOOK = 3 * x1**2 + 5 * sp.exp(x2)
EX2_NOTE = 3 * x1**2 + 5 * sp.exp(x2**2)
VECTOR = sp.Matrix([x1, x2, x3])


def gradient(f: sp.Expr, variables: sp.Matrix) -> sp.Matrix:
    """Column of partial derivatives (the site's denominator layout).

    >>> gradient(EX2_TEXTBOOK, sp.Matrix([x1, x2])).T
    Matrix([[6*x_1, 5*exp(x_2)]])
    """
    return sp.Matrix([sp.diff(f, v) for v in variables])


def exercise1() -> str:
    """
    >>> "=4 x - 4" in exercise1()
    True
    """
    slope = sp.diff(EX1, x)
    line = sp.expand(EX1.subs(x, 1) + slope.subs(x, 1) * (x - 1))
    # Each formula is then verified from its TeX by the build (scripts/build/claims).
    claim = f"<!-- md:claim given f(x) = {tex(EX1)} where x: scalar positive; f: function -->"
    tangent = claim.replace(" where", "; y = f(1) + f'(1)(x-1) where")
    return "\n".join(
        [
            display(f"f'(x)={tex(slope)}"),
            claim,
            display(f"f(1)={tex(EX1.subs(x, 1))},\\quad f'(1)={tex(slope.subs(x, 1))}"),
            claim,
            "切线方程：",
            display(f"y=f(1)+f'(1)(x-1)={tex(line)}"),
            tangent,
        ]
    )


def exercise2() -> str:
    """Both statements: the textbook's 5e^{x₂} and the note's 5e^{x₂²}."""
    parts = []
    for title, f in (("教材的题目", EX2_TEXTBOOK), ("笔记的题目", EX2_NOTE)):
        grad = gradient(f, sp.Matrix([x1, x2]))
        body = display(f"\\nabla_{{\\mathbf{{x}}}} f(\\mathbf{{x}}) = {tex(grad)}")
        body += (
            f"\n<!-- md:claim given f(\\mathbf{{x}}) = {tex(f)} where x: vector 2; f: function -->"
        )
        parts.append(f'=== "{title}：$f(\\mathbf{{x}})={tex(f)}$"\n\n' + _indent(body))
    return "\n\n".join(parts)


def norm_gradient() -> sp.Matrix:
    """The gradient of ‖x‖₂ for x ∈ ℝ³, as sympy differentiates it.

    >>> sp.simplify(norm_gradient() - VECTOR / VECTOR.norm())
    Matrix([
    [0],
    [0],
    [0]])
    """
    return gradient(VECTOR.norm(), VECTOR)


def one_sided_slopes_at_zero() -> tuple[sp.Expr, sp.Expr]:
    """Slopes of ‖x‖₂ at 0 along e₁ from the right and from the left: they differ.

    >>> one_sided_slopes_at_zero()
    (1, -1)
    """
    t = sp.symbols("t", real=True)
    along = sp.Matrix([t, 0, 0]).norm() / t
    return sp.limit(along, t, 0, "+"), sp.limit(along, t, 0, "-")


def exercise3() -> str:
    right, left = one_sided_slopes_at_zero()
    norm = r"\|\mathbf{x}\|_2"
    return "\n".join(
        [
            f"以 $\\mathbf{{x}}\\in\\mathbb{{R}}^3$ 为例，sympy 逐个分量求导得到 $\\nabla_{{\\mathbf{{x}}}}{norm}={tex(norm_gradient())}$，也就是：",
            display(
                f"\\nabla_{{\\mathbf{{x}}}}{norm}=\n\\begin{{cases}}\n"
                f"\\dfrac{{\\mathbf{{x}}}}{{{norm}}}, & \\mathbf{{x}}\\neq \\mathbf{{0}},\\\\[6pt]\n"
                f"\\text{{未定义（次梯度为 }}\\{{\\mathbf{{g}}:\\|\\mathbf{{g}}\\|_2\\le 1\\}}\\text{{）}}, "
                f"& \\mathbf{{x}}=\\mathbf{{0}}.\n\\end{{cases}}"
            ),
            "<!-- md:claim where x: vector -->",
            f"在 $\\mathbf{{x}}=\\mathbf{{0}}$ 处沿 $\\mathbf{{e}}_1$ 的右导数是 ${tex(right)}$、左导数是 ${tex(left)}$，"
            "两者不等，所以梯度不存在。",
        ]
    )


def exercise4() -> tuple[sp.Expr, sp.Expr]:
    """∂u/∂a and ∂u/∂b for u = f(x(a, b), y(a, b), z(a, b)), differentiated by sympy."""
    inner = [sp.Function(name)(a, b) for name in ("x", "y", "z")]
    u = sp.Function("f")(*inner)
    return sp.diff(u, a), sp.diff(u, b)


def chain_rule_tex(derivative: sp.Expr, var: sp.Symbol) -> str:
    """Write sympy's result in the ∂f/∂x · ∂x/∂a notation, term by term in x, y, z order.

    >>> chain_rule_tex(exercise4()[0], a).count("+")
    2
    """
    terms = []
    for term in sp.Add.make_args(derivative):
        by_name = {d.expr.func.__name__: d for d in term.atoms(sp.Derivative)}
        outer = by_name.pop("f")
        (name, inner), *rest = by_name.items()
        # Each term must be ∂f/∂name · ∂name/∂var, nothing else.
        if rest or outer.variables != (inner.expr,) or inner.variables != (var,):
            raise ValueError(f"unexpected term of the chain rule: {term}")
        partials = f"\\frac{{\\partial f}}{{\\partial {name}}}\\frac{{\\partial {name}}}{{\\partial {var}}}"
        terms.append((name, partials))
    if sorted(name for name, _ in terms) != ["x", "y", "z"]:
        raise ValueError(f"unexpected derivative: {derivative}")
    return "\n+".join(latex for _, latex in sorted(terms))


def exercise4_markdown() -> str:
    du_da, du_db = exercise4()
    # u = f(x, y, z) with x, y, z functions of a and b: arbitrary functions for the check.
    claim = (
        "<!-- md:claim given u = f where f: scalar of x y z; x: scalar of a b; "
        "y: scalar of a b; z: scalar of a b; a: scalar; b: scalar -->"
    )
    return "\n".join(
        display(f"\\frac{{\\partial u}}{{\\partial {var}}}\n={chain_rule_tex(d, var)}")
        + "\n"
        + claim
        for d, var in ((du_da, a), (du_db, b))
    )


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.split("\n"))


def build(out: Path) -> None:
    save_markdown(out, "ex1", exercise1())
    save_markdown(out, "ex2", exercise2())
    save_markdown(out, "ex3", exercise3())
    save_markdown(out, "ex4", exercise4_markdown())
