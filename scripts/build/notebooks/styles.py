"""One stylesheet for all notebook pages of a build: JupyterLab's CSS, cut to what they use.

mkdocs-jupyter inlines the same ~600 kB of ``<style>`` into every notebook page. Each page's
blocks are taken out as it is converted (``take``), together with the classes its content
carries; once every page is converted (MkDocs' ``on_env``), the CSS is pruned to the union of
those classes and written once under a name hashed from its content, so it caches for good and
instant navigation between notebooks reuses it. Pages link it from their content, not ``<head>``:
Material's instant navigation swaps the content and keeps the head.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field

from scripts.build.notebooks.css_prune import html_classes, prune_stylesheet

STYLESHEET_DIR = "assets/notebooks"
# Classes that Material's scripts add after load, which no static page shows.
SCRIPT_CLASSES = ("md-",)
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)


@dataclass
class _Sheet:
    pending: str  # the stand-in file name pages link until the CSS is final
    classes: set[str] = field(default_factory=set)


class NotebookStyles:
    """The notebook stylesheets of one build (normally exactly one)."""

    def __init__(self) -> None:
        self._sheets: dict[str, _Sheet] = {}  # full CSS → its sheet
        self._names: dict[str, str] = {}  # pending name → final site path

    def take(self, content: str, page_url: str) -> str:
        """``content`` without its ``<style>`` blocks, linking their (pending) stylesheet."""
        css = "\n".join(block.strip() for block in _STYLE.findall(content))
        content = _STYLE.sub("", content)
        sheet = self._sheets.setdefault(css, _Sheet(f"pending-{len(self._sheets)}.css"))
        sheet.classes |= html_classes(content)
        href = posixpath.relpath(f"{STYLESHEET_DIR}/{sheet.pending}", page_url or ".")
        return f'<link rel="stylesheet" href="{href}">\n{content}'

    def finish(self) -> dict[str, bytes]:
        """Prune each stylesheet to its pages' classes: site path → CSS to write."""
        files = {}
        for css, sheet in self._sheets.items():
            pruned = prune_stylesheet(css, sheet.classes, SCRIPT_CLASSES).encode()
            path = f"{STYLESHEET_DIR}/{hashlib.sha256(pruned).hexdigest()[:12]}.css"
            self._names[sheet.pending] = posixpath.basename(path)
            files[path] = pruned
        return files

    def link(self, content: str) -> str:
        """Point a page's pending link at its final stylesheet (after ``finish``)."""
        for pending, name in self._names.items():
            content = content.replace(f"/{pending}", f"/{name}")
        return content
