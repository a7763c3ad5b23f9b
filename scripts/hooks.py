"""MkDocs hooks: wires the build steps together and holds no logic of its own.

MkDocs loads this file once per ``mkdocs serve`` process, so all per-build state is created
afresh in ``on_config``.

Order of one build: ``on_files`` runs the snippets the pages use (or takes them from the cache)
and adds their artifacts and KaTeX's assets as site files → ``on_page_markdown`` takes the
math out of each page and swaps directives for artifacts → ``on_env`` (after every page is
converted) renders all math of the build in one KaTeX batch and fills it into the pages.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.directives import Directive
from scripts.katex_assets import add_katex_assets
from scripts.katex_preload import add_font_preloads
from scripts.katex_render import KatexRenderer
from scripts.math_pages import MathPages
from scripts.snippet_build import SnippetBuild


class _Build:
    """Everything one build knows; replaced in ``on_config``."""

    def __init__(self) -> None:
        self.math = MathPages(KatexRenderer())
        self.snippets = SnippetBuild()


_build: _Build | None = None


def _current() -> _Build:
    assert _build is not None, "on_config has not run"
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = _Build()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    add_katex_assets(files, config)
    snippets = _current().snippets
    snippets.collect(files)
    snippets.run()
    snippets.add_files(files, config)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    page_id = page.file.src_uri
    origin = os.path.relpath(page.file.abs_src_path or page.file.src_uri)
    markdown = build.math.extract(page_id, markdown, origin, _first_line(page, markdown))

    def inserted(text: str, directive: Directive) -> str:
        source = f"snippets/{directive.snippet}.py (shown at {directive.where})"
        return build.math.extract(page_id, text, source)

    return build.snippets.expand(page_id, markdown, inserted)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    math = _current().math
    math.render()
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.content is not None:
            page.content = math.fill(file.src_uri, page.content)
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = _current().math.fill_text(page.file.src_uri, output)
    return add_font_preloads(output, page.url)


def _first_line(page: Page, markdown: str) -> int:
    """Line of the source file where ``markdown`` starts (front matter is already removed)."""
    source = page.file.content_string
    at = source.find(markdown)
    return source.count("\n", 0, at) + 1 if at >= 0 else 1
