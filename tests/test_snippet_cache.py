"""The snippet cache key covers what can change an artifact, and nothing else; an entry, once
published, is never replaced under a build that may be reading it."""

from __future__ import annotations

import json
from pathlib import Path

from scripts.build.snippets.cache import SnippetCache, library_versions, snippet_key

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"


def test_key_changes_with_a_library_upgrade() -> None:
    versions = library_versions()
    assert set(versions) == {"python", "numpy", "matplotlib", "sympy"}
    upgraded = {**versions, "matplotlib": versions["matplotlib"] + ".post1"}
    snippet = SNIPPETS / "derivative_tangent.py"
    assert snippet_key(snippet, versions) == snippet_key(snippet, dict(versions))
    assert snippet_key(snippet, versions) != snippet_key(snippet, upgraded)


def test_key_differs_between_snippets() -> None:
    versions = library_versions()
    keys = {snippet_key(p, versions) for p in SNIPPETS.glob("[!_]*.py")}
    assert len(keys) == len(list(SNIPPETS.glob("[!_]*.py")))


def test_a_run_published_meanwhile_is_kept_and_the_later_one_dropped(tmp_path: Path) -> None:
    """Two builds at once (pytest's workers, a `serve` beside a `build`) may run the same
    snippet; the second to finish must not remove the first one's entry, which that build
    may be reading, to put its own in its place."""
    cache = SnippetCache(tmp_path / "cache")
    artifacts: list[dict[str, object]] = [
        {"name": "a", "kind": "markdown", "files": {"md": "a.md"}}
    ]

    def run() -> Path:
        out = cache.scratch()
        (out / "a.md").write_text("同一次运行", encoding="utf-8")
        (out / "manifest.json").write_text(json.dumps({"artifacts": artifacts}), encoding="utf-8")
        return out

    first = cache.put("s", "k" * 64, run(), artifacts)
    published = first.directory.stat().st_ino
    later = run()
    second = cache.put("s", "k" * 64, later, artifacts)
    assert second.directory == first.directory
    assert first.directory.stat().st_ino == published  # the same directory, never replaced
    assert not later.exists()
    assert cache.get("s", "k" * 64) is not None
