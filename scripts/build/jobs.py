"""Runs build jobs (claims to check, problems to solve) in worker subprocesses, through a cache.

Each job is a JSON object with a ``key`` that covers everything its result depends on; the
result of a key is read from ``.cache/<kind>/<key>.json`` or computed by ``python -m MODULE``
(jobs on stdin, ``{key: result}`` on stdout), two workers at a time on two cores, each with a
time limit. Only results the caller keeps (true verdicts, solved problems) are stored, so a bad
input is computed, and reported, again on every build until it is fixed.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from scripts.build.cache_files import cache_root, write_atomic
from scripts.build.snippets.runner import child_env, run_with_deadline

ROOT = Path(__file__).resolve().parents[2]


class JobTimeout(PluginError):
    """A worker did not finish in time."""


def run_cached_jobs(
    jobs: list[dict[str, Any]],
    *,
    kind: str,
    module: str,
    timeout: float,
    stored: Callable[[dict[str, Any]], Any | None],
    loaded: Callable[[Any], dict[str, Any]],
    describe: Callable[[dict[str, Any]], str],
    hint: str,
) -> dict[str, Any]:
    """Results by key. ``stored(result)`` is what to cache (None: nothing), ``loaded`` turns a
    cached entry back into a result; ``describe(job)`` and ``hint`` word a timeout."""
    directory = cache_root() / kind
    results: dict[str, Any] = {}
    missing: dict[str, dict[str, Any]] = {}
    for job in jobs:
        key = job["key"]
        if key in results or key in missing:
            continue
        path = directory / f"{key}.json"
        if path.is_file():
            results[key] = loaded(json.loads(path.read_text(encoding="utf-8")))
        else:
            missing[key] = job
    if not missing:
        return results
    pending = list(missing.values())
    workers = max(1, min(len(pending), os.cpu_count() or 1))

    def batch(part: list[dict[str, Any]]) -> dict[str, Any]:
        return _run_batch(part, module, kind, timeout, describe, hint)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for found in pool.map(batch, [pending[k::workers] for k in range(workers)]):
            results.update(found)
    for key in missing:  # only what was computed now, and only what the caller keeps
        entry = stored(results[key])
        if entry is not None:
            data = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode()
            write_atomic(directory / f"{key}.json", data)
    return results


def _run_batch(
    jobs: list[dict[str, Any]],
    module: str,
    kind: str,
    timeout: float,
    describe: Callable[[dict[str, Any]], str],
    hint: str,
) -> dict[str, Any]:
    workdir = cache_root() / f"{kind}-scratch"
    workdir.mkdir(parents=True, exist_ok=True)
    env = child_env(workdir, PYTHONPATH=str(ROOT))
    finished = run_with_deadline(
        [sys.executable, "-m", module], ROOT, env, timeout,
        stdin=json.dumps(jobs, ensure_ascii=False),
    )  # fmt: skip
    if finished is None:
        raise JobTimeout(
            f"{module} killed after the time limit of {timeout:g} s ({hint}); it was working "
            f"on: {'; '.join(describe(j) for j in jobs)}"
        )
    returncode, stdout, stderr = finished
    if returncode != 0:
        raise PluginError(f"{module} failed (exit {returncode}):\n{stderr[-3000:]}")
    return json.loads(stdout)
