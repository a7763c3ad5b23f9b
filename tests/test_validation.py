"""Bad pages stop the build, and the message names the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import build_fixture

GOOD = "---\ndescription: 一个用于测试的页面。\n---\n\n# 好页面\n\n## 小节\n\n正文。\n"


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("[链接](missing.md)", "missing.md"),
        ("[锚点](good.md#no-such-heading)", "no-such-heading"),
        ("![图](images/missing.svg)", "images/missing.svg"),
    ],
    ids=["broken-link", "missing-anchor", "missing-image"],
)
def test_bad_reference_fails_the_build(tmp_path: Path, page: str, reason: str) -> None:
    pages = {"good.md": GOOD, "bad.md": f"# 坏页面\n\n{page}\n"}
    result = build_fixture(tmp_path, pages, nav=["good.md", "bad.md"])
    assert result.returncode != 0
    assert "bad.md" in result.stderr and reason in result.stderr, result.stderr


def test_good_fixture_builds(tmp_path: Path) -> None:
    result = build_fixture(tmp_path, {"good.md": GOOD})
    assert result.returncode == 0, result.stderr
