"""A book of N copies of the chapters, every page in the nav: the site at book scale.

`make bench` builds it with our hooks and with bare Material (the same Markdown, no hooks) to
see how the build grows with the book; ``python -m scripts.dev.book DIR`` writes one to look
at or to time by hand (it prints the two configs).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from scripts.build.site_nav import nav_pages
from scripts.dev.site_variants import ROOT, write_config

DEFAULT_COPIES = 50


def write_book(
    work: Path, copies: int = DEFAULT_COPIES, *, strict: bool = True, watch: Path | None = None
) -> tuple[Path, Path, int]:
    """(our config, bare Material's config, pages) of a book of ``copies`` copies; not
    ``strict`` for serving (the copies' links to the notebooks point nowhere); ``watch``: the
    snippets directory `mkdocs serve` watches."""
    docs = work / "book-docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    chapters = [p for p in nav_pages() if p.source.endswith(".md")]
    nav = []
    for k in range(1, copies + 1):
        part = f"part{k:03d}"
        for page in chapters:
            target = docs / part / page.source
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / "docs" / page.source, target)
            nav.append(f'"{page.title} {k}": {part}/{page.source}')
    ours_dir, bare_dir = work / "book-ours", work / "book-bare"
    ours_dir.mkdir(parents=True, exist_ok=True)
    bare_dir.mkdir(parents=True, exist_ok=True)
    extra = "" if strict else "strict: false"
    ours = write_config(ours_dir, docs, nav=nav, extra=extra, watch=watch)
    bare = write_config(bare_dir, docs, nav=nav, hooks=False, extra=extra, watch=watch)
    return ours, bare, len(nav)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--copies", type=int, default=DEFAULT_COPIES)
    args = parser.parse_args()
    ours, bare, pages = write_book(args.directory, args.copies)
    print(f"{pages} pages\nours: {ours}\nbare: {bare}")


if __name__ == "__main__":
    main()
