"""The pages of the site's nav, in reading order: what tests, the PDF, screenshots and bench visit.

mkdocs.yml's nav, and after it the notes of docs/ it does not list, as the build adds them
(``scripts/build/obsidian/nav.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

from scripts.build.obsidian.nav import with_unlisted

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class NavPage:
    title: str
    source: str  # path under docs/

    @property
    def url(self) -> str:
        """The page's URL relative to the site root (MkDocs' directory URLs).

        >>> NavPage("导读", "index.md").url, NavPage("梯度", "gradient.md").url
        ('', 'gradient/')
        >>> NavPage("x", "notebooks/index.md").url, NavPage("y", "notebooks/gradient.ipynb").url
        ('notebooks/', 'notebooks/gradient/')
        """
        stem = self.source.rsplit(".", 1)[0]
        if stem == "index":
            return ""
        return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"

    @property
    def name(self) -> str:
        """A file-name-safe name of the page: its URL's path, or ``index``."""
        return self.url.strip("/").replace("/", "-") or "index"


def nav_pages() -> list[NavPage]:
    """Every page in the nav, sections flattened, in reading order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    docs = ROOT / config.get("docs_dir", "docs")
    notes = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    pages: list[NavPage] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, str):  # a note the nav did not list: titled by its page
                pages.append(NavPage(_title(docs / item), item))
                continue
            assert isinstance(item, dict)
            ((title, target),) = item.items()
            if isinstance(target, list):
                walk(target)
            else:
                pages.append(NavPage(title, str(target)))

    walk(with_unlisted(config["nav"], notes) or [])
    return pages


def _title(path: Path) -> str:
    """A page's title as MkDocs finds it: front-matter ``title``, else its first ``# `` heading."""
    body, meta = get_data(path.read_text(encoding="utf-8"))
    heading = re.search(r"^#[ \t]+(.+?)[ \t]*$", body, re.M)
    return str(meta.get("title") or (heading[1] if heading else path.stem))
