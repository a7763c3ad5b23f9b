"""The snippets of one build: which pages use which, their runs, their files, their Markdown.

Flow: ``collect`` reads every page's directives (a missing snippet is an error naming the page and
line) → ``run`` takes each used snippet from the cache or runs it, several at once → ``add_files``
serves the artifacts as generated MkDocs files (never written into ``docs/``) → ``expand`` swaps
each directive in a page for its artifact's Markdown.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from scripts.build.directives import Directive, DirectiveError, find_directives
from scripts.build.embed import embed, site_path
from scripts.build.snippets.cache import (
    Artifact,
    CachedRun,
    SnippetCache,
    library_versions,
    snippet_key,
)
from scripts.build.snippets.runner import read_manifest, run_snippet

DEFAULT_SNIPPETS_DIR = Path(__file__).resolve().parents[3] / "snippets"
DEFAULT_TIMEOUT = 120.0
log = logging.getLogger("mkdocs.hooks.snippets")


def snippets_dir() -> Path:
    """Where snippets live: ``SNIPPETS_DIR`` if set (fixture sites use their own), else snippets/."""
    return Path(os.environ.get("SNIPPETS_DIR", DEFAULT_SNIPPETS_DIR))


def snippet_timeout() -> float:
    """Seconds a snippet may run: ``SNIPPET_TIMEOUT`` in the environment, else 120."""
    return float(os.environ.get("SNIPPET_TIMEOUT", DEFAULT_TIMEOUT))


def _own_source(file: File) -> str:
    return file.content_string


class SnippetBuild:
    """Per-build state of the snippet pipeline."""

    def __init__(
        self,
        directory: Path | None = None,
        cache: SnippetCache | None = None,
        forked: bool = False,
    ) -> None:
        """``forked``: run snippets in children of the preloaded fork server (``forked.py``),
        as ``mkdocs serve`` does; a plain build runs each in a fresh interpreter."""
        self.snippets_dir = directory or snippets_dir()
        self.cache = cache or SnippetCache()
        self.forked = forked
        self.directives: dict[str, list[Directive]] = {}
        self.runs: dict[str, CachedRun] = {}

    def collect(self, files: Files, source: Callable[[File], str] = _own_source) -> None:
        """Read the directives of every Markdown page (as ``source`` gives it: the Obsidian
        translation); check that each snippet exists."""
        for file in files.documentation_pages():
            origin = os.path.relpath(file.abs_src_path) if file.abs_src_path else file.src_uri
            found = find_directives(source(file), origin)
            for directive in found:
                if directive.snippet and not self.path(directive.snippet).is_file():
                    raise DirectiveError(
                        f"{directive.where}: no snippet {directive.snippet!r} "
                        f"({os.path.relpath(self.path(directive.snippet))} does not exist)"
                    )
            self.directives[file.src_uri] = found

    def used(self) -> list[str]:
        """Every snippet some page uses, in a stable order."""
        names = {d.snippet for found in self.directives.values() for d in found if d.snippet}
        return sorted(names)

    def inputs(self, page_uri: str) -> list[str]:
        """What the page's snippet directives put into it: the embedded Markdown of each (a
        plot is a fixed file name with its size, so a plot redrawn at the same size changes the
        served file and not the page)."""
        return [
            embed(d.snippet, a, page_uri, d.indent)
            for d in self.directives.get(page_uri, [])
            if d.snippet and d.snippet in self.runs
            for a in self._shown(d)
        ]

    def path(self, snippet: str) -> Path:
        return self.snippets_dir / f"{snippet}.py"

    def run(self) -> None:
        """Take each used snippet from the cache, or run it; fail on the first bad one."""
        versions = library_versions()
        keys = {name: snippet_key(self.path(name), versions) for name in self.used()}
        missing = []
        for name, key in keys.items():
            cached = self.cache.get(name, key)
            if cached is None:
                missing.append(name)
            else:
                self.runs[name] = cached
        workers = max(1, min(len(missing), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for name, run in zip(
                missing, pool.map(lambda n: self._run_one(n, keys[n]), missing), strict=True
            ):
                self.runs[name] = run
        log.info(
            "snippets: %d used, %d from cache, %d ran%s",
            len(keys),
            len(keys) - len(missing),
            len(missing),
            f" ({', '.join(missing)}){' forked' if self.forked else ''}" if missing else "",
        )
        self._check_artifacts()

    def _run_one(self, name: str, key: str) -> CachedRun:
        workdir = self.cache.scratch()
        try:
            out = run_snippet(self.path(name), workdir, snippet_timeout(), self.forked)
            artifacts = read_manifest(out, self.path(name))
            return self.cache.put(name, key, out, artifacts)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _check_artifacts(self) -> None:
        for found in self.directives.values():
            for d in found:
                if not (d.snippet and d.artifact):
                    continue
                artifact = self.runs[d.snippet].artifact(d.artifact)
                if artifact is None:
                    names = [a.name for a in self.runs[d.snippet].artifacts]
                    raise DirectiveError(
                        f"{d.where}: snippet {d.snippet!r} made no artifact {d.artifact!r} "
                        f"(it made: {', '.join(names)})"
                    )
                if d.kind == "claim":
                    _check_claim(d, artifact)

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """Serve every artifact file from the cache as a generated file of the site."""
        for name, run in sorted(self.runs.items()):
            for artifact in run.artifacts:
                if artifact.kind != "plot":
                    continue
                for path in artifact.files.values():
                    uri = site_path(name, path.name)
                    files.append(File.generated(config, uri, abs_src_path=str(path)))

    def shown_markdown(self, page_uri: str) -> list[tuple[str, str]]:
        """The Markdown artifacts ``page_uri`` shows, each with where it comes from."""
        found = []
        for d in self.directives.get(page_uri, []):
            if d.kind != "snippet" or d.snippet is None:
                continue
            for a in self._shown(d):
                if a.kind == "markdown":
                    text = a.files["md"].read_text(encoding="utf-8")
                    found.append((text, f"snippets/{d.snippet}.py#{a.name} (shown at {d.where})"))
        return found

    def expand(
        self,
        page_uri: str,
        markdown: str,
        on_markdown: Callable[[str, Directive], str],
        within: range | None = None,
    ) -> str:
        """Replace the page's directives; ``on_markdown`` post-processes inserted Markdown.

        ``within``: ``markdown`` is only these source lines of the page (a part of it embedded
        in another page), so only the directives collected there are in it.
        """
        lines = markdown.split("\n")
        # Lines here are those of the text as it is now; the directives from ``collect`` keep
        # the lines of the source file, which error messages name.
        # Claims from TeX (no snippet) are already replaced by their marks (scripts/build/claims).
        here = [d for d in find_directives(markdown, page_uri) if d.snippet]
        collected = [
            d
            for d in self.directives.get(page_uri, [])
            if d.snippet and (within is None or d.line in within)
        ]
        for at, d in reversed(list(zip(here, collected, strict=True))):
            assert d.snippet is not None
            parts = [embed(d.snippet, a, page_uri, d.indent) for a in self._shown(d)]
            lines[at.line - 1] = on_markdown(f"\n{d.indent.rstrip()}\n".join(parts), d)
        return "\n".join(lines)

    def _shown(self, d: Directive) -> list[Artifact]:
        """The artifacts a snippet directive shows: the one it names, or all, in order."""
        assert d.snippet is not None
        run = self.runs[d.snippet]
        chosen = [run.artifact(d.artifact)] if d.artifact else list(run.artifacts)
        return [a for a in chosen if a is not None]


def _check_claim(d: Directive, artifact: Artifact) -> None:
    """A claim must name a verdict, and the verdict must hold."""
    if artifact.kind != "verdict":
        raise DirectiveError(
            f"{d.where}: md:claim {d.snippet}#{d.artifact} is not a check's verdict"
        )
    verdict = json.loads(artifact.files["json"].read_text(encoding="utf-8"))
    if not verdict["ok"]:
        example = json.dumps(verdict.get("counterexample"), ensure_ascii=False)
        raise DirectiveError(
            f"{d.where}: false claim {verdict['claim']!r} (checked by snippets/{d.snippet}.py "
            f"#{d.artifact}): symbolic {verdict['symbolic']['ok']}, numeric max error "
            f"{verdict['numeric']['max_error']} > {verdict['numeric']['tolerance']}; "
            f"counterexample: {example}"
        )
