"""The real site: a strict build, its pages, their descriptions, search, nothing off-origin."""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

import yaml

from scripts.build.notebooks.pages import DARK_PNG
from scripts.build.site_nav import nav_pages
from tests.pages import TERMS
from tests.sitebuild import ROOT, run_mkdocs

NAV = [
    ("导读", "index.md"),
    ("导数和微分", "derivative.md"),
    ("偏导数", "partial.md"),
    ("梯度", "gradient.md"),
    ("链式法则", "chain-rule.md"),
    ("小结", "summary.md"),
    ("练习", "exercises.md"),
    ("勘误", "errata.md"),
]


def _output(site: Path, source: str) -> Path:
    return site / ("index.html" if source == "index.md" else f"{source[:-3]}/index.html")


def _front_matter(source: str) -> dict[str, str]:
    text = (ROOT / "docs" / source).read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, f"docs/{source} has no front matter"
    return yaml.safe_load(match[1])


NOTEBOOKS = [
    ("导数和微分", "notebooks/derivative.ipynb"),
    ("偏导数", "notebooks/partial.ipynb"),
    ("梯度", "notebooks/gradient.ipynb"),
    ("链式法则", "notebooks/chain-rule.ipynb"),
    ("练习", "notebooks/exercises.ipynb"),
]


def test_nav_is_the_chapter_in_order_then_the_notebooks() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    *chapter, (section,) = [tuple(item.items()) for item in config["nav"]]
    assert [pair for (pair,) in chapter] == NAV
    assert section[0] == "可运行笔记本"
    assert [tuple(*item.items()) for item in section[1]] == NOTEBOOKS


def test_every_nav_page_is_built_with_its_description(built_site: Path) -> None:
    for title, source in NAV:
        html = _output(built_site, source).read_text(encoding="utf-8")
        description = _front_matter(source)["description"]
        assert len(description) >= 20, source
        meta = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert meta and meta[1] == description, source
        assert f"<title>{title}" in html or source == "index.md", source
        assert '<html lang="zh"' in html, source


def test_pages_carry_katex_stylesheet_inline_with_fonts_from_the_site_root(
    built_site: Path,
) -> None:
    """Inline, Material's instant navigation cannot re-apply it (a layout shift); its fonts are
    named from the root, so they resolve on a page at any depth after instant navigation."""
    css = (built_site / "assets/katex/katex.min.css").read_text(encoding="utf-8")
    fonts = re.findall(r"url\(fonts/([^)]+)\)", css)
    assert fonts
    for page in nav_pages():
        html = (built_site / page.url / "index.html").read_text(encoding="utf-8")
        assert "katex.min.css" not in html, page.url
        (style,) = [s for s in re.findall(r"<style>(.*?)</style>", html, re.S) if ".katex" in s]
        assert re.findall(r"url\(/assets/katex/fonts/([^)]+)\)", style) == fonts, page.url
        assert all((built_site / "assets/katex/fonts" / f).is_file() for f in fonts)
    assert "assets/katex/katex.min.css" in (built_site / "404.html").read_text(encoding="utf-8")


def test_custom_404_page(built_site: Path) -> None:
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in html


def test_search_index_holds_jieba_segmented_terms(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    for term, location in TERMS.items():
        if not re.search(r"[\u4e00-\u9fff]", term):
            continue  # a TeX term: tests/test_search_index.py
        holders = [
            doc["location"]
            for doc in index["docs"]
            if re.search(rf"(^|\u200b|\s){term}(\u200b|\s|$)", doc["title"] + " " + doc["text"])
        ]
        assert holders, f"no search entry holds {term!r} as a segmented word"
        assert any(loc.split("#")[0] == location for loc in holders), (term, holders)


def test_nothing_is_loaded_from_another_origin(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for attr in re.findall(r"<(?:script|link|img|source|iframe)\b[^>]*>", html):
            url = re.search(r'\b(?:src|href)="([^"]+)"', attr)
            if url and 'rel="canonical"' not in attr:
                assert not re.match(r"(https?:)?//", url[1]), f"{page}: {attr}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            assert not re.match(r"['\"]?(https?:)?//", url), f"{css}: {url}"


def test_theme_features(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    config = json.loads(
        re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1]
    )
    for feature in ("navigation.instant", "content.code.copy", "toc.follow"):
        assert feature in config["features"]
    assert 'media="(prefers-color-scheme: light)"' in html or "prefers-color-scheme" in html
    assert 'rel="icon" href="assets/favicon.svg"' in html


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    trees = []
    for run in ("one", "two"):
        site = tmp_path / f"site-{run}"
        env = {"BUILD_CACHE_DIR": str(tmp_path / f"cache-{run}"), "SOURCE_DATE_EPOCH": "1700000000"}
        result = run_mkdocs(ROOT / "mkdocs.yml", site, env)
        assert result.returncode == 0, result.stderr
        trees.append(
            {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        )
    assert trees[0].keys() == trees[1].keys()
    differing = [name for name in trees[0] if trees[0][name] != trees[1][name]]
    assert differing == []


def test_chapter_pages_and_their_notebooks_link_both_ways(built_site: Path) -> None:
    for _, source in NOTEBOOKS:
        name = Path(source).stem
        chapter = (built_site / name / "index.html").read_text(encoding="utf-8")
        assert f'href="../notebooks/{name}/"' in chapter, name
        notebook = (built_site / "notebooks" / name / "index.html").read_text(encoding="utf-8")
        assert f'href="../../{name}/"' in notebook, name  # back to the chapter, relative
        assert f'<a href="{name}.ipynb" download' in notebook, name
        assert (built_site / "notebooks" / name / f"{name}.ipynb").is_file()
        assert "cdnjs" not in notebook and 'src=""' not in notebook  # no MathJax, no Mermaid
        assert "No description has been provided" not in notebook  # plots keep their alt text
        assert "data:image/png" not in notebook  # plots are files, one per palette
        # JupyterLab's CSS is one shared, cached file (KaTeX's is inline in every page)
        assert "<style" not in re.sub(r"<style>[^<]*\.katex[^<]*</style>", "", notebook)
        # Section headings get ids the table of contents can link to (mkdocs-jupyter's slugs
        # drop Chinese, so outlines number their steps).
        ids = re.findall(r'<h[2-6] id="([^"]*)"', notebook)
        assert ids and all(ids) and len(set(ids)) == len(ids), (name, ids)


def test_notebook_pages_show_each_plot_in_both_palettes(built_site: Path) -> None:
    """Each plot output of an executed notebook is on its page twice, light and dark, each the
    very PNG the notebook holds, with the alt text the snippet gives it."""
    shown = 0
    for _, source in NOTEBOOKS:
        name = Path(source).stem
        folder = built_site / "notebooks" / name
        page = (folder / "index.html").read_text(encoding="utf-8")
        notebook = json.loads((folder / f"{name}.ipynb").read_text(encoding="utf-8"))
        outputs = [
            output
            for cell in notebook["cells"]
            for output in cell.get("outputs", [])
            if "image/png" in output.get("data", {})
        ]
        images = {
            variant: re.findall(rf'<img alt="([^"]+)" src="([^"#]+)#only-{variant}"', page)
            for variant in ("light", "dark")
        }
        assert len(images["light"]) == len(images["dark"]) == len(outputs), name
        for output, light, dark in zip(outputs, images["light"], images["dark"], strict=True):
            alt = output["metadata"]["image/png"]["alt"]
            assert html.unescape(light[0]) == html.unescape(dark[0]) == alt
            light_png, dark_png = ((folder / image[1]).read_bytes() for image in (light, dark))
            assert light_png == base64.b64decode(output["data"]["image/png"])
            assert dark_png == base64.b64decode(output["data"][DARK_PNG])
            assert light_png != dark_png
        shown += len(outputs)
    assert shown >= 4  # the plots of 导数, 梯度 and 练习
