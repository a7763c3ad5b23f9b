"""`mkdocs serve` on a vault: editing an embedded note reloads the page that embeds it."""

from __future__ import annotations

import re
import threading
import time
import urllib.request
from pathlib import Path

from scripts.dev.mkdocs_serve import served
from tests.sitebuild import fixture_config
from tests.test_serve import _wait_for

HOST = "---\ndescription: 嵌入别的笔记的页面。\n---\n\n# 主页\n\n> [!note] 嵌入\n> ![[片段#要点]]\n"
PART = "---\ndescription: 被嵌入的笔记。\n---\n\n# 片段\n\n## 要点\n\n{text} $x^2$\n"


def test_editing_an_embedded_note_reloads_the_embedding_page(tmp_path: Path) -> None:
    pages = {"host.md": HOST, "片段.md": PART.format(text="初版内容")}
    config = fixture_config(tmp_path, pages, nav=["host.md", "片段.md"])
    env = {"NOTEBOOKS_DIR": str(tmp_path / "none"), "BUILD_CACHE_DIR": str(tmp_path / "cache")}
    with served(config, env) as (base, log):
        url = base + "host/"
        first = _wait_for(url, "初版内容", time.monotonic() + 120)
        callout = first[first.index('class="admonition note"') :]
        assert callout.index("初版内容") < callout.index("</div>") and "katex" in callout
        # What the page's livereload script does: wait for a newer build of the site.
        epoch, request = re.search(r"livereload\((\d+), (\d+)\)", first).groups()  # type: ignore[union-attr]
        newer: list[str] = []
        poll = f"{base}livereload/{epoch}/{request}"
        poller = threading.Thread(
            target=lambda: newer.append(urllib.request.urlopen(poll, timeout=120).read().decode())
        )
        poller.start()
        time.sleep(1)
        edited = PART.format(text="改过的内容")
        (tmp_path / "docs" / "片段.md").write_text(edited, encoding="utf-8")
        poller.join(timeout=120)
        assert newer and int(newer[0]) > int(epoch), (newer, "".join(log))
        page = _wait_for(url, "改过的内容", time.monotonic() + 60)
        assert "初版内容" not in page
