"""Checks claims in subprocesses with a time limit, through a cache keyed by their inputs.

The key covers the formula, its conditions, the symbols it is read with, the checker's own
source (this package and sympy's grammar) and the library versions; only true verdicts are
stored, so a false or broken claim is checked again on every build until it is fixed.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from scripts.build.cache_files import cache_root, stable_key, write_atomic
from scripts.build.snippets.cache import library_versions
from scripts.build.snippets.runner import child_env, run_with_deadline

# sympy's Lark grammar, found without importing sympy (the build process never needs sympy).
GRAMMAR_DIR = (
    Path(importlib.util.find_spec("sympy").submodule_search_locations[0])  # type: ignore[union-attr,index]
    / "parsing"
    / "latex"
    / "lark"
    / "grammar"
)

PACKAGE = Path(__file__).parent
ROOT = PACKAGE.parents[2]
DEFAULT_TIMEOUT = 300.0


class ClaimTimeout(PluginError):
    """The checker did not finish in time."""


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
    """Results by key: from the cache, or from checker subprocesses (two at a time)."""
    directory = cache_root() / "claims"
    results: dict[str, Any] = {}
    missing: dict[str, dict[str, Any]] = {}
    for job in jobs:
        path = directory / f"{job['key']}.json"
        if job["key"] in results or job["key"] in missing:
            continue
        if path.is_file():
            results[job["key"]] = {"verdict": json.loads(path.read_text(encoding="utf-8"))}
        else:
            missing[job["key"]] = job
    if not missing:
        return results
    pending = list(missing.values())
    workers = max(1, min(len(pending), os.cpu_count() or 1))
    limit = timeout or claim_timeout()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for found in pool.map(
            lambda b: _run_batch(b, limit), [pending[k::workers] for k in range(workers)]
        ):
            results.update(found)
    for key in missing:  # only what was checked now; only true verdicts
        verdict = results[key].get("verdict")
        if verdict and verdict["ok"]:
            data = json.dumps(verdict, ensure_ascii=False, sort_keys=True).encode()
            write_atomic(directory / f"{key}.json", data)
    return results


def _run_batch(jobs: list[dict[str, Any]], timeout: float) -> dict[str, Any]:
    workdir = cache_root() / "claims-scratch"
    workdir.mkdir(parents=True, exist_ok=True)
    env = child_env(workdir, PYTHONPATH=str(ROOT))
    finished = run_with_deadline(
        [sys.executable, "-m", "scripts.build.claims.worker"], ROOT, env, timeout,
        stdin=json.dumps(jobs, ensure_ascii=False),
    )  # fmt: skip
    if finished is None:
        claims = "; ".join(f"{j['where']}: {j['tex']}" for j in jobs)
        raise ClaimTimeout(
            f"claim checker killed after the time limit of {timeout:g} s (raise it with "
            f"CLAIM_TIMEOUT, or simplify the claim); it was checking: {claims}"
        )
    returncode, stdout, stderr = finished
    if returncode != 0:
        raise PluginError(f"claim checker failed (exit {returncode}):\n{stderr[-3000:]}")
    return json.loads(stdout)
