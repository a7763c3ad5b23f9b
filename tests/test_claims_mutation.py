"""Mutation tests: every verified formula of the site, broken on purpose, must stop the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.dev.claim_mutants import EQUIVALENT, Report, mutants_of, run, site_claims
from tests.sitebuild import ROOT, build_fixture


@pytest.fixture(scope="module")
def report() -> Report:
    claims = site_claims()
    assert len(claims) >= 30, "the site's claims were not collected"
    mutants = [m for claim in claims for m in mutants_of(claim)]
    found = run(mutants)
    print(found.text())
    return found


def test_every_meaning_changing_mutant_is_killed(report: Report) -> None:
    assert report.survived == [], report.text()
    assert report.score == 1.0
    killed = {m.operator for m, _ in report.killed}
    assert killed >= {"flip sign", "drop transpose", "add transpose", "change number", "+ ↔ ·"}
    # Swapping the factors of a matrix product on these pages always breaks the formula (A x →
    # x A is a shape mismatch, x(A + A^\top) applies a vector): each such mutant stops the
    # build with that reason and is counted apart, never among the survivors.
    swapped = [m for m, _ in report.ill_formed if m.operator == "swap product"]
    assert swapped
    assert not [m for m in report.survived if m.operator == "swap product"]


def test_every_kill_comes_with_a_counterexample_with_numbers(report: Report) -> None:
    for mutant, result in report.killed:
        example = result["verdict"]["counterexample"]
        numbers = example.get("inputs") is not None or "left − right" in example
        assert numbers, (mutant, example)


def test_the_equivalent_list_holds_only_real_survivors(report: Report) -> None:
    # An entry the checker kills (or that no longer exists) must leave the list.
    met = {(m.original, m.tex) for m, _ in report.equivalent}
    assert met == set(EQUIVALENT), set(EQUIVALENT) - met


def test_ill_formed_mutants_stop_the_build_with_a_named_reason(report: Report) -> None:
    for mutant, result in report.ill_formed:
        assert result["error"]["kind"] in (
            "shape mismatch",
            "TeX that does not parse",
            "symbols",
            "no identity",
        )
        assert result["error"]["message"], mutant


def _site_pages(replace: tuple[str, str]) -> dict[str, str]:
    pages = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        if page.name == "gradient.md":
            assert replace[0] in text
            text = text.replace(replace[0], replace[1])
        pages[str(page.relative_to(ROOT / "docs"))] = text
    return pages


@pytest.mark.parametrize(
    ("original", "mutant", "line"),
    [
        ("= (A + A^\\top)x\n$$", "= (A - A^\\top)x\n$$", 58),
        ("\\nabla_x (x^\\top x) = 2x", "\\nabla_x (x^\\top x) = 3x", 75),
    ],
)
def test_the_issue_mutants_stop_a_real_build(
    tmp_path: Path, original: str, mutant: str, line: int
) -> None:
    result = build_fixture(tmp_path, _site_pages((original, mutant)))
    assert result.returncode != 0
    assert f"docs/gradient.md:{line}: false claim:" in result.stderr, result.stderr
    assert mutant.split("\n")[0].strip("= ") in result.stderr
    assert re.search(r'counterexample: .*"inputs": \{"[Ax]": \[\[', result.stderr), result.stderr
