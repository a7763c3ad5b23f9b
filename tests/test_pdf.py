"""The PDF edition: what the site shows, as one print-quality PDF (`make pdf`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from scripts.build.pdf.edition import build_pdf
from scripts.build.pdf.print_page import _clean, chapter_pages, document, read_chapters
from scripts.build.site_nav import nav_pages

# Run alone (make test: after the parallel run). Twice, with the other pytest worker busy beside
# it, Chromium laid out one glyph of the two prints 51/64 px apart (errata/'s `]` before its
# superscript), and the byte comparison below failed; it never has in a print without
# contention (20 prints under CPU load alone, and prints with each KaTeX font held back 1 s,
# were identical).
pytestmark = pytest.mark.alone

SITE_URL = "https://d2l-calculus-notes.github.io/"
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


@pytest.fixture(scope="module")
def pdf(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf(built_site, tmp_path_factory.mktemp("pdf") / "calculus.pdf")


@pytest.fixture(scope="module")
def reader(pdf: Path) -> PdfReader:
    return PdfReader(pdf)


def _text(reader: PdfReader) -> str:
    return "".join(page.extract_text() for page in reader.pages)


def _article(site: Path, url: str) -> Any:
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    _clean(article)
    return article


def test_every_chapter_title_in_nav_order(reader: PdfReader) -> None:
    text = _text(reader)
    assert len(reader.pages) > 10
    at = 0
    for page in chapter_pages(nav_pages()):
        found = text.find(page.title, at)
        assert found >= 0, f"{page.title} missing or out of order"
        at = found
    assert "notebooks" not in {p.source.split("/")[0] for p in chapter_pages(nav_pages())}


def test_the_chinese_of_every_page_character_for_character(
    reader: PdfReader, built_site: Path
) -> None:
    raw = _text(reader)
    # No radical look-alikes (⽹ for 网, ⻚ for 页) and no replacement characters.
    assert re.findall(r"[\u2e80-\u2fdf\ufffd]", raw) == []
    text = re.sub(r"\s+", "", raw)
    missing = []
    for page in chapter_pages(nav_pages()):
        article = _article(built_site, page.url)
        # Formulas are checked apart; answer boxes are not printed (the answers are open).
        for element in article.select(".katex, .answer-check, .answer-progress"):
            element.decompose()
        runs = CJK_RUN.findall(article.get_text(" "))
        assert runs, page.url
        missing += [(page.url, run) for run in runs if run not in text]
    assert missing == []
    for word in ("网站", "页面", "自己"):  # the examples
        assert word in text or not any(word in _article(built_site, p.url).get_text()
                                       for p in chapter_pages(nav_pages()))  # fmt: skip


def test_formulas_and_plots_are_all_printed(reader: PdfReader, built_site: Path) -> None:
    pages = chapter_pages(nav_pages())
    site_formulas = sum(len(_article(built_site, p.url).select(".katex")) for p in pages)
    site_plots = sum(
        len(_article(built_site, p.url).select('img[src*="generated/"]')) for p in pages
    )
    chapters, headings = read_chapters(built_site, pages, SITE_URL)
    printed = BeautifulSoup(
        document(built_site, chapters, headings, SITE_URL, "t", "d"), "html.parser"
    )
    # The chapters hold every formula of the site (the contents repeat a heading's math).
    assert len(printed.select(".chapter .katex")) == site_formulas > 100
    assert len(printed.select('.chapter img[src*="generated/"]')) == site_plots >= 4
    assert not printed.select('img[src*="only-dark"]')
    # Drawn into the PDF: each plot is a vector drawing (a form), the math in KaTeX's fonts.
    forms = sum(1 for p in reader.pages
                for x in p["/Resources"].get("/XObject", {}).values()
                if x.get_object().get("/Subtype") == "/Form")  # fmt: skip
    assert forms >= site_plots
    fonts = _fonts(reader)
    assert any("KaTeX_Main" in f for f in fonts) and any("KaTeX_Math" in f for f in fonts)
    assert any("NotoSansCJK" in f for f in fonts), fonts


def _fonts(reader: PdfReader) -> set[str]:
    """The font names embedded in the PDF (Chromium embeds Noto CJK as Type 3 vector glyphs)."""
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            for part in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is not None:
                    names.add(str(descriptor.get_object()["/FontName"]))
    return names


def test_outline_has_every_chapter(reader: PdfReader) -> None:
    top = [str(item.title) for item in reader.outline if not isinstance(item, list)]
    for page in chapter_pages(nav_pages()):
        assert page.title in top, top


def test_contents_have_page_numbers_and_links_stay_inside(reader: PdfReader) -> None:
    contents = reader.pages[1].extract_text()
    assert "目录" in contents and re.search(r"导数和微分\s*\d+", contents)
    internal = 0
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            link = annotation.get_object()
            action = link.get("/A", {})
            uri = action.get("/URI") if action else None
            if uri is not None:
                assert str(uri).startswith(SITE_URL), uri
            else:
                internal += 1
    assert internal > 20


def test_every_page_of_the_site_links_to_the_pdf(built_site: Path) -> None:
    for page in nav_pages():  # the notebook pages too
        html = (built_site / page.url / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="(\./|(\.\./)+)calculus\.pdf" download', html), page.url


def test_two_builds_give_the_same_bytes(pdf: Path, built_site: Path, tmp_path: Path) -> None:
    again = build_pdf(built_site, tmp_path / "again.pdf")
    first, second = pdf.read_bytes(), again.read_bytes()
    if first != second:  # not `assert ==`: pytest's diff of two 2 MB strings runs for many minutes
        pairs = zip(first, second, strict=False)  # the shorter one may end first
        at = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(first), len(second)))
        pytest.fail(f"{pdf} and {again} ({len(first)} and {len(second)} bytes) differ from "
                    f"byte {at}: {first[at:at + 60]!r} / {second[at:at + 60]!r}")  # fmt: skip


def test_table_header_ids_are_numbered_in_order_not_by_the_renderer(pdf: Path) -> None:
    """Chromium names them after DOM node numbers, which differ by one from print to print."""
    data = pdf.read_bytes()
    ids = re.findall(rb"/ID \((node\d+)\)", data)
    assert ids and sorted(ids) == [b"node%08d" % i for i in range(1, len(ids) + 1)]
    headers = set(re.findall(rb"/Headers \[ \((node\d+)\) \]", data))
    assert headers and headers <= set(ids)  # every cell still names its header
