"""`mkdocs serve --dirty`: rebuild a page when anything it shows changed, not only its file.

MkDocs's dirty build rebuilds the pages whose Markdown is newer than their HTML. That misses a
save made while a build is running (the HTML written after the save is "newer", yet was made
from the text before it), so the page's own text is one of its inputs here. A page also
shows what the build makes from other files: a snippet's table or plot, an answer box's
values, an embedded note, the nav (its titles and order, on every page). So each build records,
per page, a digest of those inputs; a page whose digest differs from the previous build's loses
its HTML in the served site, which MkDocs's own rule (no output: build it) then rebuilds. A
change to the nav rebuilds every page. A plain `mkdocs build` builds every page anyway and never
asks.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import Files

from scripts.build.cache_files import stable_key


def allow_dirty_builds() -> None:
    """Drop MkDocs's warning that a dirty build may leave navigation and links inaccurate: with
    the page inputs below it rebuilds the pages they change, and under ``--strict`` (as `make
    serve` runs) that warning would stop every build. What stays inexact in a preview: links
    from an unchanged page to an anchor renamed elsewhere are checked by the next plain build."""
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: "A 'dirty' build is being performed" not in record.getMessage()
    )


class PageInputs:
    """The inputs digest of every page, kept from one build of a serve process to the next."""

    def __init__(self) -> None:
        self.previous: dict[str, str] = {}

    def outdate(self, files: Files, inputs: dict[str, object]) -> list[str]:
        """Remove the served HTML of each page whose ``inputs`` changed since the last build;
        the pages so marked (none on the first build: every page is built then)."""
        digests = {page: stable_key(value) for page, value in inputs.items()}
        changed = []
        if self.previous:
            for file in files.documentation_pages():
                uri = file.src_uri
                if digests.get(uri) != self.previous.get(uri):
                    Path(file.abs_dest_path).unlink(missing_ok=True)
                    changed.append(uri)
        self.previous = digests
        return changed
