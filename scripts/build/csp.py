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


class SitePolicy:
    """The policy of one build, put into each page as MkDocs writes it (``add``) and made final
    once every page is written (``finish``).

    Why not all at the end: reading, rewriting and writing every page again was a large share of
    a book's build. A page written with the final policy is left alone; only a page whose policy
    grew after it was written (a later page brought a new inline script), and the HTML files no
    ``add`` saw (404.html, pages a dirty build kept), are read and written again.
    """

    def __init__(self) -> None:
        self.hashes: set[str] = set()
        self.written: dict[Path, str] = {}  # page written by add → the policy it was given

    def add(self, page: str, dest: Path) -> str:
        """``page`` (the HTML MkDocs is about to write to ``dest``) with the policy so far."""
        self.hashes |= inline_script_hashes(page)
        policy = _policy(self.hashes)
        with_policy = _with_policy(page, policy)
        if with_policy is not None:
            self.written[dest] = policy
        return with_policy or page

    def finish(self, site_dir: Path) -> int:
        """Give every HTML page under ``site_dir`` the site's final policy; the page count."""
        paths = sorted(site_dir.rglob("*.html"))
        # A page a dirty build did not rebuild still has the policy of an earlier build.
        others = {p: _without_policy(p) for p in paths if p not in self.written}
        for page in others.values():
            self.hashes |= inline_script_hashes(page)
        policy = _policy(self.hashes)
        for path in paths:
            if self.written.get(path) == policy:
                continue
            page = others[path] if path in others else _without_policy(path)
            with_policy = _with_policy(page, policy)
            if with_policy is not None:
                path.write_text(with_policy, encoding="utf-8")
        return len(paths)


def _policy(hashes: set[str]) -> str:
    return POLICY.format(hashes=" ".join(sorted(hashes)))


def _without_policy(path: Path) -> str:
    return _POLICY_RE.sub("", path.read_text(encoding="utf-8"), count=1)


def _with_policy(page: str, policy: str) -> str | None:
    """``page`` with the policy right after its charset; None if it is not a page of the theme
    (an included HTML fragment has no charset)."""
    charset = _CHARSET_RE.search(page)
    if charset is None:
        return None
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page[: charset.end()] + meta + page[charset.end() :]
