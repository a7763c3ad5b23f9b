"""The claims of one build: collect them from every page, check them, put the marks in.

Flow: ``collect`` reads each page's ``symbols:`` and its claims (and those in the snippet
output the page shows) → ``check`` takes verdicts from the cache or the checker subprocesses and
stops the build at the first bad claim, naming file:line, the formula and why → ``expand``
replaces each claim directive in a page's Markdown with its mark.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from scripts.build.cache_files import stable_key

from .collect import INLINE_RE, ClaimSourceError, FoundClaim, find_claims
from .mark import display_mark, inline_mark
from .run import check_all, checker_digest, checker_versions, claim_key
from .symbols import DeclarationError, SymbolTable

log = logging.getLogger("mkdocs.hooks.claims")


class ClaimError(PluginError):
    """A claim that is false, or that cannot be checked: file:line, formula, reason."""


@dataclass(frozen=True)
class PageClaim:
    found: FoundClaim
    origin: str
    key: str
    symbols: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.found.line}"


class ClaimBuild:
    """Per-build state of the claims."""

    def __init__(self) -> None:
        # Computed once per build: the checker's source and the library versions.
        self.digest = stable_key(checker_digest(), checker_versions())
        self.symbols: dict[str, dict[str, str]] = {}
        self.claims: dict[str, list[PageClaim]] = {}
        self.results: dict[str, Any] = {}

    def collect(
        self,
        files: Files,
        shown: Callable[[str], list[tuple[str, str]]],
        source: Callable[[File], str] = lambda file: file.content_string,
    ) -> None:
        """Every page's claims; ``shown(page)`` gives the snippet Markdown the page shows, with
        its origin, so formulas made by snippets are claims like any other. ``source`` gives a
        page's Markdown (the Obsidian translation: callouts are admonitions there)."""
        for file in files.documentation_pages():
            if file.src_uri.endswith(".ipynb"):
                continue
            origin = os.path.relpath(file.abs_src_path) if file.abs_src_path else file.src_uri
            text = source(file)
            _, meta = get_data(text)
            declared = meta.get("symbols") or {}
            try:
                if not isinstance(declared, dict):
                    raise DeclarationError(
                        f"symbols: {declared!r}: write NAME: SPEC pairs, e.g. "
                        "'symbols: {x: vector, A: matrix}'"
                    )
                symbols = {str(k): str(v) for k, v in declared.items()}
                SymbolTable.from_front_matter(symbols)
            except DeclarationError as error:
                line = _front_matter_line(text, "symbols")
                raise ClaimError(f"{origin}:{line}: front matter: {error}") from None
            self.symbols[file.src_uri] = symbols
            texts = [(text, origin), *shown(file.src_uri)]
            found = []
            for text, where in texts:
                try:
                    claims = find_claims(text)
                except ClaimSourceError as error:
                    raise ClaimError(f"{where}:{error.line}: {error}") from None
                found += [self._claim(c, where, symbols) for c in claims]
            self.claims[file.src_uri] = found

    def _claim(self, found: FoundClaim, origin: str, page_symbols: dict[str, str]) -> PageClaim:
        symbols = {**page_symbols, **dict(found.where)}
        return PageClaim(found, origin, self._key(found, page_symbols), symbols)

    def all_claims(self) -> list[PageClaim]:
        return [c for claims in self.claims.values() for c in claims]

    def check(self) -> None:
        """Verdicts for every claim; the first claim that is false or unreadable stops the build."""
        claims = self.all_claims()
        jobs = [{"key": c.key, "tex": c.found.checked_tex, "given": list(c.found.given),
                 "symbols": c.symbols, "where": c.where} for c in claims]  # fmt: skip
        self.results = check_all(jobs)
        for claim in claims:
            raise_for(claim, self.results[claim.key])
        log.info("claims: %d verified from their TeX", len(claims))

    def expand(self, page_uri: str, markdown: str) -> str:
        """Replace the claim directives of ``markdown`` (a page or snippet output) with marks."""
        symbols = self.symbols.get(page_uri, {})
        by_mark: dict[int, list[FoundClaim]] = {}
        for claim in find_claims(markdown):
            by_mark.setdefault(claim.mark_line, []).append(claim)
        lines = markdown.split("\n")
        for number, found in by_mark.items():
            verdicts = [self.results[self._key(c, symbols)]["verdict"] for c in found]
            line = lines[number - 1]
            if found[0].kind == "inline":
                lines[number - 1] = _mark_inline(line, [inline_mark(v) for v in verdicts])
                continue
            indent = re.match(r"^[ \t>]*", line)[0]  # type: ignore[index]
            if found[0].kind == "table":
                summary = f"✓ 表中 {len(verdicts)} 个等式构建时已验证"
                lines[number - 1] = indent + display_mark(verdicts, summary)
            else:
                lines[number - 1] = indent + display_mark(verdicts)
        return "\n".join(lines)

    def _key(self, found: FoundClaim, page_symbols: dict[str, str]) -> str:
        symbols = {**page_symbols, **dict(found.where)}
        return claim_key(found.checked_tex, found.given, symbols, self.digest)


def _front_matter_line(source: str, key: str) -> int:
    """The line of ``key:`` in the page's front matter (1, its start, if not found)."""
    for number, line in enumerate(source.split("\n")[1:], start=2):
        if line.rstrip() == "---":
            break
        if line.startswith(f"{key}:"):
            return number
    return 1


def _mark_inline(line: str, marks: list[str]) -> str:
    """Each ``$…$<!-- md:claim … -->`` of ``line`` → the formula and its mark, in order."""
    pending = iter(marks)
    return INLINE_RE.sub(lambda m: f"${m['tex']}${next(pending)}", line)


def raise_for(claim: PageClaim, result: dict[str, Any]) -> None:
    """Stop the build for a claim the checker could not read or found false."""
    formula = claim.found.checked_tex.replace("\n", " ")
    if "error" in result:
        error = result["error"]
        raise ClaimError(
            f"{claim.where}: cannot check this claim ({error['kind']}): {error['message']}\n"
            f"    formula: {formula}"
        )
    verdict = result["verdict"]
    if not verdict["ok"]:
        example = json.dumps(verdict["counterexample"], ensure_ascii=False)
        raise ClaimError(
            f"{claim.where}: false claim: {formula}\n"
            f"    read as: {' ; '.join(verdict['read_as'])}\n"
            f"    symbolic (sympy): {'holds' if verdict['symbolic']['ok'] else 'fails'}; "
            f"numeric max error {verdict['numeric']['max_error']:g}\n"
            f"    counterexample: {example}"
        )


__all__ = ["ClaimBuild", "ClaimError"]
