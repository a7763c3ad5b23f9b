"""MkDocs hooks: wires the build steps together and holds no logic of its own.

MkDocs loads this file once per ``mkdocs serve`` process, so all per-build state is created
afresh in ``on_config``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts.katex_assets import add_katex_assets
from scripts.katex_render import KatexRenderer
from scripts.math_pages import MathPages

_math: MathPages | None = None


def _page_math() -> MathPages:
    assert _math is not None, "on_config has not run"
    return _math


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _math
    _math = MathPages(KatexRenderer())
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    add_katex_assets(files, config)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    origin = os.path.relpath(page.file.abs_src_path or page.file.src_uri)
    return _page_math().extract(page.file.src_uri, markdown, origin, _first_line(page, markdown))


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    math = _page_math()
    math.render()
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.content is not None:
            page.content = math.fill(file.src_uri, page.content)
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _page_math().fill_text(page.file.src_uri, output)


def _first_line(page: Page, markdown: str) -> int:
    """Line of the source file where ``markdown`` starts (front matter is already removed)."""
    source = page.file.content_string
    at = source.find(markdown)
    return source.count("\n", 0, at) + 1 if at >= 0 else 1
