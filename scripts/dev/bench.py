"""`make bench`: build and page figures as ratios against baselines measured in the same run.

This machine has 2 cores and is noisy, so every figure is the median of repeated runs and is
printed beside its baseline: the same Markdown built by stock Material (no hooks), and by the
official Material math recipe (arithmatex + KaTeX in the browser); and the notebook edition's
cost as our build with and without it. It asserts nothing and is not part of `make test`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from scripts.build.chromium import launch
from scripts.build.pdf.edition import build_pdf
from scripts.build.pdf.print_page import chapter_pages
from scripts.build.site_nav import nav_pages
from scripts.dev import lighthouse, serve_reload
from scripts.dev.book import DEFAULT_COPIES, write_book
from scripts.dev.site_variants import ROOT, run_mkdocs, write_config
from scripts.dev.static_server import serve

CLIENT = "client-side KaTeX"
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
# Material's documented recipe for KaTeX, with the files served locally instead of a CDN.
CLIENT_INIT = """document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "$$",  right: "$$",  display: true },
      { left: "$",   right: "$",   display: false },
      { left: "\\\\(", right: "\\\\)", display: false },
      { left: "\\\\[", right: "\\\\]", display: true }
    ],
  })
})
"""
CLIENT_EXTRA = """markdown_extensions:
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.snippets:
      base_path: [{root}]
  - admonition
  - attr_list
  - md_in_html
  - tables
extra_javascript:
  - javascripts/katex-init.js
  - assets/katex-client/katex.min.js
  - assets/katex-client/contrib/auto-render.min.js
extra_css:
  - assets/katex-client/katex.min.css
  - assets/extra.css
"""


JUPYTER_CACHE = ROOT / ".cache" / "mkdocs-jupyter"  # mkdocs-jupyter's own, relative to cwd


def _build(config: Path, site: Path, cache: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = run_mkdocs(config, site, {"BUILD_CACHE_DIR": str(cache), **(env or {})}, strict=False)
    if result.returncode != 0:
        raise SystemExit(f"build with {config} failed:\n{result.stderr}")
    return time.perf_counter() - start


class Variants:
    """The builds that are compared: ours, stock Material, the client-side recipe."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.cache = work / "cache"
        self.ours = write_config(_dir(work / "ours"), ROOT / "docs")
        self.bare = write_config(_dir(work / "bare"), ROOT / "docs", hooks=False)
        client_docs = work / "client-docs"
        shutil.copytree(ROOT / "docs", client_docs)
        shutil.copytree(KATEX_DIST, client_docs / "assets" / "katex-client")
        (client_docs / "javascripts").mkdir()
        (client_docs / "javascripts" / "katex-init.js").write_text(CLIENT_INIT, encoding="utf-8")
        # Snippet directives are plain comments to stock MkDocs, so images they would make are
        # simply absent; the Markdown and its math are the same.
        self.client = write_config(
            _dir(work / "client"), client_docs, hooks=False, extra=CLIENT_EXTRA.format(root=ROOT)
        )

    def site(self, name: str) -> Path:
        return self.work / f"site-{name}"


def _dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def build_figures(v: Variants, runs: int) -> list[tuple[str, float, str, float]]:
    """(figure, seconds, baseline, baseline seconds) for each build kind."""

    def cold() -> float:
        shutil.rmtree(v.cache, ignore_errors=True)
        shutil.rmtree(JUPYTER_CACHE, ignore_errors=True)
        return _build(v.ours, v.site("ours"), v.cache)

    # The same build without the notebook edition: what the notebooks add is the difference.
    no_notebooks = {"NOTEBOOKS_DIR": str(v.work / "no-notebooks")}
    cache_nn = v.work / "cache-no-notebooks"

    def cold_nn() -> float:
        shutil.rmtree(cache_nn, ignore_errors=True)
        return _build(v.ours, v.site("nn"), cache_nn, no_notebooks)

    def warm_nn() -> float:
        return _build(v.ours, v.site("nn"), cache_nn, no_notebooks)

    def math_cold() -> float:
        shutil.rmtree(v.cache / "katex", ignore_errors=True)
        return _build(v.ours, v.site("ours"), v.cache)

    def warm() -> float:
        return _build(v.ours, v.site("ours"), v.cache)

    snippet = ROOT / "snippets" / "derivative_table.py"
    original = snippet.read_bytes()

    def one_edit() -> float:
        snippet.write_bytes(original + f"\n# bench edit {time.time_ns()}\n".encode())
        try:
            return _build(v.ours, v.site("ours"), v.cache)
        finally:
            snippet.write_bytes(original)
            _build(v.ours, v.site("ours"), v.cache)  # back to a warm cache

    bare = median_of(runs, lambda: _build(v.bare, v.site("bare"), v.cache))
    client = median_of(runs, lambda: _build(v.client, v.site("client"), v.cache))
    figures = [("cold build (empty caches)", median_of(runs, cold))]
    figures.append(("build, math rendered afresh", median_of(runs, math_cold)))
    figures.append(("warm build", median_of(runs, warm)))
    figures.append(("one-snippet-edit build", median_of(runs, one_edit)))
    rows = [(name, seconds, "bare Material", bare) for name, seconds in figures]
    rows.append(("client-side KaTeX recipe build", client, "bare Material", bare))
    cold_value, warm_value = figures[0][1], figures[2][1]
    rows.append(
        ("cold build, with notebooks", cold_value, "without notebooks", median_of(runs, cold_nn))
    )
    rows.append(
        ("warm build, with notebooks", warm_value, "without notebooks", median_of(runs, warm_nn))
    )
    rows += pdf_figures(v, runs, warm_value)
    return rows


def book_figures(v: Variants, runs: int, copies: int) -> list[tuple[str, float, str, float]]:
    """A book of ``copies`` copies of the chapters (every page in the nav) against bare Material
    building the same Markdown: warm build at half and full size (how it grows with pages),
    then a build after one prose edit and after one snippet edit (no notebook edition)."""
    rows: list[tuple[str, float, str, float]] = []
    for size in sorted({max(1, copies // 2), copies}):
        book = Book(v, size)
        rows.append((f"book warm build, {book.pages} pages", median_of(runs, book.warm),
                     "bare Material", book.bare_seconds(runs)))  # fmt: skip
    rows.append((f"book build after a prose edit, {book.pages} pages",
                 median_of(runs, lambda: book.prose_edit(book.ours)), "bare Material, same edit",
                 median_of(runs, lambda: book.prose_edit(book.bare))))  # fmt: skip
    rows.append((f"book build after a snippet edit, {book.pages} pages",
                 median_of(runs, book.snippet_edit), "bare Material", book.bare_seconds(runs)))  # fmt: skip
    return rows


class Book:
    """One generated book and its two builds, ours and bare Material's."""

    def __init__(self, v: Variants, copies: int) -> None:
        work = _dir(v.work / f"book-{copies}")
        self.ours, self.bare, self.pages = write_book(work, copies)
        self.sites = {
            self.ours: v.site(f"book-{copies}-ours"),
            self.bare: v.site(f"book-{copies}-bare"),
        }
        self.cache = v.work / "book-cache"
        self.env = {"NOTEBOOKS_DIR": str(_dir(v.work / "book-no-notebooks"))}
        self.page = work / "book-docs" / "part001" / "gradient.md"
        self.warm()  # fill the caches

    def build(self, config: Path) -> float:
        return _build(config, self.sites[config], self.cache, self.env)

    def warm(self) -> float:
        return self.build(self.ours)

    def bare_seconds(self, runs: int) -> float:
        return median_of(runs, lambda: self.build(self.bare))

    def prose_edit(self, config: Path) -> float:
        original = self.page.read_bytes()
        self.page.write_bytes(original + f"\n\n又一句话 {time.time_ns()}。\n".encode())
        try:
            return self.build(config)
        finally:
            self.page.write_bytes(original)

    def snippet_edit(self) -> float:
        snippet = ROOT / "snippets" / "derivative_table.py"
        source = snippet.read_bytes()
        snippet.write_bytes(source + f"\n# bench edit {time.time_ns()}\n".encode())
        try:
            return self.warm()
        finally:
            snippet.write_bytes(source)
            self.warm()  # back to a warm cache


SERVE_COPIES = 38  # ~300 pages: issue 13's book under `make serve`
RELOAD_GOAL = 2.0  # seconds from a save to the browser showing it


def serve_figures(v: Variants, runs: int) -> list[tuple[str, float, str, float]]:
    """Save-to-browser under `mkdocs serve --dirty` (``serve_reload.py``) at ~300 pages: a
    prose edit against bare Material serving the same book, a snippet edit against the goal."""
    figures = serve_reload.measure(_dir(v.work / "serve-book"), SERVE_COPIES, edits=runs)
    pages = f"{SERVE_COPIES * len([p for p in nav_pages() if p.source.endswith('.md')])} pages"
    return [
        (f"serve: prose edit shown, {pages}", figures["ours prose edit"],
         "bare Material, same edit", figures["bare prose edit"]),
        (f"serve: prose edit shown, {pages}", figures["ours prose edit"],
         "the 2 s goal", RELOAD_GOAL),
        (f"serve: snippet edit's plot shown, {pages}", figures["ours snippet edit"],
         "the 2 s goal", RELOAD_GOAL),
    ]  # fmt: skip


def pdf_figures(v: Variants, runs: int, warm: float) -> list[tuple[str, float, str, float]]:
    """The PDF edition: its build time against a warm site build, its size and pages."""
    out = v.work / "calculus.pdf"
    site = v.site("ours")

    def pdf() -> float:
        start = time.perf_counter()
        build_pdf(site, out)
        return time.perf_counter() - start

    seconds = median_of(runs, pdf)
    site_kib = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1024
    chapters = len(chapter_pages(nav_pages()))
    return [
        ("PDF edition build (after the site)", seconds, "warm site build", warm),
        ("PDF size KiB", out.stat().st_size / 1024, "site/ KiB", site_kib),
        ("PDF pages", float(len(PdfReader(out).pages)), "chapter pages", float(chapters)),
    ]


# Resolves once the page has painted and no formula has been added for 300 ms (the client
# recipe renders after load; ours has all math in the HTML), or after 20 s at the latest.
MATH_VISIBLE = """() => new Promise(resolve => {
  const started = performance.now();
  const check = () => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const now = performance.now();
    const settled = document.readyState === "complete" && now - (window.__mathAt ?? 0) > 300;
    if ((paint && settled) || now - started > 20000)
      resolve(Math.max(paint ? paint.startTime : now, window.__mathAt ?? 0));
    else setTimeout(check, 50);
  };
  check();
})"""
OBSERVE_MATH = """window.__mathAt = 0;
let seen = 0;
// The time the last formula appeared: later DOM changes (Material's own) do not count.
new MutationObserver(() => {
  const count = document.querySelectorAll('.katex').length;
  if (count > seen) { seen = count; window.__mathAt = performance.now(); }
}).observe(document, {subtree: true, childList: true});"""


PAGE_FIGURES = (
    # (row label, how to read it from a Lighthouse report)
    ("requests", lambda r: r.requests),
    ("transferred KiB", lambda r: r.transferred_bytes / 1024),
    ("LCP ms", lambda r: r.lcp_ms),
    ("CLS", lambda r: r.cls),
    ("TBT ms", lambda r: r.tbt_ms),
    *(
        (f"Lighthouse {name}", lambda r, name=name: r.scores[name])
        for name in lighthouse.CATEGORIES
    ),
)


def page_figures(v: Variants, runs: int, pages: list[str]) -> list[tuple[str, float, str, float]]:
    """Per page, ours against the client recipe: math visible, then Lighthouse's figures.

    Both sites are served gzip-compressed, as a host serves them; Lighthouse uses its mobile
    preset. Each figure is the median of its own over ``runs`` runs.
    """
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p, serve(v.site("ours"), compress=True) as ours:
        with serve(v.site("client"), compress=True) as client:
            browser = launch(p)
            for page in pages:
                bases = {"ours": ours, "client": client}
                visible = {
                    name: median_of(runs, lambda url=base + page: _math_visible(browser, url))
                    for name, base in bases.items()
                }
                rows.append(
                    (f"{page or '/'}  math visible ms", visible["ours"], CLIENT, visible["client"])
                )
                reports = {
                    name: [lighthouse.run(base + page) for _ in range(runs)]
                    for name, base in bases.items()
                }
                for label, read in PAGE_FIGURES:
                    mine, theirs = (
                        statistics.median(read(r) for r in reports[name])
                        for name in ("ours", "client")
                    )
                    rows.append((f"{page or '/'}  {label}", mine, CLIENT, theirs))
            browser.close()
    return rows


def _math_visible(browser, url: str) -> float:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    context.add_init_script(OBSERVE_MATH)
    page = context.new_page()
    page.goto(url, wait_until="commit", timeout=30000)
    at = float(page.evaluate(MATH_VISIBLE))
    context.close()
    return at


def print_table(rows: list[tuple[str, float, str, float]]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'value':>9}  {'baseline':>9}  {'ratio':>6}  baseline is")
    for name, value, base_name, base in rows:
        ratio = f"{value / base:6.2f}" if base else "     -"
        print(f"{name:<{width}}  {value:9.2f}  {base:9.2f}  {ratio}  {base_name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--pages", nargs="*", default=None, help="page URLs such as gradient/ (default: the nav)"
    )
    parser.add_argument(
        "--book", type=int, default=DEFAULT_COPIES,
        help=f"copies of the chapters in the book figures (default {DEFAULT_COPIES}; 0 skips them)",
    )  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        variants = Variants(Path(tmp))
        rows = build_figures(variants, args.runs)
        if args.book:
            rows += book_figures(variants, args.runs, args.book)
            rows += serve_figures(variants, args.runs)
        # The chapter pages: the client recipe has no notebook pages to compare with.
        chapter = [p.url for p in nav_pages() if not p.source.endswith(".ipynb")]
        pages = args.pages if args.pages is not None else chapter
        rows += page_figures(variants, args.runs, pages)
    print(f"median of {args.runs} runs each; ratio = value / baseline (lower is better,")
    print("except Lighthouse scores: higher is better; 100 is the top)\n")
    print_table(rows)


if __name__ == "__main__":
    main()
