"""Claims from TeX, bad input: every mistake stops a real strict build at FILE:LINE with its reason.

Each test builds a fixture site (the project's config, one page) with its own claim cache, and
checks three things: the build fails, the message names the page's line of the claim directive
(computed from the page text) and the reason, and no verdict for the bad claim was cached (only
true verdicts are stored, so a fixed page is checked afresh).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scripts.build.claims.symbols import KINDS
from tests.sitebuild import build_fixture

DIRECTIVE = "<!-- md:claim"


def _page(symbols: str, body: str) -> str:
    return f"---\nsymbols: {symbols}\n---\n# 页\n\n正文。\n\n{body}\n"


def _display(tex: str, directive: str = "<!-- md:claim -->") -> str:
    return f"$$\n{tex}\n$$\n{directive}"


def _line(text: str, marker: str = DIRECTIVE) -> int:
    """1-based line of the first line of ``text`` that contains ``marker``."""
    numbers = [k for k, line in enumerate(text.split("\n"), start=1) if marker in line]
    assert numbers, f"{marker!r} is not on the page"
    return numbers[0]


def _build(tmp: Path, text: str):  # type: ignore[no-untyped-def]
    return build_fixture(tmp, {"claim.md": text}, env={"BUILD_CACHE_DIR": str(tmp / "cache")})


def _cached(tmp: Path) -> list[dict]:  # type: ignore[type-arg]
    """The verdicts in the fixture's claim cache."""
    files = sorted((tmp / "cache" / "claims").glob("*.json"))
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def _fails(tmp: Path, text: str, line: int, *reasons: str) -> str:
    """Build ``text``: it must fail at ``claim.md:line`` with every reason; returns stderr."""
    result = _build(tmp, text)
    assert result.returncode != 0, result.stdout + result.stderr
    error = result.stderr
    assert f"docs/claim.md:{line}: " in error, error
    for reason in reasons:
        assert reason in error, f"{reason!r} not in:\n{error}"
    assert "Traceback" not in error, error
    return error


def _html(tmp: Path) -> str:
    return (tmp / "site" / "claim" / "index.html").read_text(encoding="utf-8")


# --- 1. TeX that does not parse ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("tex", "bad"),
    [
        ("\\nabla_x (x^\\top A x = 2x", "= 2x"),  # an unclosed parenthesis
        ("x \\foo y = 1", "\\foo"),  # an unknown command
    ],
)
def test_tex_that_does_not_parse(tmp_path: Path, tex: str, bad: str) -> None:
    text = _page("{x: vector, A: matrix, y: scalar}", _display(tex))
    column = tex.index(bad) + 1
    _fails(
        tmp_path, text, _line(text),
        "does not parse", f"at column {column} of", f"⟨here⟩{tex[column - 1 :][:15]}",
        "accepted:", "\\nabla_x", f"formula: {tex}",
    )  # fmt: skip
    assert _cached(tmp_path) == []


def test_sympy_notation_the_checker_does_not_read_is_named(tmp_path: Path) -> None:
    """sympy's grammar reads \\sin^2 x, but only its own transformer knows the rule: the build
    names the notation (it used to end with a SympifyError traceback naming no claim)."""
    tex = "\\sin^2 x = \\sin x \\sin x"
    text = _page("{x: scalar}", _display(tex))
    _fails(
        tmp_path, text, _line(text),
        "does not parse", "the notation 'sin_power' is not supported", "accepted:",
    )  # fmt: skip
    assert _cached(tmp_path) == []


# --- 2. an undeclared symbol ------------------------------------------------------------------


def test_undeclared_symbol(tmp_path: Path) -> None:
    tex = "\\nabla_x (x^\\top B x) = (B + B^\\top)x"
    text = _page("{x: vector}", _display(tex))
    _fails(
        tmp_path, text, _line(text),
        "undeclared symbol 'B'", "symbols: {B: scalar}", "declared: x: vector",
    )  # fmt: skip
    assert _cached(tmp_path) == []


# --- 3. shapes that do not fit ----------------------------------------------------------------


def test_shape_mismatch(tmp_path: Path) -> None:
    tex = "\\nabla_x (A x) = A^\\top"
    text = _page("{x: vector}", _display(tex, "<!-- md:claim where A: matrix 3 3; x: vector 2 -->"))
    _fails(
        tmp_path, text, _line(text),
        "shape mismatch", "cannot multiply A (3 × 3) by x (column of 2 entries)",
    )  # fmt: skip
    assert _cached(tmp_path) == []


# --- 4. no identity to check ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tex", "kind"),
    [
        ("x^\\top x > 0", "cannot check this claim"),  # a relation, but not an identity
        ("2x", "does not parse"),  # no relation at all: the grammar wants one
    ],
)
def test_claim_without_equals(tmp_path: Path, tex: str, kind: str) -> None:
    text = _page("{x: vector}", _display(tex))
    error = _fails(tmp_path, text, _line(text), kind, "no '='")
    assert "column -1" not in error  # the end of the formula is named by its real column
    assert _cached(tmp_path) == []


# --- 5. a directive with no formula above -----------------------------------------------------


def test_claim_after_a_paragraph(tmp_path: Path) -> None:
    text = _page("{x: vector}", "$$\nx = x\n$$\n\n一段话，不是公式。\n<!-- md:claim -->")
    _fails(tmp_path, text, _line(text), "md:claim must follow a display formula")
    assert _cached(tmp_path) == []


# --- 6. a false claim -------------------------------------------------------------------------

FALSE = "\\nabla_x (x^\\top A x) = (A - A^\\top)x"
TRUE = "\\nabla_x (x^\\top A x) = (A + A^\\top)x"


def test_false_claim_has_a_counterexample(tmp_path: Path) -> None:
    text = _page("{x: vector, A: matrix}", _display(FALSE))
    error = _fails(
        tmp_path, text, _line(text),
        f"false claim: {FALSE}",
        # How sympy prints the reading: ∇ₓ as ∂/∂x, the grouping of the right side kept.
        "read as: \\frac{\\partial}{\\partial x} x^{T} A x = \\left(A - A^{T}\\right) x",
        "symbolic (sympy): fails", "counterexample: ", '"inputs": {',
    )  # fmt: skip
    example = json.loads(re.search(r"counterexample: (\{.*\})$", error, re.M)[1])  # type: ignore[index]
    n = example["sizes"]["n"]
    assert len(example["inputs"]["x"]) == n and len(example["inputs"]["A"]) == n
    assert example["left"] != example["right"]
    assert _cached(tmp_path) == []


# --- 7. a bad symbol spec ---------------------------------------------------------------------


def test_bad_front_matter_spec(tmp_path: Path) -> None:
    text = _page("{x: tensor}", _display("x + x = 2x"))
    _fails(
        tmp_path, text, _line(text, "symbols:"),
        "front matter", "x: 'tensor'", f"one of {', '.join(KINDS)}",
    )  # fmt: skip
    assert _cached(tmp_path) == []


def test_front_matter_symbols_not_a_mapping(tmp_path: Path) -> None:
    """``symbols: [x]`` used to crash the build with an AttributeError traceback."""
    text = _page("[x, A]", _display("x + x = 2x"))
    _fails(tmp_path, text, _line(text, "symbols:"), "front matter", "write NAME: SPEC pairs")
    assert _cached(tmp_path) == []


def test_bad_where_spec(tmp_path: Path) -> None:
    text = _page("{x: vector}", _display("x + x = 2x", "<!-- md:claim where x: tensor -->"))
    _fails(tmp_path, text, _line(text), "x: 'tensor'", f"one of {', '.join(KINDS)}")
    assert _cached(tmp_path) == []


# --- 8. no stale verdict ----------------------------------------------------------------------


def test_fixed_claim_is_checked_afresh_and_a_broken_one_is_not_served(tmp_path: Path) -> None:
    """False (fails, nothing cached) → fixed (passes, its true verdict cached) → broken again
    with the same cache (fails: the cached true verdict is not the broken formula's)."""
    false_page = _page("{x: vector, A: matrix}", _display(FALSE))
    _fails(tmp_path, false_page, _line(false_page), "false claim")
    assert _cached(tmp_path) == []

    true_page = false_page.replace(FALSE, TRUE)
    result = _build(tmp_path, true_page)
    assert result.returncode == 0, result.stderr
    mark = re.search(r'<details class="claim-check"[^>]*>.*?</details>', _html(tmp_path), re.S)
    assert mark and "机器的读法" in mark[0] and "构建时已验证" in mark[0]
    assert [(v["tex"], v["ok"]) for v in _cached(tmp_path)] == [(TRUE, True)]

    _fails(tmp_path, false_page, _line(false_page), "false claim", "counterexample")
    assert [v["tex"] for v in _cached(tmp_path)] == [TRUE]


# --- inline claims and tables -----------------------------------------------------------------

TABLE = """| 表达式 | 梯度结果 |
|---|---|
| $A x$ | $A^\\top$ |
| $x^\\top x$ | $2x$ |
<!-- md:claim-table \\nabla({表达式}) = {梯度结果} -->"""


def test_inline_and_table_claims_show_their_marks(tmp_path: Path) -> None:
    inline = "导数在 1 处为 $f'(1)=2$<!-- md:claim given f(x) = 3x^2 - 4x -->。"
    text = _page("{x: vector, A: matrix}", f"{inline}\n\n{TABLE}")
    result = _build(tmp_path, text)
    assert result.returncode == 0, result.stderr
    html = _html(tmp_path)
    assert html.count('class="claim-inline"') == 1
    marks = re.findall(r'<details class="claim-check"[^>]*>.*?</details>', html, re.S)
    assert len(marks) == 1 and "表中 2 个等式构建时已验证" in marks[0], marks
    assert "md:claim" not in html
    assert sorted(v["tex"] for v in _cached(tmp_path)) == sorted(
        ["f'(1)=2", "\\nabla(A x) = A^\\top", "\\nabla(x^\\top x) = 2x"]
    )


def test_wrong_table_row_names_its_line(tmp_path: Path) -> None:
    text = _page("{x: vector, A: matrix}", TABLE.replace("$2x$", "$3x$"))
    _fails(
        tmp_path, text, _line(text, "$3x$"),
        "false claim: \\nabla(x^\\top x) = 3x", "counterexample",
    )  # fmt: skip
    # The true row is cached; the wrong one is not.
    assert [v["tex"] for v in _cached(tmp_path)] == ["\\nabla(A x) = A^\\top"]
