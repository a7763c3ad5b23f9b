"""The answer checker's bundle cache under builds that run at once (pytest's workers, a
`serve` beside a `build`): each bundles into a scratch directory of its own, one publishes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scripts.build.problems.bundle import OUTPUTS, bundle_key, bundled


def test_builds_at_once_with_a_cold_cache_both_get_the_whole_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUILD_CACHE_DIR", str(tmp_path))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [f.result() for f in [pool.submit(bundled), pool.submit(bundled)]]
    target = tmp_path / "answers" / bundle_key()
    assert results == [target, target]
    assert sorted(p.name for p in target.iterdir()) == sorted(OUTPUTS)
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no scratch left


def test_an_entry_cut_short_is_bundled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUILD_CACHE_DIR", str(tmp_path))
    target = tmp_path / "answers" / bundle_key()
    target.mkdir(parents=True)
    (target / OUTPUTS[0]).write_text("half", encoding="utf-8")
    assert bundled() == target
    assert all((target / name).stat().st_size > 1000 for name in OUTPUTS)
    assert [p.name for p in target.parent.iterdir()] == [target.name]
