"""The notebook edition: one source with the snippets, cached execution, errors that name the
cell, and every downloaded notebook run in a reader's plain kernel."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

from scripts.build.notebooks.source import NotebookAssembler, Outline
from tests.sitebuild import ROOT, build_fixture

SNIPPETS = ROOT / "snippets"
OUTLINES = sorted((SNIPPETS / "notebooks").glob("*.yml"))
PLAIN_KERNEL = ROOT / ".cache" / "plain-kernel" / "bin" / "python"
CONTENT_PAGES = ["derivative", "partial", "gradient", "chain-rule", "exercises"]


def test_each_content_page_with_code_has_an_outline() -> None:
    assert sorted(p.stem for p in OUTLINES) == sorted(CONTENT_PAGES)


@pytest.mark.parametrize("outline", OUTLINES, ids=[p.stem for p in OUTLINES])
def test_notebook_code_is_the_snippets_own_source(outline: Path) -> None:
    """Every function and class of each snippet the outline names is in the notebook verbatim."""
    parsed = Outline.read(outline)
    notebook = NotebookAssembler(SNIPPETS, "https://example.org/").assemble(parsed)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    prose = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    assert len(prose) == len(parsed.steps) + 1 and all(prose)
    for snippet in parsed.snippets():
        source = (SNIPPETS / f"{snippet}.py").read_text(encoding="utf-8")
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                assert ast.get_source_segment(source, node) in code, (snippet, node.name)
    assert "build(OUT)" in code


class NotebookSite:
    """A fixture site whose snippets directory holds one outline, ``notebooks/nb.yml``."""

    def __init__(self, tmp: Path, snippet: str) -> None:
        self.tmp = tmp
        self.snippets = tmp / "snippets"
        (self.snippets / "notebooks").mkdir(parents=True)
        for helper in ("_notebook.py", "_artifacts.py"):
            shutil.copy(SNIPPETS / helper, self.snippets / helper)
        (self.snippets / "step.py").write_text(textwrap.dedent(snippet), encoding="utf-8")
        outline = {
            "title": "测试 · 笔记本",
            "page": "index.md",
            "intro": "一个测试用的笔记本。",
            "steps": [{"text": "## 第一步\n\n运行片段。", "snippet": "step"}],
        }
        (self.snippets / "notebooks" / "nb.yml").write_text(
            json.dumps(outline, ensure_ascii=False), encoding="utf-8"
        )

    def env(self, timeout: str = "120") -> dict[str, str]:
        return {
            "SNIPPETS_DIR": str(self.snippets),
            "NOTEBOOKS_DIR": str(self.snippets / "notebooks"),
            "BUILD_CACHE_DIR": str(self.tmp / "cache"),
            "NOTEBOOK_TIMEOUT": timeout,
        }

    def build(self, timeout: str = "120") -> subprocess.CompletedProcess[str]:
        env = self.env(timeout)
        page = "---\ndescription: 测试笔记本所在的站点首页。\n---\n\n# 首页\n"
        return build_fixture(
            self.tmp, {"index.md": page}, nav=["index.md", "notebooks/nb.ipynb"], env=env
        )

    def cached_notebooks(self) -> list[Path]:
        return list((self.tmp / "cache").rglob("*.ipynb"))


GOOD = """
from _artifacts import save_markdown

def build(out):
    save_markdown(out, "answer", "答案是 $x^2$。")
"""


def test_notebook_is_executed_once_then_taken_from_the_cache(tmp_path: Path) -> None:
    site = NotebookSite(tmp_path, GOOD)
    first = site.build()
    assert first.returncode == 0, first.stderr
    assert "notebooks: 1, 0 from cache, 1 executed" in first.stderr
    page = (tmp_path / "site" / "notebooks" / "nb" / "index.html").read_text(encoding="utf-8")
    assert "答案是" in page and 'class="katex"' in page  # the output's math, by KaTeX
    assert (tmp_path / "site" / "notebooks" / "nb" / "nb.ipynb").is_file()
    second = site.build()
    assert second.returncode == 0, second.stderr
    assert "notebooks: 1, 1 from cache, 0 executed" in second.stderr


def test_failing_cell_stops_the_build_naming_notebook_and_cell(tmp_path: Path) -> None:
    site = NotebookSite(tmp_path, "def build(out):\n    return 1 / 0\n")
    result = site.build()
    assert result.returncode != 0
    assert "nb.yml → notebooks/nb.ipynb: cell 5 (code from build(OUT) of snippets/step.py)" in (
        result.stderr
    )
    assert "ZeroDivisionError" in result.stderr
    assert site.cached_notebooks() == []  # nothing half-executed is kept …
    assert not (tmp_path / "site" / "notebooks").exists()  # … or published


def test_hung_notebook_is_killed_at_the_time_limit(tmp_path: Path) -> None:
    site = NotebookSite(tmp_path, "import time\n\ndef build(out):\n    time.sleep(600)\n")
    result = site.build(timeout="8")
    assert result.returncode != 0
    assert "notebooks/nb.ipynb: killed after the time limit of 8 s" in result.stderr
    assert site.cached_notebooks() == []


@pytest.fixture(scope="module")
def plain_kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernel spec for the reader's plain environment that `make setup` creates."""
    if not PLAIN_KERNEL.exists():
        pytest.fail(f"{PLAIN_KERNEL} is missing: `make setup` creates the plain kernel's venv")
    missing = subprocess.run(
        [str(PLAIN_KERNEL), "-c", "import mkdocs"], capture_output=True, check=False
    )
    assert missing.returncode != 0, "the plain kernel must not have this project's packages"
    jupyter = tmp_path_factory.mktemp("jupyter")
    spec = jupyter / "kernels" / "plain"
    spec.mkdir(parents=True)
    argv = [str(PLAIN_KERNEL), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "plain", "language": "python"}),
        encoding="utf-8",
    )
    before = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(jupyter)  # where jupyter_client looks for kernel specs
    yield "plain"
    if before is None:
        del os.environ["JUPYTER_PATH"]
    else:
        os.environ["JUPYTER_PATH"] = before


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_downloaded_notebook_runs_in_a_plain_kernel(
    built_site: Path, plain_kernel: str, name: str, tmp_path: Path
) -> None:
    """The .ipynb the site offers runs top to bottom and gives the outputs the site shows."""
    downloaded = built_site / "notebooks" / name / f"{name}.ipynb"
    published = nbformat.read(downloaded, as_version=4)
    fresh = nbformat.read(downloaded, as_version=4)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    NotebookClient(
        fresh,
        kernel_name=plain_kernel,
        timeout=300,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()

    def shown(notebook: nbformat.NotebookNode) -> list[object]:
        return [
            (
                o.get("text"),
                o.get("data", {}).get("text/markdown"),
                "image/png" in o.get("data", {}),
            )
            for c in notebook.cells
            for o in c.get("outputs", [])
        ]

    # Printing is cut into stream messages by timing; the build joins them, so join here too.
    fresh, _ = CoalesceStreamsPreprocessor().preprocess(fresh, {})
    assert shown(fresh) == shown(published)
    assert any(shown(published))
