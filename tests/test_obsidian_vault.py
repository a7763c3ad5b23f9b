"""An Obsidian vault with every syntax the author uses builds strict and shows what Obsidian shows.

The vault (tests/fixtures/obsidian-vault) is built with a nav that lists two of its notes; the
others (a note in a subfolder, a note dropped in, the tags index) must join the nav by themselves.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, build_tree

VAULT = ROOT / "tests" / "fixtures" / "obsidian-vault"
PAGES = ["index", "gradient", "notes/deep/deep-note", "notes/dropped", "tags"]
TYPES = "note abstract info todo tip success question warning failure danger bug example quote"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("vault")
    result = build_tree(tmp, VAULT, nav=["index.md", "gradient.md"])
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def _html(site: Path, page: str) -> str:
    path = site / ("index.html" if page == "index" else f"{page}/index.html")
    return path.read_text(encoding="utf-8")


def _article(site: Path, page: str) -> str:
    text = _html(site, page)
    return text[text.index("<article") : text.index("</article>")]


def _text(article: str) -> str:
    """What a reader reads of the notes: no code, math markup, claim marks (they print
    ``== 0``) or tags."""
    article = re.sub(r"<pre.*?</pre>|<code.*?</code>|<math.*?</math>", "", article, flags=re.S)
    article = re.sub(r'<details class="claim-check".*?</details>', "", article, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", article))


def _oracle(markdown: str) -> int:
    """Formulas of Markdown as Obsidian shows it: comments hidden, $$…$$ and $…$ counted."""
    markdown = re.sub(r"%%.*?%%", "", markdown, flags=re.S)
    blocks = len(re.findall(r"\$\$.*?\$\$", markdown, re.S))
    rest = re.sub(r"\$\$.*?\$\$", "", markdown, flags=re.S)
    return blocks + len(re.findall(r"\$[^$\n]+?\$", rest))


def _formulas(article: str) -> int:
    """Formulas rendered in ``article``, leaving out the claim marks' own readings."""
    article = re.sub(r'<details class="claim-check".*?</details>', "", article, flags=re.S)
    return article.count('<annotation encoding="application/x-tex">')


def test_no_obsidian_syntax_is_left_as_text(site: Path) -> None:
    for page in PAGES:
        text = _text(_article(site, page))
        for raw in ("[[", "]]", "[!", "%%", "=="):
            assert raw not in text, (page, raw, text)


def test_comments_are_never_published(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml"}:
            assert "秘密" not in path.read_text(encoding="utf-8"), path


def test_wikilinks_go_to_pages_and_anchors_that_exist(site: Path) -> None:
    article = _article(site, "index")
    links = dict(re.findall(r'<a href="([^"]+)">([^<]+)</a>', article))
    assert links["gradient/#范数平方的梯度"] == "gradient &gt; 范数平方的梯度"
    assert links["notes/deep/deep-note/#^blockref1"] == "deep-note &gt; ^blockref1"
    assert links["#本页小节"] == "本页小节"
    assert '<a href="gradient/">梯度页</a>' in article
    assert '<a href="gradient/">表格里的梯度</a>' in article  # [[gradient\|…]] in a table
    assert '<a href="notes/deep/deep-note/">别名页</a>' in article  # aliases: in front matter
    checked = 0
    for page in PAGES:
        base = "" if page == "index" else page + "/"
        for href in re.findall(r'<a (?:class="[^"]*" )?href="([^"]+)"', _article(site, page)):
            if "://" in href or href.endswith(".pdf"):
                continue
            path, _, anchor = urllib.parse.unquote(href).partition("#")
            target = (site / base / path).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), (page, href)
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page, href)
            checked += 1
    assert checked >= 20


def test_images_are_found_anywhere_and_sized(site: Path) -> None:
    article = _article(site, "index")
    images = re.findall(r"<img ([^>]+)>", article)
    attributes = [dict(re.findall(r'(\w+)="([^"]*)"', i)) for i in images]
    for image in attributes:
        assert (site / urllib.parse.unquote(image["src"])).is_file(), image
    assert {"alt": "Pasted image 20251026004712.png",
            "src": "%E9%99%84%E4%BB%B6/Pasted%20image%2020251026004712.png"} in attributes  # fmt: skip
    assert {"alt": "logo.svg", "src": "images/logo.svg", "width": "300"} in attributes
    assert {"alt": "标题", "src": "images/logo.svg"} in attributes
    assert {"alt": "logo.svg", "src": "images/logo.svg", "width": "64"} in attributes  # embedded


def test_callouts_are_admonitions_with_their_fold_state(site: Path) -> None:
    article = _article(site, "index")
    for kind in TYPES.split():
        assert re.search(rf'<(div|details) class="(admonition )?{kind}"', article), kind
    assert '<details class="warning">\n<summary>折叠</summary>' in article  # "-": closed
    assert '<details class="info" open="open">\n<summary>展开</summary>' in article  # "+": open
    nested = article[article.index('<details class="info"') :]
    assert nested.index('class="admonition danger"') < nested.index("</details>")
    tip = article[article.index('class="admonition tip"') :]
    tip = tip[: tip.index("</div>")]
    assert tip.count("<annotation") == 2 and 'class="katex-display"' in tip  # math in a callout
    assert '<div class="admonition question">\n<p class="admonition-title">别名类型' in article
    assert "<blockquote>\n<p>普通引用，不是标注。</p>" in article


def test_highlights_are_marks(site: Path) -> None:
    article = _article(site, "index")
    assert "<mark>高亮</mark>" in article and "<mark>列表高亮</mark>" in article


def test_code_keeps_obsidian_syntax_as_written(site: Path) -> None:
    code = re.findall(r"<code>(.*?)</code>", _article(site, "index"), re.S)
    assert any("[[不是链接]]、==不是高亮==、%%不是注释%% 与 &gt; [!note]" in c for c in code)


def test_formula_count_equals_the_sources(site: Path) -> None:
    def source(name: str) -> str:
        return (VAULT / name).read_text(encoding="utf-8")

    deep = source("notes/deep/deep-note.md")
    assert _formulas(_article(site, "gradient")) == _oracle(source("gradient.md")) == 2
    # The deep note shows a snippet's table, whose formulas are not in its source.
    from_snippet = _formulas(_article(site, "notes/deep/deep-note")) - _oracle(deep)
    assert from_snippet > 0
    section = source("gradient.md").split("## 范数平方的梯度")[1].split("## 其他")[0]
    index = source("index.md").split("```")[0]
    expected = _oracle(index) + _oracle(section) + _oracle(deep) + from_snippet
    assert _oracle(index) == 8  # $\alpha$ is in a comment
    article = _article(site, "index")
    assert _formulas(article) == expected
    assert "katex-error" not in article


def test_embedded_notes_are_transcluded_and_processed(site: Path) -> None:
    article = _article(site, "index")
    assert '<h2 id="范数平方的梯度">' in article  # ![[gradient#范数平方的梯度]]
    assert article.count('class="claim-check"') == 1  # its claim, verified
    assert "2.3000000000000043" in article  # the deep note's snippet table
    assert "其他内容" not in article  # the section ends at the next heading
    assert article.count("这一段有块标识") == 2  # the whole note, and ![[deep-note#^blockref1]]
    assert article.count('id="^blockref1"') == 0  # the block's id stays on its own page
    # Links in the embedded note are made from this page, not from the note's folder.
    assert '<a href="./">index</a>' in article


def test_block_ids_are_anchors(site: Path) -> None:
    article = _article(site, "notes/deep/deep-note")
    assert '<span id="^blockref1"></span></p>' in article
    assert "^blockref1" not in _text(article)


def test_tags_from_front_matter_and_text_are_indexed(site: Path) -> None:
    tags = _article(site, "tags")
    assert 'id="tag:微积分"' in tags and 'id="tag:标签"' in tags
    assert tags.count('<a href="..">') == 2  # the index page under each tag
    article = _article(site, "index")
    assert '<a class="md-tag obsidian-tag" href="tags/#tag:标签">#标签</a>' in article


def test_notes_not_in_the_nav_join_it_after_the_fixed_order(site: Path) -> None:
    page = _html(site, "notes/dropped")
    nav = page[page.index("md-nav--primary") : page.index("md-sidebar--secondary")]
    titles = [t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*<', nav, re.S)]
    assert titles == ["库首页", "梯度", "notes", "deep", "深层笔记", "新放入的笔记", "标签"]


def test_snippets_and_claims_work_inside_callouts(site: Path) -> None:
    article = _article(site, "notes/dropped")
    answer = article[article.index('<details class="success">') :]
    answer = answer[
        : answer.index("</details>\n</div>") if "</details>\n</div>" in answer else None
    ]
    assert '<details class="claim-check"' in answer  # the claim's mark, in the callout
    assert "<table>" in answer and "2.3000000000000043" in answer  # the snippet's table
    assert "md:" not in answer and "&gt;" not in _text(answer)
