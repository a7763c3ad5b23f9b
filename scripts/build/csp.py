"""A strict Content-Security-Policy for every page, as a ``<meta>`` (a static host sets no headers).

Scripts run only from the site itself and from the inline scripts the build wrote, each allowed by
its SHA-256 (Material's palette and scope snippets, mkdocs-jupyter's copy helper): no
``unsafe-inline``, no ``unsafe-eval`` (the answer checker evaluates readers' formulas with
mathjs's own interpreter, never ``eval``). The policy is the same on every page, with the hashes
of every page: Material's instant navigation keeps the first page's policy while it swaps in the
next page, whose inline scripts must then be allowed too. Styles keep ``unsafe-inline``: KaTeX
positions every glyph with a style attribute. JSON data blocks (``type="application/json"``) are
not scripts and need no hash.

``mkdocs serve`` gets no policy: its live-reload script is injected as inline code at serve time.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")
_CHARSET_RE = re.compile(r"<meta charset=[^>]*>", re.I)
_POLICY_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')

POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def inline_script_hashes(page: str) -> set[str]:
    """CSP sources (``'sha256-…'``) of the inline scripts of ``page`` that a browser runs."""
    found = set()
    for match in _SCRIPT_RE.finditer(page):
        attrs = match["attrs"]
        if "src=" in attrs or any(kind in attrs for kind in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return found


def policy_for(pages: list[str]) -> str:
    """The one policy of the site, allowing every inline script of ``pages``."""
    hashes = sorted(set().union(*(inline_script_hashes(p) for p in pages)))
    return POLICY.format(hashes=" ".join(hashes))


def add_policy(site_dir: Path) -> int:
    """Put the site's policy at the top of every HTML page under ``site_dir``; the page count."""
    paths = sorted(site_dir.rglob("*.html"))
    # A page a dirty build did not rebuild still has the policy of an earlier build.
    pages = [_POLICY_RE.sub("", p.read_text(encoding="utf-8"), count=1) for p in paths]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(pages)}">'
    for path, page in zip(paths, pages, strict=True):
        charset = _CHARSET_RE.search(page)
        if charset is None:
            continue  # not a page of the theme (an included HTML fragment)
        path.write_text(page[: charset.end()] + meta + page[charset.end() :], encoding="utf-8")
    return len(paths)
