"""Snippets forked from the preloaded server (`mkdocs serve`) give what a fresh interpreter gives:
the same bytes for every snippet of the site, the same errors, the same deadline."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from scripts.build.snippets import forked
from scripts.build.snippets.build import DEFAULT_SNIPPETS_DIR
from scripts.build.snippets.runner import SnippetError, read_manifest, run_snippet

REAL = sorted(p for p in DEFAULT_SNIPPETS_DIR.glob("*.py") if not p.name.startswith("_"))


@pytest.fixture(scope="module", autouse=True)
def server() -> None:
    assert forked.available(), "the suite runs with PYTHONHASHSEED=0, as the Makefile sets it"
    forked.start()


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _run(snippet: Path, workdir: Path, is_forked: bool, timeout: float = 120) -> Path:
    workdir.mkdir(parents=True)
    return run_snippet(snippet, workdir, timeout, forked=is_forked)


@pytest.mark.parametrize("snippet", REAL, ids=lambda p: p.stem)
def test_every_snippet_makes_the_same_bytes_forked_and_fresh(snippet: Path, tmp_path: Path) -> None:
    fresh = _run(snippet, tmp_path / "fresh", False)
    read_manifest(fresh, snippet)
    again = _run(snippet, tmp_path / "forked", True)
    read_manifest(again, snippet)
    assert _files(again) == _files(fresh)


def test_a_failing_snippet_reports_as_a_fresh_one(tmp_path: Path) -> None:
    snippet = tmp_path / "boom.py"
    snippet.write_text("def build(out):\n    print('部分输出')\n    return 1 / 0\n")
    messages = []
    for is_forked in (False, True):
        with pytest.raises(SnippetError) as error:
            _run(snippet, tmp_path / str(is_forked), is_forked)
        messages.append(str(error.value))
    for message in messages:
        assert "boom.py:3: snippet failed: ZeroDivisionError: division by zero" in message
        assert "部分输出" in message
    assert "forked.py" not in messages[0]


def test_a_snippet_that_exits_with_a_message_reports_it(tmp_path: Path) -> None:
    snippet = tmp_path / "stop.py"
    snippet.write_text("import sys\n\ndef build(out):\n    sys.exit('数据不全')\n")
    with pytest.raises(SnippetError, match="snippet failed: 数据不全"):
        _run(snippet, tmp_path / "w", True)


def test_a_hung_snippet_and_what_it_started_are_killed_at_the_deadline(tmp_path: Path) -> None:
    marker = tmp_path / "child.pid"
    snippet = tmp_path / "hang.py"
    snippet.write_text(
        "import subprocess, time\n\ndef build(out):\n"
        "    child = subprocess.Popen(['sleep', '300'])\n"
        f"    open({str(marker)!r}, 'w').write(str(child.pid))\n"
        "    time.sleep(300)\n"
    )
    started = time.monotonic()
    with pytest.raises(SnippetError, match=r"hang\.py: killed after the time limit of 3 s"):
        _run(snippet, tmp_path / "w", True, timeout=3)
    assert time.monotonic() - started < 30
    pid = int(marker.read_text())
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid), "the snippet's own child outlived the deadline"


def _alive(pid: int) -> bool:
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True)
    return state.returncode == 0 and not state.stdout.strip().startswith("Z")
