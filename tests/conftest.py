"""Shared fixtures: one strict build of the real site per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import ROOT, run_mkdocs


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built with `mkdocs build --strict` into a temporary directory."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site
