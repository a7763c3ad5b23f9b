"""Build a site the way `make build` does, from the real config or from a fixture's pages.

A fixture site inherits the project's mkdocs.yml (theme, extensions, hooks, validation) and
overrides only its pages, so a bad-input test exercises exactly the production build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scripts.site_variants import write_config

ROOT = Path(__file__).resolve().parent.parent


def build_env() -> dict[str, str]:
    """The environment the Makefile exports for a build."""
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONHASHSEED"] = "0"
    return env


def run_mkdocs(
    config: Path, site_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` with ``config`` into ``site_dir``; never raises on failure."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        cwd=ROOT,
        env={**build_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def fixture_config(
    tmp: Path, pages: dict[str, str], nav: list[str] | None = None, watch: Path | None = None
) -> Path:
    """Write ``pages`` into ``tmp/docs`` and a config that inherits the project's."""
    docs = tmp / "docs"
    for name, text in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # Fixture pages have no logo or stylesheet of their own; KaTeX's CSS is generated.
    extra = "extra_css:\n  - assets/katex/katex.min.css"
    return write_config(tmp, docs, nav=nav or sorted(pages), watch=watch, extra=extra)


def build_fixture(
    tmp: Path,
    pages: dict[str, str],
    nav: list[str] | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Build a fixture site made of ``pages`` into ``tmp/site``."""
    return run_mkdocs(fixture_config(tmp, pages, nav), tmp / "site", env)
