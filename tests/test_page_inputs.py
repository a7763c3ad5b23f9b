"""`serve --dirty`: a page whose inputs changed loses its served HTML, so MkDocs rebuilds it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from scripts.build.page_inputs import PageInputs


def _site(tmp: Path) -> Files:
    docs, site = tmp / "docs", tmp / "site"
    files = []
    for name in ("a.md", "b.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(f"# {name}\n", encoding="utf-8")
        file = File(name, src_dir=str(docs), dest_dir=str(site), use_directory_urls=True)
        Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(file.abs_dest_path).write_text("<html></html>", encoding="utf-8")
        files.append(file)
    return Files(files)


def test_only_pages_whose_inputs_changed_are_rebuilt(tmp_path: Path) -> None:
    files = _site(tmp_path)
    a, b = (Path(f.abs_dest_path) for f in files)
    inputs = PageInputs()
    assert inputs.outdate(files, {"a.md": ["plot 1"], "b.md": ["table 1"]}) == []  # first build
    assert a.is_file() and b.is_file()
    assert inputs.outdate(files, {"a.md": ["plot 1"], "b.md": ["table 2"]}) == ["b.md"]
    assert a.is_file() and not b.is_file()  # MkDocs rebuilds a page with no output
    assert inputs.outdate(files, {"a.md": ["plot 1"], "b.md": ["table 2"]}) == []
