"""TeX of a claim → a claim tree, by extending sympy's Lark LaTeX parser.

Which parser, and why: sympy's own Lark parser (``sympy.parsing.latex.lark``) already reads the
scalar calculus our pages write (fractions, powers, ``\\lim``, ``\\sum``, functions, ``bmatrix``)
and is built to be extended: it takes a grammar file and a transformer class. We append the
matrix-calculus notation it lacks (``grammar.lark``: ``^\\top``, ``\\nabla_x``, norms,
``\\frac{\\partial (Ax)}{\\partial x^\\top}``, ``\\frac{d}{dx}[…]``, chains of ``=``, ``\\implies``,
``\\cdots``, ``cases``) with Lark's ``%extend``/``%override`` and subclass its transformer. The
transformer builds our claim tree instead of a sympy expression, because sympy's transformer
differentiates on the spot, while the numeric check must read the same formula and differentiate
by finite differences. ``latex2sympy2_extended`` was the other candidate; its ANTLR grammar is
generated code that cannot be extended at load time.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import lark
import sympy as sp
from lark import Token
from sympy.parsing.latex.lark import latex_parser
from sympy.parsing.latex.lark.transformer import TransformToSymPyExpr

from .tree import Node, Relation

GRAMMAR_DIR = Path(latex_parser.__file__).parent / "grammar"
EXTENSION = Path(__file__).with_name("grammar.lark")

FUNCTIONS = {
    "sin", "cos", "tan", "exp", "log", "ln", "sqrt", "abs", "sinh", "cosh", "tanh",
}  # fmt: skip
RELATIONS = {"EQUAL": "=", "NOT_EQUAL": "\\ne", "LT": "<", "LTE": "\\le", "GT": ">", "GTE": "\\ge"}

# What the error names when a formula does not parse.
ACCEPTED = (
    "accepted: + - \\cdot, implicit products, \\frac{a}{b}, a^{b}, x^\\top, \\|x\\|, \\|x\\|_2, "
    "\\|X\\|_F, \\nabla_x, \\frac{d}{dx}[…], \\frac{\\partial y}{\\partial x_i}, "
    "\\frac{\\partial (Ax)}{\\partial x^\\top}, D, f'(x), \\sum_{j=1}^{m}, \\cdots, \\lim, "
    "\\sin \\cos \\exp \\ln \\sqrt, bmatrix, cases, a = b = c, P \\implies Q"
)


class ClaimSyntaxError(ValueError):
    """The TeX does not parse: the message names the column, the token and the notation."""


@functools.cache
def _parser() -> lark.Lark:
    grammar = (GRAMMAR_DIR / "latex.lark").read_text(encoding="utf-8")
    grammar += "\n" + EXTENSION.read_text(encoding="utf-8")
    return lark.Lark(
        grammar,
        source_path=str(GRAMMAR_DIR) + "/",
        parser="earley",
        start="latex_string",
        lexer="auto",
        ambiguity="resolve",
        maybe_placeholders=False,
        keep_all_tokens=True,
    )


def parse_claim(tex: str) -> list[Relation]:
    """Every relation the formula states (``a = b,\\quad c = d`` states two).

    >>> parse_claim(r"\\nabla_x (x^\\top x) = 2x")[0].sides[1]
    mul(num(2), sym('x', 0))
    """
    # ``a = b \\quad c = d``: a space between two relations separates them, as a comma does
    # (sympy's grammar drops \\quad as whitespace, which would glue b and c into a product).
    tex = re.sub(r"(?<![,\s])(\s*)(\\q?quad)\b", r",\1\2", tex)
    try:
        tree = _parser().parse(tex)
    except lark.exceptions.UnexpectedInput as error:
        raise ClaimSyntaxError(_describe(tex, error)) from None
    try:
        return ClaimTransformer().transform(tree)
    except lark.exceptions.VisitError as error:
        if isinstance(error.orig_exc, ClaimSyntaxError):
            raise error.orig_exc from None
        # A rule of sympy's grammar that only sympy's own transformer reads (n!, \binom, \int,
        # \sin^2 x, \det): its method got claim nodes instead of sympy expressions.
        raise ClaimSyntaxError(
            f"the notation '{error.rule}' is not supported in claims; {ACCEPTED}"
        ) from None


def _describe(tex: str, error: lark.exceptions.UnexpectedInput) -> str:
    no_relation = False
    if isinstance(error, lark.exceptions.UnexpectedEOF):  # its column is -1
        column, shown = len(tex) + 1, "end of formula"
        # The formula ended where a relation could follow, and it has none.
        no_relation = "EQUAL" in error.expected and "=" not in tex
    else:
        column = getattr(error, "column", None) or getattr(error, "pos_in_stream", 0) + 1
        token = getattr(error, "token", None)
        shown = str(token) if token not in (None, "") else tex[column - 1 : column + 11]
    at = max(0, column - 1)
    hint = "; a claim states an identity, but this formula has no '=' (write a = b)"
    return (
        f"cannot read {shown!r} at column {column} of {tex!r} "
        f"(…{tex[max(0, at - 15) : at]}⟨here⟩{tex[at : at + 15]}…)"
        f"{hint if no_relation else ''}; {ACCEPTED}"
    )


def _nodes(children: list) -> list:  # type: ignore[type-arg]
    return [c for c in children if isinstance(c, (Node, Relation, list))]


def _tokens(children: list) -> list[Token]:  # type: ignore[type-arg]
    return [c for c in children if isinstance(c, Token)]


class ClaimTransformer(TransformToSymPyExpr):
    """sympy's transformer, taught to build claim trees (every rule it meets is overridden)."""

    def __default__(self, data, children, meta):  # type: ignore[no-untyped-def]
        raise ClaimSyntaxError(f"the notation '{data}' is not supported in claims; {ACCEPTED}")

    # --- tokens ---------------------------------------------------------------------------
    def SYMBOL(self, token: Token) -> Node:
        name = str(token)
        return Node("sym", (name.rstrip("'"), len(name) - len(name.rstrip("'"))))

    def LATIN_SYMBOL_WITH_LATIN_SUBSCRIPT(self, token: Token) -> Node:
        base, _, index = str(token).partition("_")
        return Node("elem", (base, index.strip("{}")))

    def GREEK_SYMBOL_WITH_PRIMES(self, token: Token) -> Node:
        name = str(token)
        return Node("sym", (name.rstrip("'").lstrip("\\"), len(name) - len(name.rstrip("'"))))

    def CMD_INFTY(self, token: Token) -> Node:
        return Node("num", (sp.oo,))

    def number(self, children: list) -> Node:  # type: ignore[type-arg]
        return Node("num", (sp.Rational(str(children[0])),))

    def DIGIT(self, token: Token) -> Node:
        return Node("num", (sp.Integer(str(token)),))

    def cdots(self, children: list) -> Node:  # type: ignore[type-arg]
        return Node("dots")

    def bold_symbol(self, children: list) -> Node:  # type: ignore[type-arg]
        return _nodes(children)[0]

    # --- relations ------------------------------------------------------------------------
    def latex_string(self, children: list) -> list[Relation]:  # type: ignore[type-arg]
        return [c for c in children if isinstance(c, Relation)]

    def relation_chain(self, children: list) -> Relation:  # type: ignore[type-arg]
        ops = tuple(RELATIONS[t.type] for t in _tokens(children) if t.type in RELATIONS)
        return Relation(tuple(_nodes(children)), ops)

    def implication(self, children: list) -> Relation:  # type: ignore[type-arg]
        premise, conclusion = [c for c in children if isinstance(c, Relation)]
        return Relation(conclusion.sides, conclusion.ops, (premise,))

    # --- arithmetic -----------------------------------------------------------------------
    def add(self, children: list) -> Node:  # type: ignore[type-arg]
        terms = _nodes(children)
        return terms[0] if len(terms) == 1 else Node("add", tuple(terms))

    def sub(self, children: list) -> Node:  # type: ignore[type-arg]
        terms = _nodes(children)
        if len(terms) == 1:
            return Node("neg", (terms[0],))
        return Node("add", (terms[0], Node("neg", (terms[1],))))

    def mul(self, children: list) -> Node:  # type: ignore[type-arg]
        return Node("mul", tuple(_nodes(children)))

    def adjacent_expressions(self, children: list) -> Node:  # type: ignore[type-arg]
        return Node("mul", tuple(_nodes(children)))

    def div(self, children: list) -> Node:  # type: ignore[type-arg]
        return Node("div", tuple(_nodes(children)))

    def fraction(self, children: list) -> Node:  # type: ignore[type-arg]
        parts = _nodes(children)
        if len(parts) != 2:  # \frac12: both digits are tokens
            parts = [self.DIGIT(t) if t.type == "DIGIT" else self.SYMBOL(t)
                     for t in _tokens(children)[1:]]  # fmt: skip
        return Node("div", tuple(parts))

    def superscript(self, children: list) -> Node:  # type: ignore[type-arg]
        parts = _nodes(children)
        if len(parts) != 2:
            raise ClaimSyntaxError(f"only powers a^{{b}} and x^\\top are supported, not {children}")
        base, exponent = parts
        if base == Node("sym", ("e", 0)):
            return Node("fn", ("exp", exponent))
        return Node("pow", (base, exponent))

    def transpose(self, children: list) -> Node:  # type: ignore[type-arg]
        return Node("T", (_nodes(children)[0],))

    def norm(self, children: list) -> Node:  # type: ignore[type-arg]
        inner = _nodes(children)
        subscript = [str(t) for t in _tokens(children) if t.type in ("DIGIT", "SYMBOL")]
        if len(inner) > 1:  # the subscript arrived as a node
            sub = inner[1]
            subscript = [str(sub.args[0])]
        kind = subscript[0] if subscript else "2"
        if kind not in ("2", "F"):
            raise ClaimSyntaxError(
                f"unknown norm \\|·\\|_{kind}: use \\|x\\|, \\|x\\|_2 or \\|X\\|_F"
            )
        return Node("norm", (inner[0], kind))

    def group_round_parentheses(self, children: list) -> Node:  # type: ignore[type-arg]
        return _nodes(children)[0]

    group_square_brackets = group_round_parentheses
    group_curly_parentheses = group_round_parentheses

    # --- functions ------------------------------------------------------------------------
    def list_of_expressions(self, children: list) -> list:  # type: ignore[type-arg]
        return _nodes(children)

    def function_applied(self, children: list) -> Node:  # type: ignore[type-arg]
        head, args = _nodes(children)
        if head.op != "sym":
            raise ClaimSyntaxError(f"cannot apply {head} as a function")
        return Node("call", (head.args[0], head.args[1], tuple(args)))

    def _fn(name: str):  # type: ignore[no-untyped-def]
        def rule(self, children: list) -> Node:  # type: ignore[type-arg]
            return Node("fn", (name, _nodes(children)[-1]))

        return rule

    sin, cos, tan = _fn("sin"), _fn("cos"), _fn("tan")
    sinh, cosh, tanh = _fn("sinh"), _fn("cosh"), _fn("tanh")
    exponential, abs = _fn("exp"), _fn("abs")

    def log(self, children: list) -> Node:  # type: ignore[type-arg]
        if any(t.type == "UNDERSCORE" for t in _tokens(children)):
            raise ClaimSyntaxError("write \\ln x or \\log x (natural logarithm), not \\log_b x")
        return Node("fn", ("ln", _nodes(children)[-1]))

    def square_root(self, children: list) -> Node:  # type: ignore[type-arg]
        parts = _nodes(children)
        if len(parts) != 1:
            raise ClaimSyntaxError("only square roots \\sqrt{…} are supported")
        return Node("fn", ("sqrt", parts[0]))

    # --- calculus -------------------------------------------------------------------------
    def gradient(self, children: list) -> Node:  # type: ignore[type-arg]
        parts = _nodes(children)
        variable = parts[0] if len(parts) == 2 else None
        return Node("grad", (variable, parts[-1]))

    def diff_operator(self, children: list) -> Node:  # type: ignore[type-arg]
        variable, expression = _nodes(children)
        return _derivative(variable, expression)

    def diff_fraction(self, children: list) -> Node:  # type: ignore[type-arg]
        expression, variable = _nodes(children)
        return _derivative(variable, expression)

    def summation(self, children: list) -> Node:  # type: ignore[type-arg]
        (index, low, high), body = _nodes(children)
        if index.op != "sym":
            raise ClaimSyntaxError(f"a sum runs over a plain index such as j, not {index}")
        return Node("sum", (index.args[0], low, high, body))

    def group_curly_parentheses_special(self, children: list) -> list:  # type: ignore[type-arg]
        return _nodes(children)

    def limit(self, children: list) -> Node:  # type: ignore[type-arg]
        (variable, to), expression = _nodes(children)
        return Node("limit", (variable.args[0], to, expression))

    def group_curly_parentheses_lim(self, children: list) -> list:  # type: ignore[type-arg]
        return _nodes(children)

    # --- matrices and cases -----------------------------------------------------------------
    def matrix(self, children: list) -> Node:  # type: ignore[type-arg]
        return Node("matrix", tuple(_nodes(children)[0]))

    def matrix_body(self, children: list) -> list:  # type: ignore[type-arg]
        return [tuple(row) for row in _nodes(children)]

    def matrix_row(self, children: list) -> list:  # type: ignore[type-arg]
        return _nodes(children)

    def cases(self, children: list) -> Node:  # type: ignore[type-arg]
        return Node("cases", tuple(c for c in children if isinstance(c, tuple)))

    def case_row(self, children: list) -> tuple:  # type: ignore[type-arg]
        parts = [c for c in children if isinstance(c, (Node, Relation))]
        if any(isinstance(c, Token) and c.type == "UNDEFINED_VALUE" for c in children):
            text = next(
                str(c) for c in children if isinstance(c, Token) and c.type == "UNDEFINED_VALUE"
            )
            parts.insert(0, Node("undefined", (text.strip(),)))
        return (parts[0], parts[1] if len(parts) > 1 else None)


def _derivative(variable: Node, expression: Node) -> Node:
    """∂e/∂v (denominator layout, like ∇) or ∂e/∂vᵀ (the Jacobian, its transpose)."""
    if variable.op == "T":
        return Node("T", (Node("grad", (variable.args[0], expression)),))
    return Node("grad", (variable, expression))
