"""Small helpers shared by the build caches: stable keys and atomic writes.

Every cache of the build (KaTeX HTML, snippet artifacts) keys entries by a SHA-256 of all that
can change them and writes them atomically, so an interrupted build never leaves a half-written
entry that a later build would serve.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

DEFAULT_CACHE_ROOT = Path(__file__).resolve().parents[2] / ".cache"


def cache_root() -> Path:
    """Where build caches live: ``BUILD_CACHE_DIR`` if set (tests use their own), else .cache/."""
    return Path(os.environ.get("BUILD_CACHE_DIR", DEFAULT_CACHE_ROOT))


def stable_key(*parts: object) -> str:
    """SHA-256 of the JSON form of ``parts``: equal inputs give equal keys across runs.

    >>> stable_key("a", 1) == stable_key("a", 1) != stable_key("a", 2)
    True
    """
    data = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
