"""What a snippet hands to the build: files in ``out`` and their list in ``out/manifest.json``.

Every snippet defines ``build(out: Path) -> None`` and records each artifact with one of the
functions here; the build checks the manifest before it caches or serves anything.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


def record(out: Path, name: str, kind: str, files: dict[str, str], **meta: Any) -> None:
    """Add one artifact to the manifest of ``out``."""
    manifest = out / MANIFEST
    entries = (
        json.loads(manifest.read_text(encoding="utf-8"))["artifacts"] if manifest.exists() else []
    )
    entries.append({"name": name, "kind": kind, "files": files, **meta})
    manifest.write_text(
        json.dumps({"artifacts": entries}, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def save_markdown(out: Path, name: str, text: str) -> None:
    """A piece of Markdown (tables, LaTeX answers) that the page shows where it asks for it.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> save_markdown(out, "answer", "$$x$$")
    >>> json.loads((out / MANIFEST).read_text())["artifacts"][0]["files"]
    {'md': 'answer.md'}
    """
    (out / f"{name}.md").write_text(text.rstrip("\n") + "\n", encoding="utf-8")
    record(out, name, "markdown", {"md": f"{name}.md"})


def save_verdict(out: Path, name: str, verdict: dict[str, Any]) -> None:
    """The result of a check: ``{"claim": ..., "ok": bool, ...}``."""
    (out / f"{name}.json").write_text(
        json.dumps(verdict, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    record(out, name, "verdict", {"json": f"{name}.json"})
