"""Checks claims in subprocesses with a time limit, through a cache keyed by their inputs.

The key covers the formula, its conditions, the symbols it is read with, the checker's own
source (this package and sympy's grammar) and the library versions; only true verdicts are
stored, so a false or broken claim is checked again on every build until it is fixed.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
from pathlib import Path
from typing import Any

from scripts.build.cache_files import stable_key
from scripts.build.jobs import run_cached_jobs
from scripts.build.snippets.cache import library_versions

# sympy's Lark grammar, found without importing sympy (the build process never needs sympy).
GRAMMAR_DIR = (
    Path(importlib.util.find_spec("sympy").submodule_search_locations[0])  # type: ignore[union-attr,index]
    / "parsing"
    / "latex"
    / "lark"
    / "grammar"
)

PACKAGE = Path(__file__).parent
DEFAULT_TIMEOUT = 300.0


def claim_timeout() -> float:
    """Seconds one batch of claims may take: ``CLAIM_TIMEOUT``, else 300."""
    return float(os.environ.get("CLAIM_TIMEOUT", DEFAULT_TIMEOUT))


def checker_digest() -> str:
    """SHA-256 of everything that decides a verdict besides the claim itself."""
    digest = hashlib.sha256()
    files = sorted(PACKAGE.glob("*.py")) + sorted(PACKAGE.glob("*.lark"))
    files += sorted(GRAMMAR_DIR.glob("*.lark"))
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def checker_versions() -> dict[str, str]:
    """The versions that can change a verdict."""
    return library_versions() | {"lark": importlib.metadata.version("lark")}


def claim_key(tex: str, given: tuple[str, ...], symbols: dict[str, str], digest: str) -> str:
    """The cache key of one claim; ``digest`` is ``checker_digest()`` + ``checker_versions()``."""
    return stable_key("claim", tex, list(given), symbols, digest)


def check_all(jobs: list[dict[str, Any]], timeout: float | None = None) -> dict[str, Any]:
    """Results by key: from the cache, or from checker subprocesses (two at a time); only true
    verdicts are stored."""
    return run_cached_jobs(
        jobs,
        kind="claims",
        module="scripts.build.claims.worker",
        timeout=timeout or claim_timeout(),
        stored=lambda r: r["verdict"] if r.get("verdict", {}).get("ok") else None,
        loaded=lambda verdict: {"verdict": verdict},
        describe=lambda j: f"{j['where']}: {j['tex']}",
        hint="raise it with CLAIM_TIMEOUT, or simplify the claim",
    )
