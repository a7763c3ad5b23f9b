"""The nav: the author's order from mkdocs.yml, and every other note of docs/ after it.

Why by hand: with an explicit ``nav:`` (the chapter order the author fixed, and the notebook
section the build generates) MkDocs leaves a new note out and ``--strict`` fails on it.
mkdocs-awesome-nav, evaluated, does add unlisted notes (a ``"*"`` glob in a ``.nav.yml``), but
only by replacing mkdocs.yml's ``nav:`` with a file inside docs/ (and warning, hence failing
``--strict``, while mkdocs.yml has one): the project's tools read the chapter order from
mkdocs.yml (``scripts/build/site_nav.py``: tests, the PDF edition, bench, screenshots), and the
vault would show a dot-file Obsidian hides. Here, ten lines: the nav keeps its entries as they
are and gains the notes it does not list, before the first generated section (all notebooks),
folder by folder like Obsidian's file list (folders first, then notes, by name; a folder's
``index.md`` first), each titled by its page title. ``not_in_nav`` is respected.
"""

from __future__ import annotations

import posixpath
from typing import Any

NavItem = str | dict[str, Any]


def with_unlisted(nav: list[NavItem] | None, pages: list[str]) -> list[NavItem] | None:
    """``nav`` plus an entry for each page of ``pages`` it does not list.

    >>> with_unlisted(["index.md", {"书": ["notebooks/a.ipynb"]}], ["index.md", "新.md", "代数/b.md"])
    ['index.md', {'代数': ['代数/b.md']}, '新.md', {'书': ['notebooks/a.ipynb']}]
    >>> with_unlisted(None, ["a.md"]) is None
    True
    """
    if nav is None:
        return None  # MkDocs makes a nav of every page itself
    listed = set(_pages(nav))
    missing = sorted(p for p in pages if p not in listed)
    if not missing:
        return nav
    at = next((i for i, item in enumerate(nav) if _generated(item)), len(nav))
    return [*nav[:at], *_tree(missing, ""), *nav[at:]]


def _tree(paths: list[str], folder: str) -> list[NavItem]:
    notes = [p for p in paths if posixpath.dirname(p) == folder]
    notes.sort(key=lambda p: (posixpath.basename(p) != "index.md", p))
    below = sorted({p[len(folder) :].lstrip("/").split("/")[0] for p in paths if p not in notes})
    sections: list[NavItem] = []
    for name in below:
        inside = posixpath.join(folder, name)
        sections.append({name: _tree([p for p in paths if p.startswith(inside + "/")], inside)})
    return [*sections, *notes]


def _pages(items: list[NavItem]) -> list[str]:
    found: list[str] = []
    for item in items:
        values = list(item.values()) if isinstance(item, dict) else [item]
        for value in values:
            found += _pages(value) if isinstance(value, list) else [str(value)]
    return found


def _generated(item: NavItem) -> bool:
    """A section of notebooks only: pages the build generates, after the author's notes."""
    pages = _pages([item])
    return bool(pages) and all(p.endswith(".ipynb") for p in pages)
