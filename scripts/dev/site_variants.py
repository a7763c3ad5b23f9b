"""Configs for other builds of this site: fixture sites (tests) and comparison builds (bench).

Each inherits the project's mkdocs.yml through MkDocs' ``INHERIT`` and overrides only what
differs, with absolute paths (relative ones would resolve against the temporary directory).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def write_config(
    directory: Path,
    docs_dir: Path,
    *,
    nav: list[str] | None = None,
    hooks: bool = True,
    watch: Path | None = None,
    extra: str = "",
) -> Path:
    """Write ``directory/mkdocs.yml``; ``nav=None`` keeps the project's navigation."""
    lines = [
        f"INHERIT: {ROOT / 'mkdocs.yml'}",
        f"docs_dir: {docs_dir}",
        f"theme:\n  custom_dir: {ROOT / 'overrides'}",
        f"watch:\n  - {watch or ROOT / 'snippets'}",
    ]
    if nav is not None:
        lines.append("nav:\n" + "\n".join(f"  - {name}" for name in nav))
    lines.append(f"hooks:\n  - {ROOT / 'scripts' / 'hooks.py'}" if hooks else "hooks: []")
    if extra:
        lines.append(extra)
    config = directory / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def build_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment the Makefile exports for a build, plus ``extra``."""
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONHASHSEED"] = "0"
    return {**env, **(extra or {})}


def run_mkdocs(
    config: Path, site_dir: Path, env: dict[str, str] | None = None, *, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` (``--strict`` unless told) with ``config`` into ``site_dir``; never raises.

    The bench's comparison builds are not strict: the client-side recipe's own configuration
    (stock toc slugs, KaTeX's files in docs/) warns where ours does not.
    """
    flags = ["--strict"] if strict else ["--no-strict"]
    command = [sys.executable, "-m", "mkdocs", "build", *flags]
    return subprocess.run(
        [*command, "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT,
        env=build_env(env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
