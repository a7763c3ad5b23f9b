"""Run inside the snippet's own subprocess: import the snippet, call its ``build(out)``.

Kept tiny and free of project imports so that what a snippet sees is what a reader running it
in a plain Python would see. Usage: ``python driver.py SNIPPET.py OUT_DIR``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def main(snippet: Path, out: Path) -> None:
    sys.path.insert(0, str(snippet.parent))
    spec = importlib.util.spec_from_file_location(snippet.stem, snippet)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {snippet}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[snippet.stem] = module
    spec.loader.exec_module(module)
    build = getattr(module, "build", None)
    if not callable(build):
        raise SystemExit(f"{snippet} defines no build(out) function")
    out.mkdir(parents=True, exist_ok=True)
    build(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
