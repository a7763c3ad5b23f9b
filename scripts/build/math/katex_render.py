"""Render formulas to HTML + MathML with the pinned ``katex`` npm package, at build time.

Why by hand: the one MkDocs plugin that pre-renders KaTeX (mkdocs-katex-ssr) renders 26 of the
note's 41 formulas in its best version and none in later ones, exiting 0. Here every formula of a
build goes to one Node process in one batch; each result is cached under ``.cache/katex`` by the
formula, the options and the KaTeX version, so a warm build starts no Node process at all.
"""

from __future__ import annotations

import json
import logging
import subprocess
from collections.abc import Sequence
from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.build.cache_files import cache_root, stable_key, write_atomic
from scripts.build.math.extract import Formula
from scripts.build.math.mathjax import MACROS, explain

ROOT = Path(__file__).resolve().parents[3]
KATEX_PACKAGE = ROOT / "node_modules" / "katex"
BATCH_SCRIPT = Path(__file__).with_name("katex_batch.mjs")
# htmlAndMathml: the HTML is what readers see, the MathML is what screen readers read.
# macros: the MathJax commands Obsidian notes use, in KaTeX's terms (scripts/build/math/mathjax.py).
OPTIONS = {"output": "htmlAndMathml", "strict": "ignore", "trust": False, "macros": MACROS}
_HTML_START = '<span class="katex'
log = logging.getLogger("mkdocs.hooks.math")


class MathError(PluginError):
    """Invalid TeX: the message names the file, the line, the formula and KaTeX's reason."""


def katex_version() -> str:
    """Version of the installed katex package (part of every cache key)."""
    manifest = KATEX_PACKAGE / "package.json"
    if not manifest.is_file():
        raise MathError(f"KaTeX is not installed ({manifest} is missing): run `make setup`.")
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


class KatexRenderer:
    """Turns formulas into HTML, from the cache or from one Node batch per call."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir or cache_root() / "katex"
        self.version = katex_version()

    def render_all(self, formulas: Sequence[Formula]) -> list[str]:
        """HTML for each formula, in order; raise MathError listing every invalid one."""
        # A book repeats its chapters' formulas: each distinct one is keyed and read once (the
        # first occurrence names the file and line of an error).
        first: dict[tuple[bool, str], Formula] = {}
        for formula in formulas:
            first.setdefault((formula.display, formula.tex), formula)
        keys = {form: stable_key(self.version, OPTIONS, *form) for form in first}
        html: dict[str, str] = {}
        missing: dict[str, Formula] = {}
        for form, key in keys.items():
            cached = self._read(key)
            if cached is None:
                missing[key] = first[form]
            else:
                html[key] = cached
        log.info(
            "math: %d formulas, %d from cache, %d rendered by KaTeX %s in %d batch",
            len(formulas),
            len(formulas) - len(missing),
            len(missing),
            self.version,
            bool(missing),
        )
        if missing:
            results = self._run_batch(list(missing.values()))
            errors = []
            for (key, formula), result in zip(missing.items(), results, strict=True):
                if "error" in result:
                    kind = "display" if formula.display else "inline"
                    hint = explain(result["error"])
                    errors.append(
                        f"{formula.origin}:{formula.line}: invalid TeX in {kind} formula "
                        f"{formula.tex.strip()!r}: {result['error']}"
                        + (f"\n    {hint}" if hint else "")
                    )
                    continue
                html[key] = result["html"]
                write_atomic(self._path(key), result["html"].encode("utf-8"))
            if errors:
                raise MathError("\n".join(errors))
        return [html[keys[formula.display, formula.tex]] for formula in formulas]

    def _path(self, key: str) -> Path:
        return self.cache_dir / key[:2] / f"{key}.html"

    def _read(self, key: str) -> str | None:
        path = self._path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        # A truncated or foreign file is not served: it is rendered again.
        if text.startswith(_HTML_START) and text.endswith("</span>"):
            return text
        path.unlink(missing_ok=True)
        return None

    def _run_batch(self, formulas: Sequence[Formula]) -> list[dict[str, str]]:
        request = {
            "options": OPTIONS,
            "items": [{"tex": f.tex, "display": f.display} for f in formulas],
        }
        try:
            done = subprocess.run(
                ["node", str(BATCH_SCRIPT)],
                input=json.dumps(request),
                capture_output=True,
                text=True,
                encoding="utf-8",
                cwd=ROOT,
                timeout=300,
                check=False,
            )
        except FileNotFoundError as error:
            raise MathError(
                "Node.js is needed to render math at build time: install it."
            ) from error
        if done.returncode != 0:
            raise MathError(f"KaTeX batch failed (exit {done.returncode}):\n{done.stderr}")
        reply = json.loads(done.stdout)
        if reply["version"] != self.version:
            raise MathError(f"KaTeX {reply['version']} ran, but {self.version} is installed.")
        return list(reply["results"])
