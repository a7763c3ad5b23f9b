"""Mutation testing of the site's claims: break each verified formula on purpose, count the kills.

Each mutant is the formula a reader would see after one meaning-changing edit of its TeX: a
sign flipped, a transpose dropped or added, a coefficient or exponent changed, the operands of
a non-commutative product swapped, ``+`` and ``\\cdot`` exchanged. A mutant is *killed* when the
checker finds it false with a counterexample; one the checker cannot read (a product whose
shapes no longer fit, TeX that no longer parses) stops the build too, but is not a formula, so it
is counted apart. A surviving mutant must be listed in ``EQUIVALENT`` with the reason it means
the same as the original; the score is killed / (well-formed − equivalent).

``python -m scripts.dev.claim_mutants`` prints the report (uses the build's snippet cache).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

# (original formula, mutant) → why the two mean the same.
_SCALAR_T = "a 1 × 1 product is its own transpose: x^\\top A^\\top x = (x^\\top A x)^\\top"
_NORM_T = "a vector or matrix has the norm of its transpose"
_LIMIT = "the limit at h → 0 is 2 whatever multiplies h"
EQUIVALENT: dict[tuple[str, str], str] = {
    ("f'(1)=\\lim_{h\\rightarrow 0}(2+3h)=2", "f'(1)=\\lim_{h\\rightarrow 0}(2-3h)=2"): _LIMIT,
    ("f'(1)=\\lim_{h\\rightarrow 0}(2+3h)=2", "f'(1)=\\lim_{h\\rightarrow 0}(2+4h)=2"): _LIMIT,
    (
        "\\nabla_x (x^\\top A x) = (A + A^\\top)x",
        "\\nabla_x (x^\\top A^\\top x) = (A + A^\\top)x",
    ): _SCALAR_T,
    (
        "A = A^\\top \\implies \\nabla_x (x^\\top A x) = 2Ax",
        "A = A^\\top \\implies \\nabla_x (x^\\top A^\\top x) = 2Ax",
    ): _SCALAR_T,
    (
        "\\nabla(x^\\top A x) = (A + A^\\top)x",
        "\\nabla(x^\\top A^\\top x) = (A + A^\\top)x",
    ): _SCALAR_T,
    (
        "\\nabla_x \\|x\\|^2 = \\nabla_x (x^\\top x) = 2x",
        "\\nabla_x \\|x^\\top\\|^2 = \\nabla_x (x^\\top x) = 2x",
    ): _NORM_T,
    ("\\nabla_X \\|X\\|_F^2 = 2X", "\\nabla_X \\|X^\\top\\|_F^2 = 2X"): _NORM_T,
    ("\\|x\\|^2 = x^\\top x", "\\|x^\\top\\|^2 = x^\\top x"): _NORM_T,
    ("\\nabla(\\|x\\|^2) = 2x", "\\nabla(\\|x^\\top\\|^2) = 2x"): _NORM_T,
    ("\\nabla(\\|X\\|_F^2) = 2X", "\\nabla(\\|X^\\top\\|_F^2) = 2X"): _NORM_T,
}


@dataclass(frozen=True)
class Mutant:
    where: str
    operator: str
    original: str
    tex: str  # the mutated formula, as the page would show it
    of: str | None
    given: tuple[str, ...]
    symbols: tuple[tuple[str, str], ...]

    @property
    def checked_tex(self) -> str:
        return f"{self.of} = {self.tex}" if self.of else self.tex


def site_claims() -> list[Any]:
    """Every claim of the real site, collected as the build collects them."""
    sys.path.insert(0, str(ROOT))
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from scripts.build.claims.pages import ClaimBuild
    from scripts.build.snippets.build import SnippetBuild

    config = load_config(str(ROOT / "mkdocs.yml"))
    files = get_files(config)
    snippets = SnippetBuild()
    snippets.collect(files)
    snippets.run()
    claims = ClaimBuild()
    claims.collect(files, snippets.shown_markdown)
    return claims.all_claims()


_MATRIXISH = ("vector", "matrix")


def mutants_of(claim: Any) -> Iterator[Mutant]:
    """Every single-edit mutant of ``claim``'s formula (edits that leave it unchanged dropped)."""
    tex = claim.found.tex
    tensors = [n for n, spec in claim.symbols.items() if spec.split()[0] in _MATRIXISH]
    edits: list[tuple[str, str]] = []
    for m in re.finditer(r"(?<!\\)[+-]", tex):
        flipped = "-" if m[0] == "+" else "+"
        edits.append(("flip sign", tex[: m.start()] + flipped + tex[m.end() :]))
    for m in re.finditer(r"\^\{?\\top\}?", tex):
        edits.append(("drop transpose", tex[: m.start()] + tex[m.end() :]))
    if tensors:
        token = rf"(?<![\\a-zA-Z_{{])(?:{'|'.join(map(re.escape, tensors))})(?![a-zA-Z_^'])"
        for m in re.finditer(token, tex):
            edits.append(("add transpose", tex[: m.end()] + "^\\top" + tex[m.end() :]))
        factor = rf"(?:\([^()]*\)|{token})(?:\^\\top)?"
        for m in re.finditer(rf"(?=({factor})(\s*)({factor}))", tex):
            a, space, b = m[1], m[2], m[3]
            start = m.start()
            if a.strip() == b.strip():
                continue
            swapped = tex[:start] + b + (space or " ") + a + tex[start + len(a + space + b) :]
            edits.append(("swap product", swapped))
    for m in re.finditer(r"(?<![_\\a-zA-Z])\d+", tex):
        edits.append(("change number", tex[: m.start()] + str(int(m[0]) + 1) + tex[m.end() :]))
    for m in re.finditer(r"(?<!\\)\+|\\cdot(?![a-z])", tex):
        other = " \\cdot " if m[0] == "+" else " + "
        edits.append(("+ ↔ ·", tex[: m.start()] + other + tex[m.end() :]))
    seen = set()
    for operator, mutated in edits:
        if _in_prose(tex, mutated):
            continue
        if mutated == tex or mutated in seen:
            continue
        seen.add(mutated)
        yield Mutant(claim.where, operator, tex, mutated, claim.found.of, claim.found.given,
                     tuple(sorted(claim.symbols.items())))  # fmt: skip


_PROSE_RE = re.compile(r"\\text\{[^&]*|\\\\\[[^\]]*\]")  # a row's text, \\[6pt] spacing


def _in_prose(tex: str, mutated: str) -> bool:
    """Whether the edit falls inside text or spacing, which the checker does not read: a cases
    row whose value is words (未定义, listed as not checked in the mark), or ``\\[6pt]``."""
    at = next((k for k, (a, b) in enumerate(zip(tex, mutated, strict=False)) if a != b), len(tex))
    return any(m.start() <= at < m.end() for m in _PROSE_RE.finditer(tex))


def check_mutant(mutant: Mutant) -> dict[str, Any]:
    """The checker's answer for ``mutant``: ``{"verdict": …}`` or ``{"error": …}``."""
    from scripts.build.claims.worker import check_job

    return check_job({"tex": mutant.checked_tex, "given": list(mutant.given),
                      "symbols": dict(mutant.symbols)})  # fmt: skip


@dataclass
class Report:
    killed: list[tuple[Mutant, dict[str, Any]]]
    ill_formed: list[tuple[Mutant, dict[str, Any]]]
    equivalent: list[tuple[Mutant, str]]
    survived: list[Mutant]

    @property
    def applied(self) -> int:
        return len(self.killed) + len(self.equivalent) + len(self.survived)

    @property
    def score(self) -> float:
        scored = len(self.killed) + len(self.survived)
        return len(self.killed) / scored if scored else 1.0

    def text(self) -> str:
        lines = [
            f"mutants: {self.applied + len(self.ill_formed)} made, {len(self.ill_formed)} not "
            f"well-formed (stop the build as a shape or parse error), {self.applied} applied",
            f"killed (false, with a counterexample): {len(self.killed)}",
            f"equivalent (listed, excluded): {len(self.equivalent)}",
            f"survived: {len(self.survived)}",
            f"mutation score: {len(self.killed)}/{len(self.killed) + len(self.survived)} "
            f"= {self.score:.0%}",
        ]
        lines += [f"  equivalent {m.where}: {m.tex}  ({why})" for m, why in self.equivalent]
        lines += [f"  SURVIVED {m.where} [{m.operator}]: {m.tex}" for m in self.survived]
        return "\n".join(lines)


def run(mutants: list[Mutant], workers: int = 2) -> Report:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(check_mutant, mutants, chunksize=4))
    report = Report([], [], [], [])
    for mutant, result in zip(mutants, results, strict=True):
        if "error" in result:
            report.ill_formed.append((mutant, result))
        elif not result["verdict"]["ok"]:
            report.killed.append((mutant, result))
        elif (why := EQUIVALENT.get((mutant.original, mutant.tex))) is not None:
            report.equivalent.append((mutant, why))
        else:
            report.survived.append(mutant)
    return report


def main() -> None:
    mutants = [m for claim in site_claims() for m in mutants_of(claim)]
    print(run(mutants).text())


if __name__ == "__main__":
    main()
