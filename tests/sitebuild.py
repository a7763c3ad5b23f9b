"""Build a site the way `make build` does, from the real config or from a fixture's pages.

A fixture site inherits the project's mkdocs.yml (theme, extensions, hooks, validation) and
overrides only its pages, so a bad-input test exercises exactly the production build.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

from scripts.dev.site_variants import ROOT, build_env, run_mkdocs, write_config

__all__ = [
    "ROOT",
    "build_env",
    "build_fixture",
    "build_tree",
    "fixture_config",
    "run_mkdocs",
    "tiny_png",
    "tree_config",
]


def fixture_config(
    tmp: Path,
    pages: dict[str, str | bytes],
    nav: list[str] | None = None,
    watch: Path | None = None,
) -> Path:
    """Write ``pages`` (and attachments, as bytes) into ``tmp/docs`` and a config that inherits
    the project's."""
    docs = tmp / "docs"
    for name, content in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    # Fixture pages have no logo or stylesheet of their own; KaTeX's CSS is generated.
    extra = "extra_css:\n  - assets/katex/katex.min.css"
    markdown = sorted(name for name in pages if name.endswith(".md"))
    return write_config(tmp, docs, nav=nav or markdown, watch=watch, extra=extra)


def build_fixture(
    tmp: Path,
    pages: dict[str, str | bytes],
    nav: list[str] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Build a fixture site made of ``pages`` into ``tmp/site`` (without the notebook edition,
    unless ``env`` names a ``NOTEBOOKS_DIR``)."""
    env = {"NOTEBOOKS_DIR": str(tmp / "no-notebooks"), **(env or {})}
    return run_mkdocs(fixture_config(tmp, pages, nav), tmp / "site", env)


def tree_config(tmp: Path, tree: Path, nav: list[str] | None = None) -> Path:
    """Copy the docs folder ``tree`` (Markdown and attachments) to ``tmp/docs``; a config for it."""
    shutil.copytree(tree, tmp / "docs")
    extra = "extra_css:\n  - assets/katex/katex.min.css"
    return write_config(tmp, tmp / "docs", nav=nav, extra=extra)


def build_tree(
    tmp: Path, tree: Path, nav: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Build the docs folder ``tree`` as a fixture site into ``tmp/site`` (no notebook edition)."""
    env = {"NOTEBOOKS_DIR": str(tmp / "no-notebooks")}
    return run_mkdocs(tree_config(tmp, tree, nav), tmp / "site", env)


def tiny_png() -> bytes:
    """A valid 2 × 2 grey PNG: an attachment for a note that embeds an image by name."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress((b"\x00" + b"\x80\x80\x80" * 2) * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
