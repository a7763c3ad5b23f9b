"""The pages of mkdocs.yml's nav, in reading order: what tests, screenshots and bench visit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

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
    """Every page in mkdocs.yml's nav, sections flattened, in reading order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    pages: list[NavPage] = []

    def walk(items: list[dict[str, object]]) -> None:
        for item in items:
            ((title, target),) = item.items()
            if isinstance(target, list):
                walk(target)
            else:
                pages.append(NavPage(title, str(target)))

    walk(config["nav"])
    return pages
