"""The site's pages as tests see them: the nav, each page's URL and its source's formulas."""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from mkdocs.utils.meta import get_data

from scripts.directives import find_directives
from scripts.katex_render import KatexRenderer
from scripts.math_pages import MathPages
from scripts.snippet_build import SnippetBuild
from tests.sitebuild import ROOT

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
}


@dataclass(frozen=True)
class NavPage:
    title: str
    source: str  # path under docs/

    @property
    def url(self) -> str:
        """The page's URL relative to the site root (MkDocs' directory URLs)."""
        stem = self.source.rsplit(".", 1)[0]
        if stem == "index":
            return ""
        return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def nav_pages() -> list[NavPage]:
    """Every page in mkdocs.yml's nav, sections flattened, in reading order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    pages: list[NavPage] = []

    def walk(items: list[object]) -> None:
        for item in items:
            assert isinstance(item, dict), item
            ((title, target),) = item.items()
            if isinstance(target, list):
                walk(target)
            else:
                pages.append(NavPage(title, target))

    walk(config["nav"])
    return pages


def source_formula_count(source: str) -> int:
    """How many formulas the page's source holds: its Markdown's plus the snippets' it embeds.

    Counted with the build's own extractor on the source and on the snippets' Markdown
    artifacts (taken from the cache the build filled), independently of any HTML.
    """
    markdown, _ = get_data((ROOT / "docs" / source).read_text(encoding="utf-8"))
    snippets = SnippetBuild()
    snippets.directives[source] = find_directives(markdown, source)
    snippets.run()
    math = MathPages(KatexRenderer())
    markdown = math.extract(source, markdown, source)
    snippets.expand(source, markdown, lambda text, _: math.extract(source, text, source))
    return len(math.formulas.get(source, []))
