"""`mkdocs serve` of a config in a subprocess, until a block ends: for the serve tests and the
save-to-browser figures (``serve_reload.py``). Its log lines are collected as they arrive, so a
caller can wait for a rebuild or show what went wrong."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from scripts.dev.site_variants import ROOT, build_env


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def served(
    config: Path, env: dict[str, str], *flags: str, ready: str | None = None, limit: float = 900
) -> Iterator[tuple[str, list[str]]]:
    """`mkdocs serve` of ``config`` (with ``flags``, in the Makefile's environment plus ``env``):
    its base URL and its log lines. ``ready``: a path under the URL to wait for (at most
    ``limit`` seconds) before the block starts. The log's end is printed if the block fails."""
    command = [sys.executable, "-m", "mkdocs", "serve", *flags, "-f", str(config),
               "-a", f"127.0.0.1:{free_port()}"]  # fmt: skip
    base = f"http://{command[-1]}/"
    server = subprocess.Popen(
        command, cwd=ROOT, env={**build_env(), **env}, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(server.stderr), daemon=True)  # type: ignore[arg-type]
    reader.start()
    try:
        if ready is not None:
            _wait_until_served(server, base + ready, time.monotonic() + limit)
        yield base, log
    except Exception:
        print("".join(log)[-4000:], file=sys.stderr)
        raise
    finally:
        _stop(server)
        reader.join(timeout=10)
        server.stderr.close()  # type: ignore[union-attr]


def _stop(server: subprocess.Popen[str]) -> None:
    """Stop the server as Ctrl-C does (SIGINT), so that MkDocs removes its temporary site
    directory and multiprocessing its fork server's; SIGTERM would leave both in /tmp. A server
    that does not stop within 30 s is killed."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)


def _wait_until_served(server: subprocess.Popen[str], url: str, deadline: float) -> None:
    while True:
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"mkdocs serve did not serve {url}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=5).close()
            return
        time.sleep(0.5)
