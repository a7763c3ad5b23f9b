"""Math through a real strict build: Markdown in, KaTeX HTML + MathML out, no math JavaScript."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from scripts.build.math.extract import Formula
from scripts.build.math.katex_preload import fonts_used
from scripts.build.math.katex_render import KatexRenderer, MathError
from scripts.build.math.pages import MathPages
from tests.sitebuild import ROOT, build_fixture, tiny_png

NOTE = ROOT / "tests" / "fixtures" / "calculus-note.md"
SHARED_NOTE = ROOT.parent / "shared" / "notes" / "calculus.md"

CASES = {
    "inline.md": "# 行内\n\n设 $x\\in\\mathbb{R}^n$，且 $y=2x_i$。\n",
    "blank-lines.md": "# 块\n\n前文\n\n$$\na+b\n$$\n\n后文\n",
    "no-blank-lines.md": "# 块\n\n前文\n$$\nc+d\n$$\n后文\n",
    "consecutive.md": "# 连续\n\n$$\ne_1\n$$\n$$\ne_2\n$$\n",
    "list.md": "# 列表\n\n- 第一项\n    $$\n    \\{ x : x > 0 \\}\n    $$\n- 第二项 $\\|v\\|$\n",
    "blockquote.md": "# 引用\n\n> 引文\n> $$\n> \\|x\\|^2\n> $$\n",
    "row-spacing.md": "# 行距\n\n$$\n\\begin{bmatrix} 1\\\\[4pt] 2 \\end{bmatrix}\n$$\n",
    "text-chinese.md": (
        "# 文字\n\n$$\n\\begin{cases}\n\\dfrac{x}{2}, & x>0,\\\\[6pt]\n"
        "\\text{未定义（次梯度为 }\\{g\\}\\text{）}, & x=0.\n\\end{cases}\n$$\n"
    ),
    "code.md": "# 代码\n\n`$a$` 和\n\n```python\nprint('$b$')\n```\n\n价格 \\$5。\n",
    "table.md": "# 表格\n\n| 式 | 梯度 |\n|:--|:--|\n| $\\|x\\|^2 = x^\\top x$ | $2x$ |\n",
    "heading.md": "# 标题\n\n## 例子 $x^2$ 与 $y$\n\n正文 $z$。\n",
    "admonition.md": '# 提示\n\n!!! note "注意"\n    行内 $a^2$ 与块：\n    $$\n    b^2\n    $$\n',
}


def _annotations(page: str) -> list[str]:
    found = re.findall(r'<annotation encoding="application/x-tex">(.*?)</annotation>', page, re.S)
    return [html.unescape(tex) for tex in found]


def _same_tex(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def _oracle(markdown: str) -> list[str]:
    """The note's formulas in order of appearance, by plain regular expressions."""
    found = [(m.start(), m[1]) for m in re.finditer(r"\$\$(.*?)\$\$", markdown, re.S)]
    rest = re.sub(r"\$\$.*?\$\$", lambda m: " " * len(m[0]), markdown, flags=re.S)
    found += [(m.start(), m[1]) for m in re.finditer(r"\$([^$\n]+?)\$", rest)]
    return [tex for _, tex in sorted(found)]


@pytest.fixture(scope="module")
def cases_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("math")
    # The note embeds a screenshot (Obsidian's ![[…]]): any image of that name lets it build.
    image = {"Pasted image 20251026004712.png": tiny_png()}
    pages: dict[str, str | bytes] = {"note.md": NOTE.read_text(encoding="utf-8"), **CASES, **image}
    result = build_fixture(tmp, pages)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def _page(site: Path, name: str) -> str:
    return (site / name.removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def test_fixture_is_the_recovered_note_unedited() -> None:
    if not SHARED_NOTE.exists():
        pytest.skip("the shared notes are not beside this checkout")
    assert NOTE.read_bytes() == SHARED_NOTE.read_bytes()


def test_note_renders_41_of_41_formulas_as_written(cases_site: Path) -> None:
    expected = _oracle(NOTE.read_text(encoding="utf-8"))
    assert len(expected) == 41
    page = _page(cases_site, "note.md")
    rendered = _annotations(page)
    assert len(rendered) == 41
    for source, output in zip(expected, rendered, strict=True):
        assert _same_tex(source, output), (source, output)
    assert "katex-error" not in page
    assert page.count('class="katex-display"') == sum("\n" in tex for tex in expected)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("inline.md", ["x\\in\\mathbb{R}^n", "y=2x_i"]),
        ("blank-lines.md", ["a+b"]),
        ("no-blank-lines.md", ["c+d"]),
        ("consecutive.md", ["e_1", "e_2"]),
        ("list.md", ["\\{ x : x > 0 \\}", "\\|v\\|"]),
        ("blockquote.md", ["\\|x\\|^2"]),
        ("row-spacing.md", ["\\begin{bmatrix} 1\\\\[4pt] 2 \\end{bmatrix}"]),
        ("text-chinese.md", [CASES["text-chinese.md"].split("$$")[1]]),
        ("table.md", ["\\|x\\|^2 = x^\\top x", "2x"]),
        ("admonition.md", ["a^2", "b^2"]),
    ],
)
def test_each_case_reaches_katex_as_written(
    cases_site: Path, name: str, expected: list[str]
) -> None:
    page = _page(cases_site, name)
    rendered = _annotations(page)
    assert len(rendered) == len(expected)
    for source, output in zip(expected, rendered, strict=True):
        assert _same_tex(source, output), (source, output)
    assert "katex-error" not in page


def test_blocks_stay_inside_their_containers(cases_site: Path) -> None:
    assert re.search(r"<li>.*?katex-display.*?</li>", _page(cases_site, "list.md"), re.S)
    assert re.search(
        r"<blockquote>.*?katex-display.*?</blockquote>", _page(cases_site, "blockquote.md"), re.S
    )
    assert re.search(
        r'class="admonition note".*?katex-display', _page(cases_site, "admonition.md"), re.S
    )
    assert re.search(r"<td[^>]*>\s*<span class=\"katex\">", _page(cases_site, "table.md"))
    no_blank = _page(cases_site, "no-blank-lines.md")
    assert re.search(
        r"<p>前文</p>\s*<span class=\"katex-display\">.*</span>\s*<p>后文</p>", no_blank, re.S
    )


def test_dollars_in_code_and_escaped_dollars_are_not_math(cases_site: Path) -> None:
    page = _page(cases_site, "code.md")
    assert _annotations(page) == []
    assert "<code>$a$</code>" in page
    assert "$b$" in page
    assert "价格 $5。" in page or "价格 &#36;5。" in page


def test_pages_load_no_math_javascript_and_katex_css_from_the_site(cases_site: Path) -> None:
    page = _page(cases_site, "note.md")
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert not [s for s in scripts if re.search(r"katex|mathjax|arithmatex", s, re.I)], scripts
    # KaTeX's stylesheet is inline (scripts/build/math/katex_assets.py), its fonts from the root
    assert "katex.min.css" not in page
    (style,) = [s for s in re.findall(r"<style>(.*?)</style>", page, re.S) if ".katex" in s]
    fonts = re.findall(r"url\(/(assets/katex/fonts/[^)]+)\)", style)
    assert fonts and all((cases_site / font).is_file() for font in fonts)
    css = (cases_site / "assets" / "katex" / "katex.min.css").read_text(encoding="utf-8")
    assert len(re.findall(r"url\(fonts/[^)]+\)", css)) == len(fonts)  # the file, for 404.html


def test_invalid_tex_stops_the_build_with_page_line_and_reason(tmp_path: Path) -> None:
    bad = "# 坏公式\n\n正文\n$$\n\\frac{1}{\\nosuchmacro}\n$$\n"
    result = build_fixture(tmp_path, {"bad.md": bad})
    assert result.returncode != 0
    assert "bad.md:4" in result.stderr, result.stderr
    assert "\\nosuchmacro" in result.stderr and "Undefined control sequence" in result.stderr
    assert not (tmp_path / "site" / "bad" / "index.html").exists()


def test_warm_build_renders_nothing(tmp_path: Path) -> None:
    pages = {"a.md": "# 甲\n\n$\\alpha_{warm}$ 与 $$\n\\beta_{warm}\n$$\n"}
    first = build_fixture(tmp_path, pages)
    second = build_fixture(tmp_path, pages)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "math: 2 formulas, 2 from cache, 0 rendered" in second.stderr, second.stderr


def test_math_in_a_heading_stays_valid_html(cases_site: Path) -> None:
    page = _page(cases_site, "heading.md")
    heading = re.search(r"<h2 [^>]*>(.*?)</h2>", page, re.S)
    assert heading and heading[1].count('class="katex"') == 2
    for tag in re.findall(r"<[^>]+>", page):
        assert "xkatexph" not in tag and "<span" not in tag[1:], tag


def test_repeated_formulas_are_rendered_and_cached_once(tmp_path: Path) -> None:
    formulas = [
        Formula("x^2", False, "a.md", 3),
        Formula("x^2", True, "a.md", 5),  # the same TeX as a block: another formula
        Formula("x^2", False, "b.md", 9),
    ]
    first = KatexRenderer(tmp_path).render_all(formulas)
    assert first[0] == first[2] != first[1]
    assert first[0].startswith('<span class="katex">') and "katex-display" in first[1]
    assert len(list(tmp_path.rglob("*.html"))) == 2
    assert KatexRenderer(tmp_path).render_all(formulas[::-1]) == first[::-1]


def test_invalid_tex_repeated_is_reported_at_its_first_place(tmp_path: Path) -> None:
    bad = [Formula("\\nosuchmacro", False, "a.md", 4), Formula("\\nosuchmacro", False, "b.md", 2)]
    with pytest.raises(MathError, match=r"a\.md:4") as error:
        KatexRenderer(tmp_path).render_all(bad)
    assert "b.md" not in str(error.value)


@pytest.mark.parametrize("name", ["note.md", *CASES])
def test_pages_preload_the_fonts_their_math_is_set_in(cases_site: Path, name: str) -> None:
    page = _page(cases_site, name)
    head, body = page.split("</head>", 1)
    # each font under its served name: KaTeX's name, a hash of its content (katex_fonts.py),
    # in the head (render-blocking, so the math is laid out once) and before the stylesheets
    # (requested with them: Chromium held the first frame for fonts that came after them)
    preload = re.compile(r'<link rel="preload" href="[^"]*/fonts/([^"/.]+)\.[0-9a-f]{8}\.woff2"')
    assert preload.findall(body) == []
    preloaded = preload.findall(head)
    assert preloaded == fonts_used(body)
    if preloaded:
        links = re.search(r'(?:<link rel="preload"[^>]*>)+', head)
        assert links and preload.findall(links.group(0)) == preloaded  # side by side
        assert '<link rel="stylesheet"' not in head[: links.start()]
    assert bool(preloaded) == (name != "code.md")


class _ClassRenderer(KatexRenderer):
    """Renders each formula as a KaTeX span whose inner class is the formula's TeX."""

    def render_all(self, formulas: Sequence[Formula]) -> list[str]:
        return [f'<span class="katex"><span class="{f.tex}">x</span></span>' for f in formulas]


def test_fonts_are_those_of_the_formulas_shown_as_html() -> None:
    math = MathPages(_ClassRenderer())
    math.extract("p.md", "$mathbb$ $mathbf$ $delimsizing size4$", "p.md")
    math.extract("q.md", "$mathbb$", "q.md")
    math.render()
    # Formula 0 stands in an attribute: it is shown as TeX there, in no KaTeX font.
    math.fill("p.md", '<h2 title="xkatexph0x">xkatexph1x</h2><p>xkatexph2x</p>')
    assert math.fonts("p.md") == ["KaTeX_Main-Regular", "KaTeX_Main-Bold", "KaTeX_Size4-Regular"]
    assert math.fonts("q.md") == []  # not filled yet
    math.fill("q.md", "<p>xkatexph0x</p>")
    assert math.fonts("q.md") == ["KaTeX_Main-Regular", "KaTeX_AMS-Regular"]
