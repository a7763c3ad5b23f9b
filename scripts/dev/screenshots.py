"""`make screenshots`: PNGs of every nav page, light and dark, desktop and phone width.

Written to ``screenshots/`` (ignored by git) for a person to look at; nothing is asserted.
File names: ``<page>-<light|dark>-<desktop|phone>.png``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.build.chromium import launch
from scripts.build.site_nav import nav_pages
from scripts.dev.site_variants import ROOT
from scripts.dev.static_server import serve

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
SCHEMES = ("light", "dark")


def take(site: Path, out: Path) -> list[Path]:
    """Screenshot every nav page of the built ``site`` into ``out``; returns the files."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p, serve(site) as base:
        browser = launch(p)
        for scheme in SCHEMES:
            for width, viewport in WIDTHS.items():
                context = browser.new_context(
                    viewport=viewport, color_scheme=scheme, is_mobile=width == "phone"
                )
                page = context.new_page()
                for nav_page in nav_pages():
                    page.goto(base + nav_page.url, wait_until="networkidle")
                    # Lazy plots below the fold load before the full-page picture is taken.
                    page.evaluate(
                        "Promise.all([...document.images].map(i => "
                        "(i.loading = 'eager', i.decode().catch(() => null))))"
                    )
                    page.evaluate("document.fonts.ready")
                    name = f"{nav_page.name}-{scheme}-{width}.png"
                    page.screenshot(path=out / name, full_page=True)
                    written.append(out / name)
                context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site} holds no built site: run `make build` first")
    files = take(args.site, args.out)
    print(f"{len(files)} screenshots in {args.out}")


if __name__ == "__main__":
    main()
