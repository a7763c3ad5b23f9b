"""No false verdicts: sympy writes each answer in other equivalent forms and breaks it on purpose.

For every problem of the site whose answer sympy holds in closed form, the answer is rewritten
(expanded, factored, simplified, over one denominator, terms and factors reordered, and as
LaTeX), printed in the syntax a reader types, and judged by the browser's own checker
(``js/core.js`` through ``judge-cli.mjs``, in node) against the sample values the built page
embeds: every form must be ``correct``. Then the answer's mutants (the derived mistakes, a
coefficient doubled, a term added, the sign of the whole) must not be: a derived mistake must be
told ``wrong`` with its own hint.
"""

from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import sympy as sp
from mkdocs.utils.meta import get_data

from scripts.build.problems.compute import solution
from scripts.build.problems.mistakes import answer_slips
from scripts.build.problems.source import find_problems
from tests.sitebuild import ROOT

JUDGE = ROOT / "scripts" / "build" / "problems" / "js" / "judge-cli.mjs"
DATA_RE = re.compile(r'data-answer-id="(?P<id>[^"]+)" data-answer="(?P<json>[^"]*)"')


def typed(value: Any) -> str:
    """A sympy value as a reader would type it: ``3*x**2 + x**(-2)``, ``[a; b]``, ``A'*x``."""
    if isinstance(value, sp.MatrixBase):
        return "[" + "; ".join(typed(e) for e in value) + "]"
    text = sp.sstr(value, order="none")
    return text.replace(".T", "'")


def rewrites(answer: Any) -> dict[str, str]:
    """Equivalent forms of ``answer`` in the accepted syntax, by the rewrite that made them."""
    if isinstance(answer, sp.MatrixExpr):
        terms = sp.MatAdd.make_args(answer)
        forms = {"as is": answer, "expanded": answer.expand(), "done": answer.doit()}
        found = {k: typed(v) for k, v in forms.items()}
        found["terms reversed"] = " + ".join(typed(t) for t in reversed(terms))
        found["LaTeX"] = sp.latex(answer)
        found["transpose()"] = typed(answer).replace("A'", "transpose(A)")
        return found
    if isinstance(answer, sp.MatrixBase):
        forms = {name: answer.applyfunc(f) for name, f in REWRITES.items()}
        found = {k: typed(v) for k, v in forms.items()}
        found["LaTeX"] = sp.latex(answer, mat_str="bmatrix", mat_delim="")
        found["row list"] = "[" + ", ".join(typed(e) for e in answer) + "]"
        return found
    found = {name: typed(f(answer)) for name, f in REWRITES.items()}
    terms = sp.Add.make_args(answer)
    found["terms reversed"] = " + ".join(f"({typed(t)})" for t in reversed(terms))
    factors = sp.Mul.make_args(sp.factor(answer))
    found["factors reversed"] = "*".join(f"({typed(f)})" for f in reversed(factors))
    found["LaTeX"] = sp.latex(answer)
    return found


REWRITES = {
    "as is": lambda e: e,
    "expanded": sp.expand,
    "factored": sp.factor,
    "simplified": sp.simplify,
    "together": sp.together,
    "cancelled": sp.cancel,
}


def mutants(answer: Any) -> list[tuple[str, str, str | None]]:
    """(typed form, how it was broken, the hint it must get or None)."""
    found = [(typed(slip), "derived", hint) for slip, hint in answer_slips(answer)]
    found.append((typed(2 * answer), "doubled", None))
    found.append((f"-({typed(answer)})", "negated", None))
    if not isinstance(answer, (sp.MatrixBase, sp.MatrixExpr)):
        found.append((f"{typed(answer)} + 1", "plus one", None))
    return found


def _site_problems(site: Path) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(page, job as the build sends it, data the page embeds) for every problem."""
    found = []
    for source in sorted((ROOT / "docs").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        if "md:problem" not in text:
            continue
        _, meta = get_data(text)
        html = (site / source.stem / "index.html").read_text(encoding="utf-8")
        data = {m["id"]: json.loads(unescape(m["json"])) for m in DATA_RE.finditer(html)}
        for problem in find_problems(text):
            symbols = {**{str(k): str(v) for k, v in (meta.get("symbols") or {}).items()},
                       **dict(problem.where)}  # fmt: skip
            job = {"ask": problem.ask, "given": list(problem.given), "symbols": symbols}
            found.append((f"{source.name}#{problem.id}", job, data[problem.id]))
    return found


def _judge(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    run = subprocess.run(["node", str(JUDGE)], input=json.dumps(cases), capture_output=True,
                         text=True, check=True, cwd=ROOT, timeout=120)  # fmt: skip
    return json.loads(run.stdout)


def test_equivalent_forms_are_accepted_and_mutants_rejected(
    built_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases, expected = [], []
    skipped = []
    for where, job, data in _site_problems(built_site):
        answer = solution(job)
        if answer is None:
            skipped.append(where)  # no closed form (‖x‖₂): typed forms are tested in Chromium
            continue
        for how, text in rewrites(answer).items():
            cases.append({"data": data, "input": text})
            expected.append((where, how, text, "correct", None))
        for text, how, hint in mutants(answer):
            cases.append({"data": data, "input": text})
            expected.append((where, how, text, "not correct", hint))
    results = _judge(cases)
    false = []
    for (where, how, text, want, hint), got in zip(expected, results, strict=True):
        ok = got["verdict"] == "correct" if want == "correct" else got["verdict"] != "correct"
        if hint is not None:
            ok = ok and (got["verdict"] == "shape" or got.get("hint") == hint)
        if not ok:
            false.append(f"{where} {how}: {text!r} → {got['verdict']}: {got['message']}")
    assert false == []
    forms = sum(w == "correct" for *_, w, _ in expected)
    with capsys.disabled():
        print(f"\nanswer checker: {forms} equivalent forms accepted, "
              f"{len(expected) - forms} mutants rejected ({sum(h is not None for *_, h in expected)}"
              f" derived mistakes with their hint); no closed form: {', '.join(skipped)}")  # fmt: skip
