"""Shared fixtures: one strict build of the real site per test session; one Chromium; the
built site served compressed on 127.0.0.1, as a host serves it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts.build.chromium import CHROMIUM, launch
from scripts.dev.static_server import serve
from tests.sitebuild import ROOT, run_mkdocs


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built with `mkdocs build --strict` into a temporary directory."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a browser Playwright downloads)."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    with playwright.sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base(built_site: Path) -> Iterator[str]:
    """The URL of the built site served gzip-compressed, one server per test module."""
    with serve(built_site, compress=True) as url:
        yield url
