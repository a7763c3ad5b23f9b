"""The snippet cache key covers what can change an artifact, and nothing else."""

from __future__ import annotations

from pathlib import Path

from scripts.build.snippets.cache import library_versions, snippet_key

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
