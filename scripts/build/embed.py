"""Turn an artifact into the Markdown that stands in for its directive."""

from __future__ import annotations

import html
import json
import posixpath
from typing import Any

from scripts.build.claims.mark import MARK_OPEN, versions_text
from scripts.build.snippets.cache import Artifact

SITE_DIR = "generated"


def site_path(snippet: str, filename: str) -> str:
    """Where an artifact file is served, relative to the docs root."""
    return f"{SITE_DIR}/{snippet}/{filename}"


def embed(snippet: str, artifact: Artifact, page_uri: str, indent: str) -> str:
    """Markdown for ``artifact`` on the page ``page_uri``, indented like its directive.

    A plot becomes its light and its dark SVG as ``<img>`` (not inlined: two inlined SVGs of
    one page would share element ids), shown one at a time by Material's ``#only-light`` /
    ``#only-dark``; width and height are given so the page does not shift as they load.
    """
    if artifact.kind == "plot":
        alt = str(artifact.meta["alt"]).replace("]", "\\]")
        size = f'width="{artifact.meta["width"]}" height="{artifact.meta["height"]}"'
        lines = [
            f"![{alt}]({_link(snippet, artifact.files[scheme].name, page_uri)}#only-{scheme})"
            f"{{ {size} loading=lazy }}"
            for scheme in ("light", "dark")
        ]
        text = "\n".join(lines)
    elif artifact.kind == "markdown":
        text = artifact.files["md"].read_text(encoding="utf-8").strip("\n")
    elif artifact.kind == "verdict":
        text = verdict_mark(json.loads(artifact.files["json"].read_text(encoding="utf-8")))
    else:
        raise ValueError(f"artifact {artifact.name!r} of kind {artifact.kind!r} has no embedding")
    return "\n".join(
        f"{indent}{line}" if line.strip() else indent.rstrip() for line in text.split("\n")
    )


def verdict_mark(verdict: dict[str, Any]) -> str:
    """A small mark under a checked formula that opens to what was checked, as one HTML block."""
    symbolic, numeric = verdict["symbolic"], verdict["numeric"]
    libraries = versions_text(verdict["versions"])
    items = [
        f"声明：{verdict['claim']}",
        f"符号验证：{symbolic['method']}，{symbolic['size']}",
        f"数值验证：{numeric['method']}，随机种子 {numeric['seed']}，{numeric['samples']} 组样本，"
        f"最大误差 {numeric['max_error']:g}（容差 {numeric['tolerance']:g}）",
        f"版本：{libraries}",
    ]
    body = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    return (
        f'{MARK_OPEN}<summary title="这个公式在构建时被验证过">✓ 构建时已验证</summary>'
        f"<ul>{body}</ul></details>"
    )


def _link(snippet: str, filename: str, page_uri: str) -> str:
    return posixpath.relpath(site_path(snippet, filename), posixpath.dirname(page_uri) or ".")
