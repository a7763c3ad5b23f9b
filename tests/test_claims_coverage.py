"""No unchecked identity: every display formula of every page is a claim, a definition or notation."""

from __future__ import annotations

import re

from scripts.build.directives import find_directives
from scripts.build.math.extract import Formula, extract
from tests.sitebuild import ROOT


def test_every_display_formula_is_backed_or_marked() -> None:
    unbacked = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        source = page.read_text(encoding="utf-8")
        origin = str(page.relative_to(ROOT))
        formulas: list[Formula] = []
        extract(source, origin, formulas)
        lines = source.splitlines()
        directive_lines = {d.line: d for d in find_directives(source, origin)}
        for formula in (f for f in formulas if f.display):
            end = formula.line + formula.tex.count("\n")  # the line of the closing $$
            after = directive_lines.get(end + 1)
            if after is None or after.kind not in ("claim", "definition", "notation"):
                unbacked.append(f"{origin}:{formula.line}: {lines[formula.line - 1 : end]}")
    assert unbacked == [], "\n".join(unbacked)


def test_a_formula_without_a_claim_is_found(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = "$$\na=b\n$$\n<!-- md:definition -->\n$$\nc=d\n$$\n正文\n"
    formulas: list[Formula] = []
    extract(source, "p.md", formulas)
    marked = {d.line for d in find_directives(source, "p.md")}
    ends = [f.line + f.tex.count("\n") for f in formulas]
    assert [end + 1 in marked for end in ends] == [True, False]
    assert re.search("c=d", formulas[1].tex)
