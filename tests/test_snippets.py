"""The snippet pipeline on fixture snippets: runs, cache, and every kind of bad input."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.sitebuild import build_fixture

PAGE = "---\ndescription: 测试片段的页面。\n---\n\n# 片段\n\n<!-- md:snippet {name} -->\n"
HELPER = """
from pathlib import Path
import json

def note(out: Path, name: str, text: str) -> None:
    (out / f"{name}.md").write_text(text, encoding="utf-8")
    manifest = out / "manifest.json"
    entries = json.loads(manifest.read_text())["artifacts"] if manifest.exists() else []
    entries.append({"name": name, "kind": "markdown", "files": {"md": f"{name}.md"}})
    manifest.write_text(json.dumps({"artifacts": entries}))
"""
USES_HELPER = "from _helper import note\n\ndef build(out):\n    note(out, 'text', '{text}')\n"
STANDALONE = (
    "import json\n\ndef build(out):\n"
    "    (out / 'a.md').write_text('独立')\n"
    "    (out / 'manifest.json').write_text(json.dumps({'artifacts': "
    "[{'name': 'a', 'kind': 'markdown', 'files': {'md': 'a.md'}}]}))\n"
)


class Site:
    """A fixture site with its own snippets directory and its own cache."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.snippets = tmp / "snippets"
        self.cache = tmp / "cache"
        self.snippets.mkdir()
        self.timeout = "30"

    def snippet(self, name: str, source: str) -> None:
        (self.snippets / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")

    def build(
        self, *names: str, pages: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        pages = pages or {f"{n}.md": PAGE.format(name=n) for n in names}
        env = {
            "SNIPPETS_DIR": str(self.snippets),
            "BUILD_CACHE_DIR": str(self.cache),
            "SNIPPET_TIMEOUT": self.timeout,
        }
        return build_fixture(self.tmp, pages, env=env)

    def html(self, name: str) -> str:
        return (self.tmp / "site" / name / "index.html").read_text(encoding="utf-8")

    def entries(self) -> list[str]:
        root = self.cache / "snippets"
        return sorted(p.name.split("--")[0] for p in root.glob("*--*")) if root.exists() else []

    def scratch_left(self) -> list[Path]:
        return list((self.cache / "snippets" / ".tmp").glob("*"))


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)


def _ran(result: subprocess.CompletedProcess[str]) -> str:
    line = next(x for x in result.stderr.splitlines() if "snippets:" in x)
    return line.split("snippets:")[1].strip()


def test_artifact_is_embedded_and_cached(site: Site) -> None:
    site.snippet("_helper", HELPER)
    site.snippet("first", USES_HELPER.format(text="第一段 $x^2$"))
    result = site.build("first")
    assert result.returncode == 0, result.stderr
    assert "第一段" in site.html("first") and 'class="katex"' in site.html("first")
    assert site.entries() == ["first"]


def test_warm_build_runs_nothing_and_edits_rerun_only_what_changed(site: Site) -> None:
    site.snippet("_helper", HELPER)
    site.snippet("first", USES_HELPER.format(text="一"))
    site.snippet("second", USES_HELPER.format(text="二"))
    site.snippet("alone", STANDALONE)
    names = ("first", "second", "alone")
    assert _ran(site.build(*names)) == "3 used, 0 from cache, 3 ran (alone, first, second)"
    assert _ran(site.build(*names)) == "3 used, 3 from cache, 0 ran"
    site.snippet("first", USES_HELPER.format(text="一改"))
    assert _ran(site.build(*names)) == "3 used, 2 from cache, 1 ran (first)"
    assert "一改" in site.html("first")
    site.snippet("_helper", HELPER + "\n# a change to the shared helper\n")
    assert _ran(site.build(*names)) == "3 used, 1 from cache, 2 ran (first, second)"
    assert site.entries() == ["alone", "first", "second"]  # older entries were dropped


def test_corrupted_entry_is_detected_and_run_again(site: Site) -> None:
    site.snippet("alone", STANDALONE)
    assert site.build("alone").returncode == 0
    (artifact,) = (site.cache / "snippets").glob("alone--*/a.md")
    artifact.write_text("篡改", encoding="utf-8")
    result = site.build("alone")
    assert _ran(result) == "1 used, 0 from cache, 1 ran (alone)"
    assert "独立" in site.html("alone") and "篡改" not in site.html("alone")


def test_failing_snippet_names_file_line_and_exception(site: Site) -> None:
    site.snippet("boom", "def build(out):\n    value = 1\n    return value / 0\n")
    result = site.build("boom")
    assert result.returncode != 0
    assert "boom.py:3" in result.stderr and "ZeroDivisionError: division by zero" in result.stderr
    assert site.entries() == [] and site.scratch_left() == []


def test_hanging_snippet_is_killed_at_its_time_limit(site: Site) -> None:
    site.timeout = "2"
    site.snippet("hang", "import time\n\ndef build(out):\n    time.sleep(120)\n")
    result = site.build("hang")
    assert result.returncode != 0
    assert "hang.py: killed after the time limit of 2 s" in result.stderr
    assert site.entries() == [] and site.scratch_left() == []


def test_snippet_without_artifact(site: Site) -> None:
    site.snippet("empty", "def build(out):\n    pass\n")
    result = site.build("empty")
    assert result.returncode != 0
    assert "empty.py: produced no artifact" in result.stderr
    assert site.entries() == [] and site.scratch_left() == []


def test_snippet_with_invalid_artifact(site: Site) -> None:
    site.snippet(
        "badplot",
        """
        import json

        def build(out):
            (out / "p-light.svg").write_text("<svg><unclosed></svg>")
            (out / "p-dark.svg").write_text("<svg/>")
            entry = {"name": "p", "kind": "plot", "alt": "图", "width": 10, "height": 10,
                     "files": {"light": "p-light.svg", "dark": "p-dark.svg"}}
            (out / "manifest.json").write_text(json.dumps({"artifacts": [entry]}))
        """,
    )
    result = site.build("badplot")
    assert result.returncode != 0
    assert "badplot.py: artifact 'p': light file 'p-light.svg' is invalid" in result.stderr
    assert site.entries() == []


def test_page_referring_to_a_missing_snippet(site: Site) -> None:
    result = site.build(pages={"page.md": "# 页\n\n正文\n<!-- md:snippet nosuch -->\n"})
    assert result.returncode != 0
    assert "page.md:4: no snippet 'nosuch'" in result.stderr


def test_page_referring_to_a_missing_artifact(site: Site) -> None:
    site.snippet("alone", STANDALONE)
    result = site.build(pages={"page.md": "# 页\n\n<!-- md:snippet alone#nope -->\n"})
    assert result.returncode != 0
    assert "page.md:3: snippet 'alone' made no artifact 'nope' (it made: a)" in result.stderr


def test_unknown_directive_kind(site: Site) -> None:
    result = site.build(pages={"page.md": "# 页\n\n<!-- md:plot alone -->\n"})
    assert result.returncode != 0
    assert "page.md:3: unknown directive kind 'plot'" in result.stderr
