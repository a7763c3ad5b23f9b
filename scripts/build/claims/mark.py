"""A verdict → the mark a reader sees under (or beside) the formula it backs."""

from __future__ import annotations

import html
from typing import Any


def _items(verdict: dict[str, Any]) -> list[str]:
    symbolic, numeric = verdict["symbolic"], verdict["numeric"]
    libraries = "，".join(
        f"{name} {version}" for name, version in sorted(verdict["versions"].items())
    )
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
        '<details class="claim-check" data-search-exclude><summary title="这个公式由构建从它自己的 TeX 验证">'
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
