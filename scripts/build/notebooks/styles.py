"""One stylesheet for all notebook pages of a build: JupyterLab's CSS, cut to what they use.

mkdocs-jupyter inlines the same ~600 kB of ``<style>`` into every notebook page. Each page's
blocks are taken out as it is converted (``take``), together with the classes its content
carries; once every page is converted (MkDocs' ``on_env``), the CSS is pruned to the union of
those classes and written once under a name hashed from its content, so it caches for good and
instant navigation between notebooks reuses it. Pages link it from ``<head>`` (``href``, read by
overrides/main.html), where the page makes its URL absolute before the first style: in the
content, Material's bundle rewrote it after the first paint, which replaced the stylesheet and
restyled the whole page. Instant navigation adds a head link the next page has and the current
one lacks, and drops one the next page lacks.

The sheet begins with the site's own stylesheet (``SITE_STYLESHEET``), whose link a notebook
page then drops (``without_site_stylesheet``): the first paint waits for every stylesheet, and
on a slow phone a fourth one cost the notebook pages a round trip the chapter pages do not pay
(Lighthouse's FCP: 1.36 s against 1.21 s).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field

from scripts.build.notebooks.css_prune import html_classes, prune_stylesheet

STYLESHEET_DIR = "assets/notebooks"
SITE_STYLESHEET = "assets/extra.css"  # mkdocs.yml's extra_css: every page links it
_SITE_LINK = re.compile(
    rf'\s*<link rel="stylesheet" href="(?:\.\./)*{re.escape(SITE_STYLESHEET)}">'
)
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
        self._pages: dict[str, str] = {}  # page URL → pending name of its sheet
        self._site_css = False  # whether the sheets begin with the site's stylesheet

    def take(self, content: str, page_url: str) -> str:
        """``content`` without its ``<style>`` blocks; the page's stylesheet is ``href``."""
        css = "\n".join(block.strip() for block in _STYLE.findall(content))
        content = _STYLE.sub("", content)
        sheet = self._sheets.setdefault(css, _Sheet(f"pending-{len(self._sheets)}.css"))
        sheet.classes |= html_classes(content)
        self._pages[page_url] = sheet.pending
        return content

    def finish(self, site_css: str | None) -> dict[str, bytes]:
        """Prune each stylesheet to its pages' classes, after ``site_css`` (the site's own
        stylesheet, which it replaces on those pages; None for a site without one): site path →
        CSS to write."""
        files = {}
        self._site_css = site_css is not None
        for css, sheet in self._sheets.items():
            pruned = prune_stylesheet(css, sheet.classes, SCRIPT_CLASSES)
            content = (f"{site_css.rstrip()}\n{pruned}" if site_css else pruned).encode()
            path = f"{STYLESHEET_DIR}/{hashlib.sha256(content).hexdigest()[:12]}.css"
            self._names[sheet.pending] = posixpath.basename(path)
            files[path] = content
        return files

    def href(self, page_url: str) -> str | None:
        """The link from a notebook page to its stylesheet (after ``finish``); None for a page
        that is not a notebook."""
        pending = self._pages.get(page_url)
        if pending is None:
            return None
        return posixpath.relpath(f"{STYLESHEET_DIR}/{self._names[pending]}", page_url or ".")

    def without_site_stylesheet(self, html: str, page_url: str) -> str:
        """A notebook page without its link to the site's stylesheet, which its own begins
        with (after ``finish``); any other page as it is.

        >>> styles = NotebookStyles()
        >>> _ = styles.take("<style>.jp-Cell{}</style>", "notebooks/a/")
        >>> _ = styles.finish(".md-typeset{}")
        >>> link = '<link rel="stylesheet" href="../../assets/extra.css">'
        >>> styles.without_site_stylesheet(link + "<p>", "notebooks/a/")
        '<p>'
        >>> styles.without_site_stylesheet(link + "<p>", "gradient/") == link + "<p>"
        True
        """
        if not self._site_css or page_url not in self._pages:
            return html
        return _SITE_LINK.sub("", html, count=1)
