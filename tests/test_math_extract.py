"""Obsidian-style math is found exactly as written: Markdown in, formulas and placeholders out."""

from __future__ import annotations

import pytest

from scripts.build.math.extract import Formula, extract


def _formulas(markdown: str) -> tuple[str, list[tuple[str, bool]]]:
    found: list[Formula] = []
    text = extract(markdown, "page.md", found)
    return text, [(f.tex, f.display) for f in found]


def test_inline() -> None:
    text, found = _formulas("设 $x\\in\\mathbb{R}^n$，则 $2x_i$。")
    assert found == [("x\\in\\mathbb{R}^n", False), ("2x_i", False)]
    assert "$" not in text


def test_block_against_text_becomes_its_own_paragraph() -> None:
    text, found = _formulas("定义\n$$\na\\\\[4pt]b\n$$\n假设")
    assert found == [("\na\\\\[4pt]b\n", True)]
    assert text == "定义\n\n\nxkatexph0x\n\n假设"


def test_consecutive_blocks() -> None:
    _, found = _formulas("$$\na\n$$\n$$\nb\n$$\n")
    assert found == [("\na\n", True), ("\nb\n", True)]


def test_block_in_list_item_keeps_the_indent() -> None:
    text, found = _formulas("- 项\n    $$\n    \\{x\\}\n    $$\n    后文\n")
    assert found == [("\n    \\{x\\}\n    ", True)]
    assert "\n    xkatexph0x\n" in text


def test_block_in_blockquote_keeps_the_marker() -> None:
    text, found = _formulas("> 引文\n> $$\n> \\|x\\|\n> $$\n")
    assert found == [("\n\\|x\\|\n", True)]
    assert "\n>\n> xkatexph0x\n>" in text


def test_block_with_trailing_spaces_after_closing_delimiters() -> None:
    text, found = _formulas("$$\nf(1)=0\n$$  \n切线")
    assert found == [("\nf(1)=0\n", True)]
    assert "xkatexph0x\n\n切线" in text


@pytest.mark.parametrize(
    "markdown",
    [
        "价格 `$5 或 $6` 元",
        "```\n$x$\n```",
        "~~~python\nprice = '$x$'\n~~~",
        "> ```\n> $x$\n> ```",
        "<!-- $x$ -->",
    ],
    ids=["code-span", "fence", "tilde-fence", "fence-in-quote", "comment"],
)
def test_dollars_in_code_and_comments_are_not_math(markdown: str) -> None:
    text, found = _formulas(markdown)
    assert found == []
    assert text == markdown


def test_escaped_dollar_is_a_literal_dollar() -> None:
    text, found = _formulas("价格是 \\$5 和 \\$6。")
    assert found == []
    assert text == "价格是 &#36;5 和 &#36;6。"


def test_escaped_dollar_inside_math_stays_tex() -> None:
    _, found = _formulas("$\\$5$")
    assert found == [("\\$5", False)]


@pytest.mark.parametrize(
    "markdown",
    ["花了 $5 和 $6", "$ x$", "$x $", "a $x\n\ny$ b"],
    ids=["prices", "space-after-open", "space-before-close", "blank-line"],
)
def test_lone_dollars_are_text(markdown: str) -> None:
    _, found = _formulas(markdown)
    assert found == []


def test_lines_are_those_of_the_source() -> None:
    found: list[Formula] = []
    extract("一\n二 $a$\n$$\nb\n$$\n", "p.md", found, first_line=4)
    assert [(f.line, f.origin) for f in found] == [(5, "p.md"), (6, "p.md")]
