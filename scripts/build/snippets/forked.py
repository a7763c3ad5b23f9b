"""Under ``mkdocs serve``: run a snippet in a child forked from a process that has already
imported numpy, sympy and matplotlib, so an edited snippet's plot shows about a second sooner.

This is Python's own ``multiprocessing`` fork server with a preload (``preload.py``), started
once per ``mkdocs serve``. It is used only when this process has ``PYTHONHASHSEED=0`` (the
Makefile sets it), which the server inherits: a fresh snippet process gets that seed, and the
order of a set in a snippet's output must not depend on how the snippet was started. Each
child takes the snippet's own environment and directory, a session of its own (so the
deadline's kill takes whatever the snippet started), and writes its output to files that the
build reads back as it reads a fresh process's pipes. ``mkdocs build`` and CI keep the fresh process of
``runner.run_snippet``: that is the truth, and the test suite checks that both give the same
bytes for every snippet.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import signal
import sys
import traceback
from pathlib import Path

PRELOAD = "scripts.build.snippets.preload"
_context = multiprocessing.get_context("forkserver")


def available() -> bool:
    """Whether forked runs give a fresh process's bytes here (the hash seed is fixed)."""
    return os.environ.get("PYTHONHASHSEED") == "0"


def start() -> None:
    """Start the fork server now, so it imports the libraries while the first build runs."""
    _context.set_forkserver_preload([PRELOAD])
    multiprocessing.forkserver.ensure_running()


def run_forked(
    snippet: Path, out: Path, workdir: Path, env: dict[str, str], timeout: float
) -> tuple[int, str, str] | None:
    """Run ``snippet`` as ``runner.run_snippet`` would, in a forked child: (exit status,
    stdout, stderr), or None if it was killed at the deadline."""
    process = _context.Process(target=_child, args=(snippet, out, workdir, env), daemon=True)
    process.start()
    process.join(timeout)
    if process.is_alive():
        _kill_session(process.pid)
        process.join()
        return None
    returncode = process.exitcode if process.exitcode is not None else -1
    return returncode, _read(workdir / "stdout.txt"), _read(workdir / "stderr.txt")


def _child(snippet: Path, out: Path, workdir: Path, env: dict[str, str]) -> None:
    """In the forked child: the snippet's session, directory, environment and output files."""
    from scripts.build.snippets import driver

    os.setsid()
    sys.dont_write_bytecode = True  # as PYTHONDONTWRITEBYTECODE=1 makes a fresh interpreter
    os.chdir(workdir)
    os.environ.clear()
    os.environ.update(env)
    with open(os.devnull, "rb") as null:
        os.dup2(null.fileno(), 0)
    for fd, name in ((1, "stdout.txt"), (2, "stderr.txt")):
        with open(workdir / name, "wb") as file:
            os.dup2(file.fileno(), fd)
    status = 0
    try:
        driver.main(snippet.resolve(), out.resolve())
    except SystemExit as stop:  # what a fresh interpreter does with it
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _kill_session(pid: int | None) -> None:
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""
