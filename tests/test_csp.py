"""The site's Content-Security-Policy: one policy on every page, allowing every inline script."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from scripts.build.csp import SitePolicy, inline_script_hashes

META_RE = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _page(body: str) -> str:
    return f'<html><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>'


def _source(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def _write(site: Path, policy: SitePolicy, name: str, page: str) -> None:
    """What MkDocs does with a page: on_post_page's output written to its destination."""
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(policy.add(page, path), encoding="utf-8")


def _policies(site: Path) -> dict[str, list[str]]:
    return {
        str(p.relative_to(site)): META_RE.findall(p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*.html"))
    }


def test_every_page_gets_the_policy_of_all_inline_scripts(tmp_path: Path) -> None:
    policy = SitePolicy()
    _write(tmp_path, policy, "a/index.html", _page("<script>first()</script>"))
    # A later page brings another inline script; data blocks and site scripts need no hash.
    _write(
        tmp_path,
        policy,
        "b/index.html",
        _page(
            '<script>second()</script><script type="application/json">{"x": 1}</script>'
            '<script src="app.js"></script>'
        ),
    )
    (tmp_path / "404.html").write_text(_page("<script>third()</script>"), encoding="utf-8")
    assert policy.finish(tmp_path) == 3

    policies = _policies(tmp_path)
    assert all(len(found) == 1 for found in policies.values()), policies
    assert len({found[0] for found in policies.values()}) == 1
    sources = re.search(r"script-src 'self' ([^;]*);", policies["404.html"][0])
    assert sources is not None
    expected = sorted(_source(s) for s in ("first()", "second()", "third()"))
    assert sources[1].split() == expected
    page = (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert page.startswith('<html><head><meta charset="utf-8"><meta http-equiv=')


def test_a_page_kept_from_an_earlier_build_loses_its_old_policy(tmp_path: Path) -> None:
    stale = _page("<script>kept()</script>").replace(
        '<meta charset="utf-8">',
        '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="old">',
    )
    (tmp_path / "kept.html").write_text(stale, encoding="utf-8")
    (tmp_path / "fragment.html").write_text("<p>no charset</p>", encoding="utf-8")
    policy = SitePolicy()
    _write(tmp_path, policy, "new/index.html", _page("<script>new()</script>"))
    policy.finish(tmp_path)

    policies = _policies(tmp_path)
    assert policies["fragment.html"] == []
    assert policies["kept.html"] == policies["new/index.html"]
    assert "old" not in policies["kept.html"][0] and _source("kept()") in policies["kept.html"][0]


def test_the_built_site_has_one_policy_allowing_every_inline_script(built_site: Path) -> None:
    pages = {p: p.read_text(encoding="utf-8") for p in sorted(built_site.rglob("*.html"))}
    policies = {p: META_RE.findall(page) for p, page in pages.items()}
    assert all(len(found) == 1 for found in policies.values()), policies
    policy = policies[built_site / "404.html"][0]
    assert {found[0] for found in policies.values()} == {policy}
    scripts = set().union(*(inline_script_hashes(page) for page in pages.values()))
    sources = re.search(r"script-src 'self' ([^;]*);", policy)
    assert sources is not None and sources[1].split() == sorted(scripts)
    # Pages at every depth (their scope scripts differ), notebooks (their copy helper) and 404.
    assert len(scripts) > 3
