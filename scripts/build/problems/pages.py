"""The practice problems of one build: find them, solve them, put their boxes in the pages.

Flow: ``collect`` reads each page's problem blocks → ``solve`` takes each problem's answer, sample
values and mistakes from the cache or the solver subprocesses (``worker.py``), and stops the build
at the first problem that cannot be posed, naming file:line → ``shown_markdown`` gives the claims
step each reveal's formula, so answers are verified like every claim → ``expand`` replaces each
block of a page with its box and reveal.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from scripts.build.cache_files import stable_key
from scripts.build.jobs import run_cached_jobs

from .form import problem_markdown, progress_html, reveal_markdown
from .source import FoundProblem, ProblemSourceError, find_problems

log = logging.getLogger("mkdocs.hooks.problems")
PACKAGE = Path(__file__).parent
DEFAULT_TIMEOUT = 300.0


class ProblemError(PluginError):
    """A problem the build cannot pose: file:line, the problem and why."""


class ProblemBuild:
    """Per-build state of the practice problems."""

    def __init__(self, checker: str) -> None:
        """``checker``: the claim checker's digest (``ClaimBuild.digest``), whose reader solves
        the problems, so its source and versions are part of every problem's key."""
        digest = hashlib.sha256()
        for path in sorted(PACKAGE.glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        self.digest = stable_key(digest.hexdigest(), checker)
        self.found: dict[str, list[tuple[FoundProblem, str, str, dict[str, str]]]] = {}
        self.results: dict[str, Any] = {}

    def collect(
        self, files: Files, source_of: Callable[[File], str] = lambda f: f.content_string
    ) -> None:
        """Every page's problem blocks, with the symbols they are read with; ``source_of`` gives
        a page's Markdown (the Obsidian translation, line for line)."""
        for file in files.documentation_pages():
            if file.src_uri.endswith(".ipynb"):
                continue
            origin = os.path.relpath(file.abs_src_path) if file.abs_src_path else file.src_uri
            source = source_of(file)
            if "md:problem" not in source:
                continue
            _, meta = get_data(source)
            symbols = meta.get("symbols") or {}
            symbols = (
                {str(k): str(v) for k, v in symbols.items()} if isinstance(symbols, dict) else {}
            )
            try:
                problems = find_problems(source)
            except ProblemSourceError as error:
                raise ProblemError(f"{origin}:{error.line}: {error}") from None
            found = []
            for problem in problems:
                merged = {**symbols, **dict(problem.where)}
                found.append((problem, origin, self._key(problem, merged), merged))
            self.found[file.src_uri] = found

    def solve(self) -> None:
        """Results for every problem; the first that cannot be posed stops the build."""
        everything = [entry for entries in self.found.values() for entry in entries]
        jobs = [{"key": key, "id": p.id, "ask": p.ask, "given": list(p.given),
                 "symbols": symbols, "mistakes": [list(m) for m in p.mistakes],
                 "reveal": p.reveal, "where": f"{origin}:{p.line}"}
                for p, origin, key, symbols in everything]  # fmt: skip
        self.results = run_cached_jobs(
            jobs,
            kind="problems",
            module="scripts.build.problems.worker",
            timeout=float(os.environ.get("PROBLEM_TIMEOUT", DEFAULT_TIMEOUT)),
            stored=lambda r: None if "error" in r else r,
            loaded=lambda r: r,
            describe=lambda j: f"{j['where']}: problem {j['id']}",
            hint="raise it with PROBLEM_TIMEOUT, or simplify the problem",
        )
        for problem, origin, key, _ in everything:
            result = self.results[key]
            if "error" in result:
                error = result["error"]
                raise ProblemError(
                    f"{origin}:{problem.line}: problem {problem.id} ({error['kind']}): "
                    f"{error['message']}\n    ask: {problem.ask}"
                )
        if everything:
            log.info("problems: %d answers computed by sympy", len(everything))

    def inputs(self, page_uri: str) -> list[str]:
        """The keys of the page's problems (its boxes change with them)."""
        return [key for _, _, key, _ in self.found.get(page_uri, [])]

    def shown_markdown(self, page_uri: str) -> list[tuple[str, str]]:
        """Each reveal of the page, with its origin, for the claims step to collect."""
        return [
            (reveal_markdown(p, self.results[key]["answer_tex"]), f"{origin}:{p.line} ({p.id})")
            for p, origin, key, _ in self.found.get(page_uri, [])
            if p.reveal
        ]

    def expand(
        self, page_uri: str, markdown: str, origin: str, inserted: Callable[[str, str], str]
    ) -> str:
        """Replace each problem block of ``markdown`` with its box and reveal; ``inserted(text,
        source)`` prepares inserted Markdown as the page's own (math, claims)."""
        if page_uri not in self.found or "md:problem" not in markdown:
            return markdown
        lines = markdown.split("\n")
        keys = {p.id: key for p, _, key, _ in self.found[page_uri]}
        problems = find_problems(markdown)
        for problem in reversed(problems):
            text = problem_markdown(problem, self.results[keys[problem.id]])
            if problem is problems[0]:
                text = problem.indent + progress_html(len(problems)) + "\n\n" + text
            where = f"{origin} (problem {problem.id})"
            lines[problem.line - 1 : problem.end] = inserted(text, where).split("\n")
        return "\n".join(lines)

    def _key(self, problem: FoundProblem, symbols: dict[str, str]) -> str:
        return stable_key("problem", problem.id, problem.ask, list(problem.given),
                          [list(m) for m in problem.mistakes], problem.reveal, symbols,
                          self.digest)  # fmt: skip


__all__ = ["ProblemBuild", "ProblemError"]
