"""The PDF edition of a built site: print page → two Chromium passes → finished PDF."""

from __future__ import annotations

from pathlib import Path

import yaml

from scripts.build.pdf.fix import finish
from scripts.build.pdf.print_page import PRINT_NAME, chapter_pages, document, read_chapters
from scripts.build.pdf.render import heading_pages, print_pdf
from scripts.build.site_nav import ROOT, nav_pages

PDF_NAME = "calculus.pdf"


def build_pdf(site: Path, out: Path) -> Path:
    """Print every chapter page of ``site`` in nav order into ``out``."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    title, url = config["site_name"], config["site_url"]
    description = config.get("site_description", "")
    chapters, headings = read_chapters(site, chapter_pages(nav_pages()), url)
    page_file = site / PRINT_NAME
    try:
        page_file.write_text(document(site, chapters, headings, url, title, description),
                             encoding="utf-8")  # fmt: skip
        numbers = heading_pages(print_pdf(page_file), headings)
        page_file.write_text(document(site, chapters, headings, url, title, description, numbers),
                             encoding="utf-8")  # fmt: skip
        out.write_bytes(finish(print_pdf(page_file), title))
    finally:
        page_file.unlink(missing_ok=True)
    return out
