"""Claims: a true claim shows its mark; a false one stops the build with a counterexample."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.sitebuild import ROOT, build_fixture

CHECK = """
from pathlib import Path
import numpy as np
import sympy as sp
from _check import gradient, numeric_gradient, verify

x = sp.Matrix(sp.symbols("x1:4"))
A = sp.Matrix(3, 3, sp.symbols("a1:10"))


def build(out: Path) -> None:
    def numeric(rng):
        a, v = rng.standard_normal((3, 3)), rng.standard_normal(3)
        return numeric_gradient(lambda z: a @ z, v), {claimed}, {{"A": a, "x": v}}

    verify(out, "grad_ax", "∇ₓ(Ax) = {text}", lambda: gradient(A * x, x) - {symbolic}, numeric, size="n = 3")
"""
PAGE = "# 声明\n\n正文\n$$\n\\nabla_x (Ax) = {text}\n$$\n<!-- md:claim layout#grad_ax -->\n"


def _build(tmp: Path, claimed: str, symbolic: str, text: str):  # type: ignore[no-untyped-def]
    snippets = tmp / "snippets"
    snippets.mkdir()
    for helper in ("_artifacts.py", "_check.py"):
        shutil.copy(ROOT / "snippets" / helper, snippets / helper)
    source = CHECK.format(claimed=claimed, symbolic=symbolic, text=text)
    (snippets / "layout.py").write_text(source, encoding="utf-8")
    env = {"SNIPPETS_DIR": str(snippets), "BUILD_CACHE_DIR": str(tmp / "cache")}
    tex = "A^\\top" if text == "Aᵀ" else "A"
    return build_fixture(tmp, {"claim.md": PAGE.format(text=tex)}, env=env)


def test_true_claim_shows_its_mark(tmp_path: Path) -> None:
    result = _build(tmp_path, "a.T", "A.T", "Aᵀ")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "claim" / "index.html").read_text(encoding="utf-8")
    mark = re.search(r'<details class="claim-check"[^>]*>.*?</details>', html, re.S)
    assert mark and "构建时已验证" in mark[0]
    assert "central differences" in mark[0] and "随机种子 0" in mark[0] and "sympy" in mark[0]


def test_false_claim_stops_the_build_with_a_counterexample(tmp_path: Path) -> None:
    result = _build(tmp_path, "a", "A", "A")
    assert result.returncode != 0
    assert "claim.md:7: false claim '∇ₓ(Ax) = A'" in result.stderr, result.stderr
    assert "counterexample" in result.stderr and '"A": [[' in result.stderr
    assert "finite_differences" in result.stderr
