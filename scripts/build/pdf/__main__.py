"""``python -m scripts.build.pdf``: the PDF edition of the built site, into site/calculus.pdf."""

from __future__ import annotations

import argparse
from pathlib import Path

from scripts.build.pdf.edition import PDF_NAME, build_pdf
from scripts.build.site_nav import ROOT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = build_pdf(args.site, args.out or args.site / PDF_NAME)
    print(f"{out}: {out.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
