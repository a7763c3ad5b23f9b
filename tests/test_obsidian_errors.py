"""Bad Obsidian input stops the strict build: file:line, the target, and what was probably meant.

Every bad link of a build is reported at once, so one failing build of a page with one mistake
per line serves the link tests; the MathJax command fails later (KaTeX) and has a build of its own.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.sitebuild import build_fixture

GOOD = "---\ndescription: 被链接的页面。\n---\n\n# 梯度\n\n## 小节\n\n一段话，带块标识。 ^blk\n"
BAD_LINES = [
    "# 坏页面",
    "",
    "见 [[gradiant]]。",
    "",
    "见 [[gradient#小结]]。",
    "",
    "![[logo.pgn]]",
    "",
    "见 [[note]]。",
    "",
    "见 [[gradient#^blok]]。",
    "",
    "![[gradient#不存在的小节]]",
]
PAGES = {
    "gradient.md": GOOD,
    "a/note.md": "# 甲\n",
    "b/note.md": "# 乙\n",
    "images/logo.png": "not an image: only its name matters here\n",
    "bad.md": "\n".join(BAD_LINES) + "\n",
}


@pytest.fixture(scope="module")
def failed(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    tmp = tmp_path_factory.mktemp("bad-links")
    result = build_fixture(tmp, PAGES, nav=["gradient.md", "bad.md"])
    assert result.returncode != 0
    return result, tmp


def _line(text: str) -> str:
    return f"docs/bad.md:{BAD_LINES.index(text) + 1}:"


def _message(result: subprocess.CompletedProcess[str], text: str) -> str:
    where = _line(text)
    found = [line for line in result.stderr.splitlines() if where in line]
    assert found, result.stderr
    return found[0]


def test_nothing_is_published(failed: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    assert not (failed[1] / "site" / "bad" / "index.html").exists()


def test_unresolved_wikilink_names_the_closest_note(failed: tuple) -> None:
    message = _message(failed[0], "见 [[gradiant]]。")
    assert "unresolved wikilink 'gradiant'" in message and "did you mean 'gradient'" in message


def test_unresolved_heading_names_the_headings_there_are(failed: tuple) -> None:
    message = _message(failed[0], "见 [[gradient#小结]]。")
    assert "no heading '小结'" in message and "did you mean '小节'" in message
    message = _message(failed[0], "![[gradient#不存在的小节]]")
    assert "embed to a missing heading" in message and "'不存在的小节'" in message


def test_unresolved_embed_names_the_closest_file(failed: tuple) -> None:
    message = _message(failed[0], "![[logo.pgn]]")
    assert "unresolved embed 'logo.pgn'" in message and "did you mean 'logo.png'" in message


def test_ambiguous_name_names_both_paths(failed: tuple) -> None:
    message = _message(failed[0], "见 [[note]]。")
    assert "ambiguous name" in message
    assert "docs/a/note.md and docs/b/note.md" in message


def test_missing_block_names_the_blocks_there_are(failed: tuple) -> None:
    message = _message(failed[0], "见 [[gradient#^blok]]。")
    assert "no block '^blok'" in message and "did you mean '^blk'" in message


def test_unsupported_mathjax_command_names_command_file_and_line(tmp_path: Path) -> None:
    page = "# 公式\n\n支持的 $\\mbox{文字}$ 与 $\\displaylines{a\\\\b}$。\n\n不支持的 $\\bbox[red]{x}$。\n"
    result = build_fixture(tmp_path, {"math.md": page})
    assert result.returncode != 0
    assert "docs/math.md:5:" in result.stderr, result.stderr
    assert "\\bbox is not supported by KaTeX" in result.stderr
    assert "\\mbox" not in result.stderr.split("supported MathJax-only commands")[0]


def test_an_embed_that_includes_itself_names_the_chain(tmp_path: Path) -> None:
    pages = {"甲.md": "# 甲\n\n![[乙]]\n", "乙.md": "# 乙\n\n正文\n\n![[甲]]\n"}
    result = build_fixture(tmp_path, pages)
    assert result.returncode != 0
    assert (
        "docs/乙.md:5: ![[甲]] embeds itself: docs/甲.md → docs/乙.md → docs/甲.md"
        in (result.stderr)
        or "docs/甲.md:3: ![[乙]] embeds itself" in result.stderr
    ), result.stderr
