"""The built chapter pages → one print page: title page, contents, every chapter in nav order.

Why by hand: mkdocs-print-site-plugin would add a print page to every build and re-render the
pages itself; this reads the pages ``make build`` already wrote (KaTeX math, verified claims,
plots), so the PDF shows exactly what the site shows. Each page's ``<article>`` is taken with
BeautifulSoup; ids get the page's name as a prefix, links between chapters become links inside
the document, links to the rest of the site (notebooks) become the site's absolute URLs, and
only the light variant of each plot is kept.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from scripts.build.math.katex_assets import SITE_DIR as KATEX_DIR
from scripts.build.site_nav import NavPage

PRINT_NAME = "print-edition.html"  # written into site/ while printing, removed afterwards
STYLESHEET = Path(__file__).with_name("print.css")


@dataclass(frozen=True)
class Heading:
    """A chapter (level 1) or section (level 2) of the print page, for contents and outline."""

    level: int
    title: str  # plain text, for the outline
    anchor: str
    html: str = ""  # as the page shows it (math typeset), for the contents


def chapter_pages(pages: list[NavPage]) -> list[NavPage]:
    """The nav's Markdown pages (the notebooks are downloads of their own)."""
    return [p for p in pages if p.source.endswith(".md")]


def read_chapters(site: Path, pages: list[NavPage],
                  site_url: str) -> tuple[list[str], list[Heading]]:  # fmt: skip
    """Each page's article made ready for print, and the headings of them all."""
    names = {p.url: p.name for p in pages}
    chapters: list[str] = []
    headings: list[Heading] = []
    for page in pages:
        soup = BeautifulSoup((site / page.url / "index.html").read_text(encoding="utf-8"),
                             "html.parser")  # fmt: skip
        article = soup.select_one("article.md-content__inner")
        if article is None:
            raise ValueError(f"{page.url or '/'}index.html has no article")
        _clean(article)
        _rewrite(article, page, names, site_url)
        for tag in article.find_all(["h1", "h2"]):
            level = 1 if tag.name == "h1" else 2
            if level == 1:
                tag["id"] = page.name
            shown = BeautifulSoup(tag.decode_contents(), "html.parser")
            for mathml in shown.select(".katex-mathml"):
                mathml.decompose()
            text = shown.get_text("", strip=True)
            headings.append(
                Heading(level, text, str(tag.get("id", page.name)), tag.decode_contents())
            )
        chapters.append(
            f'<section class="chapter" data-page="{page.name}">{article.decode_contents()}</section>'
        )
    return chapters, headings


def document(site: Path, chapters: list[str], headings: list[Heading], site_url: str,
             title: str, description: str, page_numbers: dict[str, int] | None = None) -> str:  # fmt: skip
    """The whole print page: title page, contents (with ``page_numbers`` once known), chapters."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d")
    contents = "".join(
        f'<li class="toc-{h.level}"><a href="#{h.anchor}"><span>{h.html}</span>'
        f'<span class="toc-page">{(page_numbers or {}).get(h.anchor, "")}</span></a></li>'
        for h in headings
    )
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
{_stylesheets(site)}
<style>{STYLESHEET.read_text(encoding="utf-8")}</style>
</head><body><div class="md-typeset print-edition">
<section class="title-page"><h1 class="book-title">{html.escape(title)}</h1>
<p class="book-subtitle">{html.escape(description)}</p>
<p class="book-meta">PDF 版 · 构建于 {date} · <a href="{html.escape(site_url)}">{html.escape(site_url)}</a></p>
<p class="book-note">每个公式在构建时由 KaTeX 排版、从它自己的 TeX 验证；每张图与每个答案都由构建时运行的代码生成。</p></section>
<nav class="contents"><h2 class="contents-title">目录</h2><ol>{contents}</ol></nav>
{"".join(chapters)}
</div></body></html>
"""


def _stylesheets(site: Path) -> str:
    """The site's own stylesheets (Material's, KaTeX's, ours), as the pages link them; KaTeX's
    as its file, which pages carry inline with fonts named from the site's root (a path the
    print page, a local file, cannot resolve)."""
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [str(link) for link in index.find_all("link", rel="stylesheet")]
    return "\n".join([f'<link rel="stylesheet" href="{KATEX_DIR}/katex.min.css">', *links])


def _clean(article: Tag) -> None:
    """Drop what belongs to a screen: permalinks, buttons, the dark plots; open every details."""
    for selector in ("a.headerlink", "button", ".md-content__button", ".md-source-file",
                     'img[src*="#only-dark"]', "script"):  # fmt: skip
        for tag in article.select(selector):
            tag.decompose()
    for tabs in article.select(".tabbed-set"):  # every tab shown, under its own title
        labels = [
            label.get_text(" ", strip=True) for label in tabs.select(".tabbed-labels > label")
        ]
        for label, block in zip(
            labels, tabs.select(".tabbed-content > .tabbed-block"), strict=False
        ):
            title = BeautifulSoup(f'<p class="tab-title">{html.escape(label)}</p>', "html.parser")
            block.insert(0, title)
    for details in article.find_all("details"):
        details["open"] = ""
    for img in article.find_all("img"):
        img["loading"] = "eager"


def _rewrite(article: Tag, page: NavPage, names: dict[str, str], site_url: str) -> None:
    prefix = page.name
    for tag in article.find_all(id=True):
        tag["id"] = f"{prefix}--{tag['id']}"
    for label in article.find_all("label", attrs={"for": True}):
        label["for"] = f"{prefix}--{label['for']}"
    for tag in article.find_all("input", attrs={"name": True}):
        tag["name"] = f"{prefix}--{tag['name']}"
    for a in article.find_all("a", href=True):
        a["href"] = _link(str(a["href"]), page, names, site_url)
    for img in article.find_all("img", src=True):
        src = str(img["src"]).split("#", 1)[0]
        img["src"] = posixpath.normpath(posixpath.join(page.url or ".", src))


def _link(href: str, page: NavPage, names: dict[str, str], site_url: str) -> str:
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return href
    if not parts.path:  # same page
        return f"#{page.name}--{unquote(parts.fragment)}" if parts.fragment else f"#{page.name}"
    target = posixpath.normpath(posixpath.join(page.url or ".", parts.path))
    target = "" if target == "." else target.rstrip("/") + "/"
    if target in names:
        name = names[target]
        return f"#{name}--{unquote(parts.fragment)}" if parts.fragment else f"#{name}"
    return site_url.rstrip("/") + "/" + target + (f"#{parts.fragment}" if parts.fragment else "")
