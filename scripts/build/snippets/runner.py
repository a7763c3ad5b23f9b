"""Run one snippet in a fresh Python subprocess with a time limit, and check what it made.

Why by hand: markdown-exec and mkdocs-jupyter run code in the build process (or a kernel) and
keep no per-snippet artifacts; here each snippet must run isolated (own process, own temporary
directory, ``MPLBACKEND=Agg``, a deadline) and its files must be checked before anything caches
or serves them.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.build.snippets.forked import run_forked

DRIVER = Path(__file__).with_name("driver.py")
MANIFEST = "manifest.json"
KINDS = {"plot": ("light", "dark"), "markdown": ("md",), "verdict": ("json",)}


class SnippetError(PluginError):
    """A snippet failed, hung or made bad artifacts; the message says which and why."""


def run_snippet(snippet: Path, workdir: Path, timeout: float, forked: bool = False) -> Path:
    """Run ``snippet`` with ``workdir`` as its current directory; return its output directory.

    ``forked``: in a child of the preloaded fork server (``forked.py``, under ``mkdocs serve``)
    rather than a fresh interpreter; the same checks, errors and bytes.
    """
    out = workdir / "out"
    env = child_env(
        workdir,
        MPLBACKEND="Agg",
        SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "0"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if forked:
        finished = run_forked(snippet, out, workdir, env, timeout)
    else:
        command = [sys.executable, str(DRIVER), str(snippet), str(out)]
        finished = run_with_deadline(command, workdir, env, timeout)
    if finished is None:
        raise SnippetError(
            f"{_shown(snippet)}: killed after the time limit of {timeout:g} s "
            "(raise it with SNIPPET_TIMEOUT, or make the snippet faster)"
        )
    returncode, stdout, stderr = finished
    if returncode != 0:
        raise SnippetError(_failure(snippet, returncode, stdout, stderr))
    return out


def child_env(workdir: Path, **settings: str) -> dict[str, str]:
    """The environment of a build subprocess (a snippet, a notebook's executor): this one's,
    without PYTHONPATH, so it imports nothing of the repository by accident, with a fixed hash
    seed (stable output) and a matplotlib config dir of its own in ``workdir``; plus ``settings``.
    """
    env = {**os.environ, "PYTHONHASHSEED": "0", "MPLCONFIGDIR": str(workdir / "mplconfig")}
    env.pop("PYTHONPATH", None)
    return {**env, **settings}


def run_with_deadline(
    command: list[str], cwd: Path, env: dict[str, str], timeout: float, stdin: str | None = None
) -> tuple[int, str, str] | None:
    """Run ``command``; (exit status, stdout, stderr), or None if it was killed at the deadline.

    The process gets a session of its own, so the kill takes whatever it started (a Jupyter
    kernel, a pool of workers) with it.
    """
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None
    return process.returncode, stdout, stderr


def _failure(snippet: Path, returncode: int, stdout: str, stderr: str) -> str:
    """file:line: exception, then the snippet's own output, so the reader can act on it."""
    lines = re.findall(rf'File "{re.escape(str(snippet))}", line (\d+)', stderr)
    where = f"{_shown(snippet)}:{lines[-1]}" if lines else _shown(snippet)
    last = [line for line in stderr.strip().splitlines() if line.strip()]
    reason = last[-1] if last else f"exit status {returncode}"
    details = "\n".join(part for part in (stdout.strip(), stderr.strip()) if part)
    return f"{where}: snippet failed: {reason}\n{details}"


def read_manifest(out: Path, snippet: Path) -> list[dict[str, object]]:
    """The artifacts a run declared, after checking that each exists and is well formed."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        raise SnippetError(
            f"{_shown(snippet)}: produced no artifact (build(out) wrote no {MANIFEST}; "
            "use the helpers in snippets/_artifacts.py)"
        )
    try:
        artifacts = json.loads(manifest.read_text(encoding="utf-8"))["artifacts"]
    except (ValueError, KeyError, TypeError) as error:
        raise SnippetError(f"{_shown(snippet)}: invalid {MANIFEST}: {error}") from None
    if not artifacts:
        raise SnippetError(f"{_shown(snippet)}: produced no artifact")
    names = [a.get("name") for a in artifacts]
    if len(set(names)) != len(names):
        raise SnippetError(f"{_shown(snippet)}: artifact names repeat: {names}")
    for artifact in artifacts:
        _check_artifact(out, snippet, artifact)
    return list(artifacts)


def _check_artifact(out: Path, snippet: Path, artifact: dict[str, object]) -> None:
    name, kind, files = artifact.get("name"), artifact.get("kind"), artifact.get("files")
    label = f"{_shown(snippet)}: artifact {name!r}"
    if kind not in KINDS or not isinstance(files, dict) or set(files) != set(KINDS[str(kind)]):
        raise SnippetError(f"{label}: malformed entry {artifact!r}")
    if kind == "plot" and not str(artifact.get("alt", "")).strip():
        raise SnippetError(f"{label}: a plot needs alt text")
    for role, file in files.items():
        path = out / str(file)
        if not path.is_file() or path.stat().st_size == 0:
            raise SnippetError(f"{label}: {role} file {file!r} is missing or empty")
        data = path.read_bytes()
        try:
            if kind == "plot":
                root = ET.fromstring(data)
                if not root.tag.endswith("svg"):
                    raise ValueError(f"root element is <{root.tag}>, not <svg>")
            elif kind == "verdict":
                verdict = json.loads(data)
                if not isinstance(verdict.get("ok"), bool) or "claim" not in verdict:
                    raise ValueError("a verdict needs 'claim' and a boolean 'ok'")
            else:
                data.decode("utf-8")
        except (ValueError, ET.ParseError) as error:
            raise SnippetError(f"{label}: {role} file {file!r} is invalid: {error}") from None


def _shown(snippet: Path) -> str:
    try:
        return str(snippet.relative_to(Path.cwd()))
    except ValueError:
        return str(snippet)
