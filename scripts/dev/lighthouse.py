"""Lighthouse (npm ``lighthouse``, pinned in package.json) on Debian's Chromium.

`make lighthouse` prints the four scores of every nav page (mobile preset, the site served
gzip-compressed as a host serves it) and names each audit that keeps a score below 100;
`make bench` takes its page figures (requests, bytes, LCP, CLS, TBT, scores) from here.
The scores are those of the run with the median performance score; CLS and the timings are
medians over the runs. Column ``late``: in how many runs Chromium showed the loaded page over
half a second late (``HELD_FRAME_MS``), which costs a run its speed index; ``shift``: in how
many runs anything shifted at all (CLS above 0), which a median of 0 would hide.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.build.chromium import CHROMIUM, CHROMIUM_ARGS
from scripts.build.site_nav import nav_pages
from scripts.dev.site_variants import ROOT
from scripts.dev.static_server import serve

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The timings a performance score is made of (TBT: main-thread work, ×4 CPU slowdown).
TIMINGS = ("FCP", "LCP", "SI", "TBT")
# A run whose painted first frame Chromium showed this long after the load event: its speed
# index takes the late frame (2.4 s where the page's own is 1.2 s). Flagged, not hidden. What
# holds the frame is Chromium's, under Lighthouse's mobile emulation: the overlay scrollbar's
# fade, drawn before the page's first frame is ready, counts as frames the display never drew;
# viz then stops sending the page's compositor BeginFrames (ThrottleUndrawnFrames), and the
# page's first frame waits for the browser's next embed of its surface, about a second later.
# A page whose first frame is ready sooner escapes it (scripts/build/math/katex_preload.py);
# `--chrome-flag=--hide-scrollbars` shows the cause (derivative/: 0 of 10 runs late, against
# 9 of 20 without it, in the same half hour), and is for that diagnosis only: the figures are
# taken without it.
HELD_FRAME_MS = 500


@dataclass(frozen=True)
class Report:
    """What one Lighthouse run found on one page."""

    scores: dict[str, int]  # category → 0..100
    requests: int
    transferred_bytes: int
    fcp_ms: float
    lcp_ms: float
    si_ms: float
    cls: float
    tbt_ms: float
    shortfalls: dict[str, list[str]]  # category → audits scored below 1, with their values
    held_frame_ms: float  # how long after the load event the first frame was shown


def held_frame_ms(lhr: dict) -> float:  # type: ignore[type-arg]
    """How long after the load event Chromium showed the page's first contentful frame, in
    the unthrottled load Lighthouse observed; 0 if it showed it before.

    >>> held_frame_ms({"audits": {"metrics": {"details": {"items": [
    ...     {"observedFirstContentfulPaint": 1290.4, "observedLoad": 288.1}]}}}})
    1002.3
    >>> held_frame_ms({"audits": {"metrics": {"details": {"items": [
    ...     {"observedFirstContentfulPaint": 260, "observedLoad": 277}]}}}})
    0.0
    """
    observed = lhr["audits"]["metrics"]["details"]["items"][0]
    held = observed["observedFirstContentfulPaint"] - observed["observedLoad"]
    return round(max(0.0, held), 1)


def run(url: str, keep: Path | None = None, chrome_flags: Sequence[str] = ()) -> Report:
    """Run Lighthouse once on ``url`` with its default mobile preset.

    ``keep``, if given, receives the JSON report: its audits (render-blocking-resources,
    bootup-time, largest-contentful-paint-element, …) say what a figure is made of.
    ``chrome_flags`` are added to Chromium's (a diagnosis, see ``HELD_FRAME_MS``).
    """
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: `make setup` runs npm ci")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS, *chrome_flags])
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse {url} failed:\n{result.stderr[-2000:]}")
    if keep is not None:
        keep.parent.mkdir(parents=True, exist_ok=True)
        keep.write_text(result.stdout, encoding="utf-8")
    return parse(json.loads(result.stdout))


def parse(lhr: dict) -> Report:  # type: ignore[type-arg]
    """The figures of a Lighthouse JSON report (LHR)."""
    audits = lhr["audits"]
    shortfalls: dict[str, list[str]] = {}
    for name, category in lhr["categories"].items():
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or f"score {audit['score']}"
                shortfalls.setdefault(name, []).append(f"{ref['id']} ({shown})")
    return Report(
        scores={name: round(100 * (c["score"] or 0)) for name, c in lhr["categories"].items()},
        requests=len(audits["network-requests"]["details"]["items"]),
        transferred_bytes=int(audits["total-byte-weight"]["numericValue"]),
        fcp_ms=float(audits["first-contentful-paint"]["numericValue"]),
        lcp_ms=float(audits["largest-contentful-paint"]["numericValue"]),
        si_ms=float(audits["speed-index"]["numericValue"]),
        cls=float(audits["cumulative-layout-shift"]["numericValue"]),
        tbt_ms=float(audits["total-blocking-time"]["numericValue"]),
        shortfalls=shortfalls,
        held_frame_ms=held_frame_ms(lhr),
    )


def summary(reports: list[Report]) -> tuple[Report, dict[str, float]]:
    """The run with the median performance score (the machine is noisy), and the median of
    each timing over the runs (a score hides which timing moved)."""
    ordered = sorted(reports, key=lambda r: r.scores["performance"])
    timings = {
        name: statistics.median(getattr(r, f"{name.lower()}_ms") for r in reports)
        for name in TIMINGS
    }
    return ordered[len(ordered) // 2], timings


def _slug(url: str) -> str:
    path = url.split("/", 3)[3].strip("/")
    return path.replace("/", "-") or "index"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--site", type=Path, nargs="+", default=[ROOT / "site"],
        help="built sites; with several (a change and its base), each page's runs alternate "
        "between them, so a burst of load from elsewhere falls on all of them alike",
    )  # fmt: skip
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    parser.add_argument("--pages", nargs="*", help="only these nav URLs (e.g. gradient/)")
    parser.add_argument("--keep", type=Path, help="a directory to keep each JSON report in")
    parser.add_argument(
        "--chrome-flag", action="append", default=[], metavar="FLAG",
        help="a flag added to Chromium's, for a diagnosis (e.g. --chrome-flag=--hide-scrollbars)",
    )  # fmt: skip
    args = parser.parse_args()
    for site in args.site:
        if not (site / "index.html").is_file():
            sys.exit(f"{site} holds no built site: run `make build` first")
    width = max(len(str(site)) for site in args.site)
    column = (lambda text: f" {text:<{width}}") if len(args.site) > 1 else (lambda text: "")
    print(f"{'page':<24}{column('site')} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'KiB':>5}"
          + f" {'CLS':>6}" + "".join(f" {t + ' ms':>7}" for t in TIMINGS)
          + " late shift  held back by")  # fmt: skip
    pages = [p for p in nav_pages() if args.pages is None or (p.url or "/") in args.pages]
    with contextlib.ExitStack() as stack:
        bases = [stack.enter_context(serve(site, compress=True)) for site in args.site]
        for page in pages:
            reports: list[list[Report]] = [[] for _ in bases]
            for i in range(args.runs):
                for n, base in enumerate(bases):
                    name = f"{_slug(base + page.url)}-{i}.json"
                    keep = args.keep and args.keep / (str(n) if len(bases) > 1 else "") / name
                    reports[n].append(run(base + page.url, keep, args.chrome_flag))
            for site, runs in zip(args.site, reports, strict=True):
                report, timings = summary(runs)
                s = report.scores
                held = "; ".join(f"{c}: {', '.join(a)}" for c, a in report.shortfalls.items())
                late = sum(r.held_frame_ms > HELD_FRAME_MS for r in runs)
                shifted = sum(r.cls > 0 for r in runs)  # the median hides a run that shifted
                cls = statistics.median(r.cls for r in runs)
                print(
                    f"{page.url or '/':<24}{column(str(site))} {s['performance']:>4} "
                    f"{s['accessibility']:>4} {s['best-practices']:>4} {s['seo']:>4} "
                    f"{report.transferred_bytes / 1024:>5.0f} {cls:>6.4f}"
                    + "".join(f" {timings[t]:>7.0f}" for t in TIMINGS)
                    + f" {late}/{len(runs)}  {shifted:>2}/{len(runs)}  {held or '-'}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
