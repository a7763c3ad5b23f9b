"""The site's pages as tests see them: the nav, the search terms, each source's formulas."""

from __future__ import annotations

from pathlib import Path

import nbformat
from mkdocs.utils.meta import get_data

from scripts.build.directives import find_directives
from scripts.build.math.extract import Formula, extract
from scripts.build.math.katex_render import KatexRenderer
from scripts.build.math.pages import MathPages
from scripts.build.problems.form import box_html, reveal_markdown
from scripts.build.problems.source import find_problems
from scripts.build.site_nav import NavPage, nav_pages
from scripts.build.snippets.build import SnippetBuild
from tests.sitebuild import ROOT

__all__ = ["TERMS", "NavPage", "nav_pages", "source_formula_count"]

# Each chapter term and the URL of the page that teaches it (search must rank it first).
TERMS = {
    "导数": "derivative/",
    "偏导数": "partial/",
    "梯度": "gradient/",
    "链式法则": "chain-rule/",
    "范数": "gradient/",
    "损失函数": "",
    "二次型": "gradient/",
    "雅可比矩阵": "gradient/",
    # Formulas are indexed as their TeX: a reader may search the notation itself. (Not `^`:
    # Material's query syntax reads `x^\\top` as a boost, before the index is asked.)
    "\\nabla": "gradient/",
}


def source_formula_count(source: str, site: Path) -> int:
    """How many formulas the page's source holds: its Markdown's, the snippets' it embeds and
    its problems' (each box's label and reveal).

    Counted with the build's own extractor on the source and on the snippets' Markdown
    artifacts (taken from the cache the build filled), independently of any HTML. For a
    notebook page the source is the executed notebook the site offers for download.
    """
    if source.endswith(".ipynb"):
        return _notebook_formula_count(site / source.removesuffix(".ipynb") / Path(source).name)
    markdown, _ = get_data((ROOT / "docs" / source).read_text(encoding="utf-8"))
    snippets = SnippetBuild()
    snippets.directives[source] = find_directives(markdown, source)
    snippets.run()
    math = MathPages(KatexRenderer())
    markdown = math.extract(source, markdown, source)
    snippets.expand(source, markdown, lambda text, _: math.extract(source, text, source))
    for problem in find_problems(markdown):  # its box's label and its reveal's formula
        text = box_html(problem, {}) + "\n\n" + reveal_markdown(problem, "0")
        math.extract(source, text if problem.reveal else box_html(problem, {}), source)
    return len(math.formulas.get(source, []))


def _notebook_formula_count(path: Path) -> int:
    """Formulas in the notebook's Markdown cells and Markdown outputs."""
    notebook = nbformat.read(path, as_version=4)
    texts = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    texts += [
        output["data"]["text/markdown"]
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if "text/markdown" in output.get("data", {})
    ]
    found: list[Formula] = []
    for text in texts:
        extract(text, str(path), found)
    return len(found)
