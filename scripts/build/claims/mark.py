"""A verdict → the mark a reader sees under (or beside) the formula it backs."""

from __future__ import annotations

import html
from typing import Any

# The opening tag of every claim mark, a display formula's (here) or a snippet check's
# (``embed.py``): search skips it (``search_view.py``), Markdown never reads inside it
# (``held_marks.py``).
MARK_OPEN = '<details class="claim-check" data-search-exclude>'


def versions_text(versions: dict[str, str]) -> str:
    """The library versions a verdict was checked with, in name order (as the cache stores them).

    >>> versions_text({"sympy": "1.14.0", "numpy": "2.3.1"})
    'numpy 2.3.1，sympy 1.14.0'
    """
    return "，".join(f"{name} {version}" for name, version in sorted(versions.items()))


def _items(verdict: dict[str, Any]) -> list[str]:
    symbolic, numeric = verdict["symbolic"], verdict["numeric"]
    libraries = versions_text(verdict["versions"])
    items = [f"机器的读法：{'，'.join(f'${t}$' for t in verdict['read_as'])}"]
    if verdict["given"]:
        items.append(f"条件：{'；'.join(f'${g}$' for g in verdict['given'])}")
    items += [
        f"符号验证：{html.escape(symbolic['method'])}，尺寸 {html.escape(symbolic['sizes'])}",
        f"数值验证：{html.escape(numeric['method'])}，随机种子 {numeric['seed']}，"
        f"{numeric['samples']} 组样本，最大误差 {numeric['max_error']:g}"
        f"（容差 {html.escape(numeric['tolerance'])}）",
        f"版本：{html.escape(libraries)}",
    ]
    return items


def display_mark(verdicts: list[dict[str, Any]], summary: str = "✓ 构建时已验证") -> str:
    """One ``<details>`` block under a display formula or a table: what was checked, how."""
    blocks = []
    for verdict in verdicts:
        blocks.append("<ul>" + "".join(f"<li>{item}</li>" for item in _items(verdict)) + "</ul>")
    return (
        f'{MARK_OPEN}<summary title="这个公式由构建从它自己的 TeX 验证">'
        f"{summary}</summary>{''.join(blocks)}</details>"
    )


def inline_mark(verdict: dict[str, Any]) -> str:
    """A small ✓ after an inline formula; its title says what was checked."""
    numeric = verdict["numeric"]
    title = (
        f"构建时已验证：{' '.join(verdict['read_as'])}；sympy 符号验证与数值验证"
        f"（{numeric['samples']} 组样本，最大误差 {numeric['max_error']:g}）"
    )
    return f'<span class="claim-inline" data-search-exclude title="{html.escape(title)}">✓</span>'
