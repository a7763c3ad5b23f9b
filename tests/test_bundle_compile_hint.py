"""Material's bundle carries V8's compile hint (scripts/build/bundle_compile_hint.py): the site's
copy is Material's with the hint first and its source map shifted by a line, and Chromium then
compiles the bundle's functions off the main thread, counted in a trace (no timings)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import material
import pytest

from scripts.build.bundle_compile_hint import HINT, add_compile_hint
from tests.browser import wait_for_material

MATERIAL_SCRIPTS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


def test_the_sites_bundle_is_materials_with_the_hint_first(built_site: Path) -> None:
    bundles = sorted((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1, bundles
    bundle = bundles[0]
    original = (MATERIAL_SCRIPTS / bundle.name).read_text(encoding="utf-8")
    assert bundle.read_text(encoding="utf-8") == HINT + original
    source_map = json.loads(bundle.with_name(bundle.name + ".map").read_text(encoding="utf-8"))
    original_map = json.loads((MATERIAL_SCRIPTS / (bundle.name + ".map")).read_text("utf-8"))
    assert source_map["mappings"] == ";" + original_map["mappings"]
    assert {**source_map, "mappings": None} == {**original_map, "mappings": None}


def test_a_rebuild_leaves_a_hinted_bundle_as_it_is(tmp_path: Path) -> None:
    """`serve --dirty` keeps the site's copy of a theme file it has not changed."""
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "bundle.0.min.js").write_text("f()\n", encoding="utf-8")
    (scripts / "bundle.0.min.js.map").write_text('{"mappings": "AAAA"}', encoding="utf-8")
    assert add_compile_hint(tmp_path) == [scripts / "bundle.0.min.js"]
    assert add_compile_hint(tmp_path) == []
    assert (scripts / "bundle.0.min.js").read_text(encoding="utf-8") == HINT + "f()\n"
    assert (scripts / "bundle.0.min.js.map").read_text(encoding="utf-8") == '{"mappings": ";AAAA"}'


@pytest.mark.browser
def test_chromium_compiles_the_bundle_off_the_main_thread(browser: Any, base: str) -> None:
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    browser.start_tracing(page=page, categories=["disabled-by-default-v8.compile"])
    page.goto(base + "derivative/")
    wait_for_material(page)
    events = json.loads(browser.stop_tracing())["traceEvents"]
    context.close()
    # Only the renderer that ran the bundle: the trace holds every process of the browser,
    # and another renderer's compiling (about 1,000 functions on its main thread) had been
    # counted with the page's.
    renderer = {
        e["pid"]
        for e in events
        if e.get("name") == "v8.compile" and "/bundle." in e["args"]["data"].get("url", "")
    }
    assert len(renderer) == 1, renderer
    threads = {
        e["tid"]: e["args"]["name"]
        for e in events
        if e.get("ph") == "M" and e.get("name") == "thread_name" and e["pid"] in renderer
    }
    compiled = Counter(
        threads.get(e["tid"], "").removeprefix("CrRenderer")[:10]
        for e in events
        if e.get("name") == "V8.CompileIgnition" and e["pid"] in renderer
    )
    # The page's main thread against the pool that compiles a script as it streams in (the
    # search worker compiles on its own thread either way). Without the hint: 651 against 25;
    # with it, 75 against 1,372.
    on_main, streamed = compiled["Main"], compiled["ThreadPool"]
    assert streamed > 3 * on_main, (compiled, "functions compiled per thread")
