"""Material's search index holds each formula once, as the TeX the page was written in."""

from __future__ import annotations

import json
import re
from pathlib import Path

from scripts.build.math.extract import Formula, extract
from tests.pages import nav_pages
from tests.sitebuild import ROOT


def _index(site: Path) -> dict[str, str]:
    """Page URL → all the text the index holds for it."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages: dict[str, str] = {}
    for doc in docs:
        url = doc["location"].split("#", 1)[0]
        pages[url] = pages.get(url, "") + " " + doc["title"] + " " + doc["text"]
    return pages


def test_every_formula_is_indexed_once_as_its_tex(built_site: Path) -> None:
    index = _index(built_site)
    for page in (p for p in nav_pages() if p.source.endswith(".md")):
        source = (ROOT / "docs" / page.source).read_text(encoding="utf-8")
        formulas: list[Formula] = []
        extract(source, page.source, formulas)
        text = index[page.url]
        for tex in {f.tex.strip() for f in formulas if "\n" not in f.tex.strip()}:
            escaped = tex.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            written = sum(f.tex.strip() == tex for f in formulas)
            assert text.count(escaped) >= written, (page.url, tex)


def test_the_index_holds_no_katex_markup(built_site: Path) -> None:
    for url, text in _index(built_site).items():
        # KaTeX's rendering would bring the glyphs (∇, ⊤, ∂), MathML and its class names.
        assert not re.search(r"[∇⊤]|katex-|x-tex|<semantics|<math", text), url


def test_claim_marks_stay_out_of_the_index(built_site: Path) -> None:
    for url, text in _index(built_site).items():
        assert "构建时已验证" not in text and "机器的读法" not in text, url
