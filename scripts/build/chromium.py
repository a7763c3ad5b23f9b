"""Debian's Chromium, as the PDF edition, the browser tests, `make screenshots` and `make bench` launch it.

Always ``/usr/bin/chromium`` (installed by `make setup` with apt), never a browser Playwright
downloads: the project asks nothing of the network but package installs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI runs as root. No background networking: Chromium's own requests (updates,
# safe browsing) would otherwise count as requests to other origins.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launch(playwright: Any) -> Any:
    """Launch headless Chromium through a started ``sync_playwright()``."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: `make setup` installs Debian's chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
