"""Snippet artifacts cached under ``.cache/snippets`` by a hash of all that can change them.

The key covers the snippet's source, the sources of the helper modules it imports from
``snippets/`` (followed transitively), the runner's own code and the versions of Python, numpy,
matplotlib and sympy, as jupyter-cache and mkdocs-jupyter do for notebooks. Only a run that
passed every check is stored, by renaming a finished directory into place; each entry records
the SHA-256 of its files, and an entry whose files no longer match is deleted and run again.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import json
import os
import platform
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scripts.build.cache_files import cache_root, stable_key

RUNNER_FILES = ("runner.py", "driver.py", "cache.py", "forked.py", "preload.py")
LIBRARIES = ("numpy", "matplotlib", "sympy")
CHECKSUMS = ".checksums.json"


@dataclass(frozen=True)
class Artifact:
    """One artifact of a snippet run, with its files in the cache."""

    name: str
    kind: str
    files: dict[str, Path]
    meta: dict[str, object]


@dataclass(frozen=True)
class CachedRun:
    """A successful snippet run as stored in the cache."""

    snippet: str
    key: str
    directory: Path
    artifacts: tuple[Artifact, ...]

    def artifact(self, name: str) -> Artifact | None:
        return next((a for a in self.artifacts if a.name == name), None)


def library_versions() -> dict[str, str]:
    """The versions that can change what a snippet makes."""
    versions = {"python": platform.python_version()}
    versions.update({lib: importlib.metadata.version(lib) for lib in LIBRARIES})
    return versions


def local_imports(snippet: Path) -> list[Path]:
    """Helper modules of ``snippets/`` that ``snippet`` imports, directly or through another.

    >>> root = Path(__file__).resolve().parents[3] / "snippets"
    >>> [p.name for p in local_imports(root / "derivative_tangent.py")]
    ['_artifacts.py', '_style.py']
    """
    seen: dict[Path, None] = {}
    todo = [snippet]
    while todo:
        tree = ast.parse(todo.pop().read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module.split(".")[0]]
            for name in names:
                helper = snippet.parent / f"{name}.py"
                if helper.is_file() and helper != snippet and helper not in seen:
                    seen[helper] = None
                    todo.append(helper)
    return sorted(seen)


def snippet_key(snippet: Path, versions: dict[str, str]) -> str:
    """The cache key of ``snippet``: equal keys mean equal artifacts."""
    here = Path(__file__).parent
    sources = {p.name: _digest(p) for p in [snippet, *local_imports(snippet)]}
    runner = {name: _digest(here / name) for name in RUNNER_FILES}
    return stable_key(snippet.name, sources, runner, versions)


class SnippetCache:
    """Atomic get and put of snippet runs."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or cache_root() / "snippets"

    def scratch(self) -> Path:
        """A fresh directory on the cache's file system, so that ``put`` is one rename."""
        work = self.root / ".tmp"
        work.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=work))

    def get(self, snippet: str, key: str) -> CachedRun | None:
        """The stored run, or None when absent or damaged (a damaged entry is removed)."""
        directory = self._directory(snippet, key)
        if not directory.is_dir():
            return None
        try:
            checksums = json.loads((directory / CHECKSUMS).read_text(encoding="utf-8"))
            if any(_digest(directory / f) != digest for f, digest in checksums.items()):
                raise ValueError("checksum mismatch")
            manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
            return self._load(snippet, key, directory, manifest["artifacts"])
        except (OSError, ValueError, KeyError, TypeError):
            shutil.rmtree(directory, ignore_errors=True)
            return None

    def put(
        self, snippet: str, key: str, out: Path, artifacts: list[dict[str, object]]
    ) -> CachedRun:
        """Store a checked run (moving ``out``) and drop older entries of the same snippet.

        An entry of the same key that another build (a second pytest worker, a `serve` beside
        a `build`) published meanwhile is kept and ``out`` dropped: the key says they are the
        same run, and that build may be reading the entry's files now."""
        checksums = {
            str(p.relative_to(out)): _digest(p) for p in sorted(out.rglob("*")) if p.is_file()
        }
        (out / CHECKSUMS).write_text(json.dumps(checksums, indent=1), encoding="utf-8")
        directory = self._directory(snippet, key)
        if self.get(snippet, key) is not None:  # (a damaged entry is removed by get)
            shutil.rmtree(out, ignore_errors=True)
        else:
            try:
                os.rename(out, directory)
            except OSError:  # published by another build since the line above
                shutil.rmtree(out, ignore_errors=True)
        for old in self.root.glob(f"{snippet}--*"):
            if old != directory:
                shutil.rmtree(old, ignore_errors=True)
        return self._load(snippet, key, directory, artifacts)

    def _directory(self, snippet: str, key: str) -> Path:
        return self.root / f"{snippet}--{key[:24]}"

    @staticmethod
    def _load(
        snippet: str, key: str, directory: Path, artifacts: list[dict[str, object]]
    ) -> CachedRun:
        loaded = []
        for entry in artifacts:
            files = {role: directory / str(f) for role, f in dict(entry["files"]).items()}  # type: ignore[call-overload]
            meta = {k: v for k, v in entry.items() if k not in ("name", "kind", "files")}
            loaded.append(Artifact(str(entry["name"]), str(entry["kind"]), files, meta))
        return CachedRun(snippet, key, directory, tuple(loaded))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
