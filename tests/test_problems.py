"""Practice problems: sympy solves each one in the build; bad author input stops the build.

The unit tests call the solver the build runs (``solve_job``) on the kinds of problem the pages
pose, and check the answer and the derived mistakes by value, not by text; the fixture builds
check that each kind of bad block stops a real strict build at its file:line, and that a good
block gives the box contract the browser code relies on.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp

from scripts.build.problems import mistakes
from scripts.build.problems.source import ProblemSourceError, find_problems
from scripts.build.problems.worker import solve_job
from tests.sitebuild import build_fixture

SCALAR = {"x": "scalar"}
VECTORS = {"x": "vector", "A": "matrix"}


def _solve(ask: str, symbols: dict[str, str], given: tuple[str, ...] = (),
           wrong: tuple[tuple[str, str], ...] = (), reveal: bool = True) -> dict[str, Any]:  # fmt: skip
    job = {"id": "t", "ask": ask, "given": list(given), "symbols": symbols,
           "mistakes": [list(m) for m in wrong], "reveal": reveal}  # fmt: skip
    return solve_job(job)


def _at_points(result: dict[str, Any], f: Any) -> list[Any]:
    """``f(scope)`` (numpy) at every sample point of the problem."""
    return [f({k: np.array(v, dtype=float) for k, v in p["scope"].items()})
            for p in result["data"]["points"]]  # fmt: skip


def _close(values: list[Any], expected: list[Any]) -> bool:
    return all(np.allclose(np.array(a, dtype=float), np.array(b, dtype=float), rtol=1e-6)
               for a, b in zip(values, expected, strict=True))  # fmt: skip


def _hints(result: dict[str, Any], f: Any) -> list[str]:
    """The hints of the derived mistakes equal to ``f`` at every point."""
    target = _at_points(result, f)
    return [m["hint"] for m in result["data"]["mistakes"] if _close(m["values"], target)]


def test_scalar_answer_values_and_the_usual_slips() -> None:
    result = _solve("f'(x)", SCALAR | {"f": "function"}, ("f(x) = x^3 - \\frac{1}{x}",))
    assert result["answer_tex"] == "3 x^{2} + \\frac{1}{x^{2}}"
    values = [p["value"] for p in result["data"]["points"]]
    assert _close(values, _at_points(result, lambda s: 3 * s["x"] ** 2 + 1 / s["x"] ** 2))
    assert all(0.5 <= abs(p["scope"]["x"]) <= 2.5 for p in result["data"]["points"])
    assert len(values) == 5
    assert mistakes.SIGN in _hints(result, lambda s: 3 * s["x"] ** 2 - 1 / s["x"] ** 2)


def test_chain_rule_problem_knows_the_forgotten_inner_derivative() -> None:
    result = _solve("\\frac{d}{dx}[e^{-x^2}]", SCALAR)
    assert mistakes.INNER in _hints(result, lambda s: np.exp(-(s["x"] ** 2)))
    assert mistakes.SIGN in _hints(result, lambda s: 2 * s["x"] * np.exp(-(s["x"] ** 2)))


def test_quadratic_form_gradient_is_a_column_for_every_size_with_its_transpose_slips() -> None:
    result = _solve("\\nabla_x (x^\\top A x)", VECTORS)
    assert result["answer_tex"] == "A x + A^\\top x"
    data = result["data"]
    assert data["expected"]["shape"] == "column"
    assert sorted({len(p["scope"]["x"]) for p in data["points"]}) == [2, 3, 4]
    right = _at_points(result, lambda s: (s["A"] + s["A"].T) @ s["x"])
    assert _close([p["value"] for p in data["points"]], right)
    assert mistakes.SYMMETRIC in _hints(result, lambda s: 2 * s["A"] @ s["x"])
    assert mistakes.TRANSPOSE in _hints(result, lambda s: 2 * s["A"].T @ s["x"])
    assert mistakes.ONE_TERM in _hints(result, lambda s: s["A"] @ s["x"])


def test_norm_problems_know_the_square_forgotten_and_kept() -> None:
    squared = _solve("\\nabla_x \\|A x\\|^2", VECTORS)
    assert squared["answer_tex"] == "2 A^\\top A x"
    assert mistakes.INNER in _hints(squared, lambda s: 2 * s["A"] @ s["x"])
    plain = _solve("\\nabla_x \\|x\\|_2", {"x": "vector"}, reveal=False)
    assert plain["answer_tex"] is None  # no closed form here: 练习 shows its own answer
    assert mistakes.NORM_KEPT in _hints(plain, lambda s: 2 * s["x"])


def test_fixed_size_gradient_offers_the_entries_as_names() -> None:
    result = _solve("\\nabla_{\\mathbf{x}} f(\\mathbf{x})", {"x": "vector 2", "f": "function"},
                    ("f(\\mathbf{x}) = 3x_1^2 + 5e^{x_2}",))  # fmt: skip
    assert result["data"]["names"] == {"x": "vector", "x_1": "scalar", "x_2": "scalar"}
    assert result["answer_tex"] == "\\begin{bmatrix}6 x_{1}\\\\5 e^{x_{2}}\\end{bmatrix}"


def test_same_problem_gives_the_same_points() -> None:
    assert _solve("\\frac{d}{dx}[x^2]", SCALAR) == _solve("\\frac{d}{dx}[x^2]", SCALAR)


def test_naive_diff_forgets_only_the_inner_derivative() -> None:
    x = sp.Symbol("x")
    assert mistakes.naive_diff(sp.sin(x**2), x) == sp.cos(x**2)
    assert mistakes.naive_diff(x**2 * sp.exp(x), x) == sp.diff(x**2 * sp.exp(x), x)


@pytest.mark.parametrize(
    ("block", "line", "reason"),
    [
        ("<!-- md:problem a\nask: x\nhint: y\n-->", 3, "expected one of ask, given"),
        ("<!-- md:problem a\ngiven: x = 1\n-->", 1, "'ask: TEX' (what to compute) is missing"),
        ("<!-- md:problem a\nask: x", 1, "no '-->' closes the block"),
        ("<!-- md:problem A_1\nask: x\n-->", 1, "needs an id of lowercase letters"),
        ("<!-- md:problem a\nask: x\nmistake: 2x\n-->", 1, "write 'mistake: TEX | 提示'"),
        ("<!-- md:problem a\nask: x\n-->\n<!-- md:problem a\nask: x\n-->", 4, "already used"),
    ],
)
def test_malformed_block_names_its_line(block: str, line: int, reason: str) -> None:
    with pytest.raises(ProblemSourceError) as error:
        find_problems(block)
    assert error.value.line == line
    assert reason in str(error.value)


def _page(block: str) -> str:
    return f"---\nsymbols: {{x: scalar}}\n---\n# 页\n\n求导数。\n\n{block}\n"


def _build(tmp: Path, text: str):  # type: ignore[no-untyped-def]
    return build_fixture(tmp, {"page.md": text}, env={"BUILD_CACHE_DIR": str(tmp / "cache")})


@pytest.mark.parametrize(
    ("block", "reason"),
    [
        ("<!-- md:problem p\nask: \\ln(-x^2 - 1)\n-->", "has no finite value at the sample points"),
        ("<!-- md:problem p\nask: \\frac{d}{dx}[q(x)]\n-->", "undeclared symbol 'q'"),
        ("<!-- md:problem p\nask: \\frac{d}{dx}[x^2\n-->", "TeX that does not parse"),
        (
            "<!-- md:problem p\nask: \\frac{d}{dx}[x^2]\nmistake: x + x | 错\n-->",
            "equals the right answer at every sample point",
        ),
    ],
    ids=["not-finite", "undeclared", "unparsable", "equivalent-mistake"],
)
def test_problem_that_cannot_be_posed_stops_the_build(tmp_path: Path, block: str,
                                                      reason: str) -> None:  # fmt: skip
    text = _page(block)
    result = _build(tmp_path, text)
    assert result.returncode != 0
    line = text.split("\n").index("<!-- md:problem p") + 1
    assert f"docs/page.md:{line}: problem p" in result.stderr, result.stderr
    assert reason in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "cache" / "problems").glob("*.json"))  # nothing stale kept


def test_box_contract_and_verified_reveal(tmp_path: Path) -> None:
    text = _page("<!-- md:problem square\nask: \\frac{d}{dx}[x^2]\n-->")
    result = _build(tmp_path, text)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "page" / "index.html").read_text(encoding="utf-8")
    form = re.search(r'<form class="answer-check" data-answer-id="square"[^>]*>.*?</form>',
                     page, re.S)  # fmt: skip
    assert form and " hidden" not in form[0].split(">")[0]  # shown by CSS unless no-js
    assert '<label for="answer-square">' in form[0] and 'id="answer-square"' in form[0]
    assert '<button type="submit">' in form[0] and 'aria-live="polite"' in form[0]
    data = json.loads(html.unescape(re.search(r'data-answer="([^"]*)"', form[0])[1]))
    assert [p["value"] for p in data["points"]] == [2 * p["scope"]["x"] for p in data["points"]]
    reveal = page[form.end() :]
    assert "答案（由 sympy 在构建时算出）" in reveal and "claim-check" in reveal
