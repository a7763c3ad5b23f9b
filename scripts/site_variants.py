"""Configs for other builds of this site: fixture sites (tests) and comparison builds (bench).

Each inherits the project's mkdocs.yml through MkDocs' ``INHERIT`` and overrides only what
differs, with absolute paths (relative ones would resolve against the temporary directory).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
