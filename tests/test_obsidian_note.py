"""The recovered Obsidian note, copied verbatim into docs/, builds strict beside its screenshot.

Without the screenshot it stops the build naming the note, the line and the missing file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, run_mkdocs, tiny_png
from tests.sitebuild import tree_config as config_for

SHARED_NOTE = ROOT.parent / "shared" / "notes" / "calculus.md"
IMAGE = "Pasted image 20251026004712.png"


def _vault(tmp: Path, with_image: bool) -> Path:
    if not SHARED_NOTE.exists():
        pytest.skip("the shared notes are not beside this checkout")
    tree = tmp / "vault"
    tree.mkdir()
    shutil.copyfile(SHARED_NOTE, tree / "calculus.md")
    if with_image:
        (tree / "attachments").mkdir()
        (tree / "attachments" / IMAGE).write_bytes(tiny_png())
    return tree


def test_recovered_note_builds_strict_beside_its_image(tmp_path: Path) -> None:
    config = config_for(tmp_path, _vault(tmp_path, with_image=True), nav=["calculus.md"])
    result = run_mkdocs(config, tmp_path / "site", {"NOTEBOOKS_DIR": str(tmp_path / "none")})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "calculus" / "index.html").read_text(encoding="utf-8")
    assert '<img alt="Pasted image 20251026004712.png" src="../attachments/Pasted%20image' in page
    assert (tmp_path / "site" / "attachments" / IMAGE).read_bytes() == tiny_png()
    assert page.count('<annotation encoding="application/x-tex">') == 41
    assert "![[" not in page and "katex-error" not in page


def test_recovered_note_without_its_image_names_the_missing_file(tmp_path: Path) -> None:
    config = config_for(tmp_path, _vault(tmp_path, with_image=False), nav=["calculus.md"])
    result = run_mkdocs(config, tmp_path / "site", {"NOTEBOOKS_DIR": str(tmp_path / "none")})
    assert result.returncode != 0
    line = SHARED_NOTE.read_text(encoding="utf-8").split("\n").index(f"![[{IMAGE}]]") + 1
    assert f"docs/calculus.md:{line}: unresolved embed '{IMAGE}'" in result.stderr, result.stderr


NEW_NOTE = """---
description: 一条新放进 docs/ 的笔记。
---

# 新笔记

[[gradient]]、[[gradient#范数平方的梯度]]、[[gradient#向量与矩阵求导直觉总结]]

> [!tip] 提示
> 提示里的 $x^2$

==高亮== %%不发布的注释%%

![[logo.svg]]
"""


def test_a_note_dropped_into_the_sites_docs_is_published_in_the_nav(tmp_path: Path) -> None:
    tree = tmp_path / "vault"
    shutil.copytree(ROOT / "docs", tree)
    (tree / "新笔记.md").write_text(NEW_NOTE, encoding="utf-8")
    result = run_mkdocs(config_for(tmp_path, tree), tmp_path / "site")  # mkdocs.yml's nav
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "新笔记" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../gradient/#范数平方的梯度">' in page
    assert '<a href="../gradient/#-向量与矩阵求导直觉总结">' in page  # the emoji left out
    assert '<div class="admonition tip">' in page and "<mark>高亮</mark>" in page
    assert '<img alt="logo.svg" src="../assets/logo.svg" />' in page
    assert "注释" not in page
    nav = page[page.index("md-nav--primary") : page.index("md-sidebar--secondary")]
    titles = [t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*<', nav, re.S)]
    chapters = ["导读", "导数和微分", "偏导数", "梯度", "链式法则", "小结", "练习", "勘误"]
    assert titles[: len(chapters) + 2] == [*chapters, "新笔记", "可运行笔记本"]
