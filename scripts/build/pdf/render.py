"""Print the print page with Chromium (Playwright's ``page.pdf``) in two passes.

Chromium makes the tagged PDF, its outline (bookmarks from the headings), the page numbers in
the footer and the internal links; it cannot put page numbers into a table of contents
(``target-counter()``), so the first pass finds where each heading landed (from the outline)
and the second prints the contents with those numbers. Chromium was chosen over WeasyPrint
because it is already here for the browser tests and lays out the page as the site does
(the same CSS, KaTeX, SVG plots as vectors).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from scripts.build.chromium import launch
from scripts.build.pdf.print_page import Heading
from scripts.build.site_nav import ROOT
from scripts.build.snippets.runner import child_env, run_with_deadline

FOOTER = (
    '<div style="width:100%;font-size:8pt;color:#666;text-align:center;'
    'font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
# A formula or table wider than the text is scaled down to fit (never cut at the margin).
FIT_WIDE = """() => {
  for (const el of document.querySelectorAll('.katex-display > .katex, .md-typeset table')) {
    const box = el.parentElement.clientWidth, wide = el.scrollWidth;
    if (wide > box + 1) el.style.zoom = (box / wide).toFixed(3);
  }
}"""
OVERFLOWING = """() => {
  const right = document.querySelector('.print-edition').getBoundingClientRect().right + 1;
  return [...document.querySelectorAll('.katex-display, table, img, pre, pre > code')]
    .filter(el => el.getBoundingClientRect().right > right || el.scrollWidth > el.clientWidth + 1)
    .map(el => (el.closest('[data-page]')?.dataset.page || '?') + ': ' + el.textContent.slice(0, 60));
}"""
BROKEN_IMAGES = """() => [...document.images]
  .filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))"""
PDF_OPTIONS: dict[str, Any] = {
    "format": "A4",
    "outline": True,
    "tagged": True,
    "print_background": True,
    "display_header_footer": True,
    "header_template": "<span></span>",
    "footer_template": FOOTER,
    "prefer_css_page_size": True,
}


class PdfError(RuntimeError):
    """The PDF cannot show what the site shows (an image that does not load)."""


def print_pdf(page_file: Path, timeout: float | None = None) -> bytes:
    """One print of ``page_file`` (a file in the built site, so its links to assets resolve),
    by Chromium in a subprocess with a time limit (``PDF_TIMEOUT``, 300 s)."""
    timeout = timeout or float(os.environ.get("PDF_TIMEOUT", "300"))
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "print.pdf"
        command = [sys.executable, "-m", "scripts.build.pdf.render", str(page_file), str(out)]
        finished = run_with_deadline(command, ROOT, child_env(Path(scratch), PYTHONPATH=str(ROOT)),
                                     timeout)  # fmt: skip
        if finished is None:
            raise PdfError(f"Chromium did not print {page_file.name} within {timeout:g} s "
                           "(raise PDF_TIMEOUT)")  # fmt: skip
        returncode, _, stderr = finished
        if returncode != 0:
            last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit {returncode}"
            raise PdfError(f"printing {page_file.name} failed: {last}")
        return out.read_bytes()


def _print_here(page_file: Path) -> bytes:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.emulate_media(media="print")
            page.goto(page_file.as_uri(), wait_until="networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.evaluate(FIT_WIDE)
            wide = page.evaluate(OVERFLOWING)
            if wide:
                raise PdfError(f"wider than the page even after scaling: {'; '.join(wide)}")
            broken = page.evaluate(BROKEN_IMAGES)
            if broken:
                raise PdfError(f"images that did not load for the PDF: {', '.join(broken)}")
            return page.pdf(**PDF_OPTIONS)
        finally:
            browser.close()


def heading_pages(pdf: bytes, headings: list[Heading]) -> dict[str, int]:
    """anchor → 1-based page of each heading, read from the PDF's outline in document order."""
    reader = PdfReader(io.BytesIO(pdf))
    entries: list[tuple[str, int]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                entries.append(
                    (str(item.title).strip(), reader.get_destination_page_number(item) + 1)
                )

    walk(reader.outline)
    found: dict[str, int] = {}
    at = 0
    for heading in headings:
        for k in range(at, len(entries)):
            if _same(entries[k][0], heading.title):
                found[heading.anchor] = entries[k][1]
                at = k + 1
                break
    return found


def _same(outline: str, heading: str) -> bool:
    """Whether an outline title is the heading's: compared by their letters, digits and CJK
    (Chromium leaves math out of a title, and writes a heading that opens a page twice)."""
    a, b = _letters(outline), _letters(heading)
    if not b:  # a heading of Latin letters only
        a, b = _letters(outline, latin=True), _letters(heading, latin=True)
    return bool(b) and a in (b, b + b)


def _letters(text: str, *, latin: bool = False) -> str:
    return "".join(c for c in text if c.isalnum() and (latin or not c.isascii() or c.isdigit()))


if __name__ == "__main__":  # the subprocess of print_pdf: python -m … PAGE OUT
    try:
        Path(sys.argv[2]).write_bytes(_print_here(Path(sys.argv[1])))
    except PdfError as error:
        sys.exit(f"PdfError: {error}")
