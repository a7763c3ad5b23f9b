"""Material's bundle marked for eager compilation: V8's per-file compile hint.

Material's bundle (loaded after the first paint, overrides/main.html) calls most of its
functions as it starts. V8 compiles a function lazily, on the main thread, when it is first
called; a script whose first line is the magic comment ``//# allFunctionsCalledOnLoad`` has all
of them compiled while it streams in, off the main thread (Chromium 136 and later; any other
engine reads a comment). On derivative/ the main-thread tasks that run the bundle took 98 ms
instead of 120 (median of 10 alternating runs, unthrottled; shorter in 9 of the 10 pairs).

Material's build cannot be asked for the comment, so it goes into the site's copy of the
bundle, once (a ``serve --dirty`` rebuild leaves the copy in place), and the source map gets an
empty first line (a leading ``;`` in its mappings), so that its lines still match.
"""

from __future__ import annotations

import re
from pathlib import Path

HINT = "//# allFunctionsCalledOnLoad\n"
_MAPPINGS = re.compile(r'("mappings"\s*:\s*")')


def add_compile_hint(site_dir: Path) -> list[Path]:
    """Put ``HINT`` first in each Material bundle of ``site_dir``; the bundles changed."""
    changed = []
    for bundle in sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")):
        text = bundle.read_text(encoding="utf-8")
        if text.startswith(HINT):
            continue
        bundle.write_text(HINT + text, encoding="utf-8")  # MkDocs's own copy of the theme's file
        source_map = bundle.with_name(bundle.name + ".map")
        if source_map.is_file():
            shifted = _MAPPINGS.sub(r"\1;", source_map.read_text(encoding="utf-8"), count=1)
            source_map.write_text(shifted, encoding="utf-8")
        changed.append(bundle)
    return changed
