"""The PDF edition of a built site: print page → two Chromium passes → finished PDF."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from scripts.build.pdf.fix import finish
from scripts.build.pdf.print_page import PRINT_NAME, assemble, chapter_pages
from scripts.build.pdf.render import heading_pages, print_pdf
from scripts.build.site_nav import ROOT, nav_pages

PDF_NAME = "calculus.pdf"


def build_pdf(site: Path, out: Path) -> Path:
    """Print every chapter page of ``site`` in nav order into ``out``."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    title, url = config["site_name"], config["site_url"]
    description = config.get("site_description", "")
    pages = chapter_pages(nav_pages())
    page_file = site / PRINT_NAME
    try:
        document, headings = assemble(site, pages, url, title, description)
        page_file.write_text(document, encoding="utf-8")
        with tempfile.TemporaryDirectory() as scratch:
            first = Path(scratch) / "first.pdf"
            first.write_bytes(print_pdf(page_file))
            numbers = heading_pages(first, headings)
        document, _ = assemble(site, pages, url, title, description, numbers)
        page_file.write_text(document, encoding="utf-8")
        out.write_bytes(finish(print_pdf(page_file), title))
    finally:
        page_file.unlink(missing_ok=True)
    return out
