"""Our own stylesheets parse as written: a rule left open would swallow every rule after it
(browsers read them as nested rules of it, which match nothing), and nothing would say so."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2

from tests.sitebuild import ROOT

STYLESHEETS = [ROOT / "docs/assets/extra.css", ROOT / "scripts/build/pdf/print.css"]


def _nested_rules(css: str) -> list[str]:
    """Style rules whose block holds another block: an unclosed rule before them."""
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "error":
            found.append(f"line {rule.source_line}: {rule.message}")
        elif rule.type == "qualified-rule" and any(t.type == "{} block" for t in rule.content):
            prelude = tinycss2.serialize(rule.prelude).strip()
            found.append(f"line {rule.source_line}: {prelude!r} is never closed")
    return found


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda p: p.name)
def test_every_rule_is_closed(path: Path) -> None:
    assert _nested_rules(path.read_text(encoding="utf-8")) == []


def test_an_unclosed_rule_is_found() -> None:
    css = ".a {\n  color: red;\n\n.b { color: blue; }\n"
    assert _nested_rules(css) == ["line 1: '.a' is never closed"]
