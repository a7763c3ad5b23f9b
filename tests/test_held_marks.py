"""Claim marks pass through Markdown as their outer tag: their content comes back whole."""

from __future__ import annotations

import re
from pathlib import Path

from scripts.build.held_marks import HeldMarks

MARK_RE = re.compile(r'(<p>)?<details class="claim-check" data-search-exclude>(.*?)</details>')


def test_every_mark_of_the_site_has_its_content_and_no_token_is_left(built_site: Path) -> None:
    placed = {"block": 0, "paragraph": 0}
    for path in sorted(built_site.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        assert "xclaimmark" not in page, path
        for match in MARK_RE.finditer(page):
            placed["paragraph" if match[1] else "block"] += 1
            content = match[2]
            assert content.startswith("<summary") and "机器的读法" in content, path
            assert '<span class="katex">' in content and "xkatexph" not in content, path
    # Both ways Markdown places a mark: its own block, and inside a list item's paragraph.
    assert placed["block"] and placed["paragraph"], placed
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "xclaimmark" not in index and "机器的读法" not in index


def test_marks_are_held_per_page_and_multiline_ones_are_left_alone() -> None:
    marks = HeldMarks()
    one = '<details class="claim-check" data-search-exclude><ul><li>{}</li></ul></details>'
    held = marks.hold("a.md", one.format("a") + "\n\n    " + one.format("b"))
    assert held.count("xclaimmark") == 2 and "<li>" not in held
    assert marks.hold("b.md", one.format("c")).endswith(">xclaimmark0x</details>")
    multiline = one.format("d\ne")
    assert marks.hold("c.md", multiline) == multiline
    assert marks.restore("a.md", held) == one.format("a") + "\n\n    " + one.format("b")
    assert marks.restore("b.md", "<p>xclaimmark0x</p>") == "<p><ul><li>c</li></ul></p>"
    assert marks.restore("c.md", "xclaimmark0x") == "xclaimmark0x"  # held nothing
