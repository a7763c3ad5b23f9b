"""`mkdocs serve`: editing a snippet regenerates its artifact and rebuilds once, with no loop;
under ``--dirty`` (as `make serve` runs) it rebuilds the pages showing it, not waiting for notebooks."""

from __future__ import annotations

import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.dev.mkdocs_serve import served
from tests.sitebuild import fixture_config
from tests.test_notebooks import NotebookSite

SNIPPET = (
    "import json\n\ndef build(out):\n"
    "    (out / 'a.md').write_text('{text}', encoding='utf-8')\n"
    "    (out / 'manifest.json').write_text(json.dumps({{'artifacts': "
    "[{{'name': 'a', 'kind': 'markdown', 'files': {{'md': 'a.md'}}}}]}}))\n"
)


def _wait_for(url: str, text: str, deadline: float) -> str:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


def test_edited_snippet_is_served_after_one_rebuild(tmp_path: Path) -> None:
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    (snippets / "live.py").write_text(SNIPPET.format(text="初版内容"), encoding="utf-8")
    page = "---\ndescription: 实时预览的测试页。\n---\n\n# 预览\n\n<!-- md:snippet live -->\n"
    config = fixture_config(tmp_path, {"index.md": page}, watch=snippets)
    env = {
        "SNIPPETS_DIR": str(snippets),
        "NOTEBOOKS_DIR": str(tmp_path / "none"),
        "BUILD_CACHE_DIR": str(tmp_path / "cache"),
    }
    # The server's temporary directory, its own and short: the fork server's socket is made in
    # it, and a Unix socket's path may not pass 107 bytes (tmp_path under xdist is longer).
    with tempfile.TemporaryDirectory(prefix="serve-") as scratch:
        with served(config, {**env, "TMPDIR": scratch}) as (url, log):
            _wait_for(url, "初版内容", time.monotonic() + 120)
            (snippets / "live.py").write_text(SNIPPET.format(text="改过的内容"), encoding="utf-8")
            _wait_for(url, "改过的内容", time.monotonic() + 120)
            time.sleep(5)  # a reload loop would rebuild again and again in this time
            builds = sum("Documentation built" in line for line in log)
            assert builds == 2, "".join(log)
            # run in a child of the preloaded fork server, not a fresh interpreter
            assert any("1 ran (live) forked" in line for line in log[-10:]), "".join(log)
        # Stopped as by Ctrl-C: MkDocs's temporary site and the fork server's directory are
        # gone (what stays is jieba's dictionary cache, a file it keeps there on purpose).
        assert [p.name for p in Path(scratch).iterdir() if p.is_dir()] == []


NOTEBOOK_SNIPPET = """
from _artifacts import save_markdown

def build(out):
    save_markdown(out, "answer", "{text}")
"""


def test_dirty_serve_rebuilds_what_a_snippet_shows_and_runs_its_notebook_after(
    tmp_path: Path,
) -> None:
    """`make serve` (``--dirty``): an edited snippet rebuilds the page that shows it though the
    page's file is unchanged; its notebook page is served from the last execution, marked out
    of date, until the new one, executed after serving, replaces it."""
    site = NotebookSite(tmp_path, NOTEBOOK_SNIPPET.format(text="初版内容"))
    first = site.build()  # an executed notebook in the cache, as after any earlier build
    assert first.returncode == 0, first.stderr
    page = "---\ndescription: 实时预览的测试页。\n---\n\n# 预览\n\n<!-- md:snippet step -->\n"
    config = fixture_config(tmp_path, {"index.md": page}, watch=site.snippets)
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "nav:\n  - index.md", "nav:\n  - index.md\n  - notebooks/nb.ipynb"
        ),
        encoding="utf-8",
    )
    with served(config, site.env(), "--dirty") as (url, log):
        try:
            _wait_for(url, "初版内容", time.monotonic() + 120)
        except AssertionError:
            raise AssertionError("".join(log)) from None
        (site.snippets / "step.py").write_text(
            NOTEBOOK_SNIPPET.format(text="改过的内容"), encoding="utf-8"
        )
        _wait_for(url, "改过的内容", time.monotonic() + 120)
        notebook = _wait_for(url + "notebooks/nb/", "笔记本正在重新执行", time.monotonic() + 60)
        assert "初版内容" in notebook
        fresh = _wait_for(url + "notebooks/nb/", "改过的内容", time.monotonic() + 120)
        assert "笔记本正在重新执行" not in fresh
        assert any("1 executing after serving" in line for line in log), "".join(log)
