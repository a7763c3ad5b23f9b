"""The real snippets: each is used by a page, makes what the page needs, the same bytes each run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from scripts.build.directives import find_directives
from scripts.build.snippets.runner import read_manifest, run_snippet
from tests.sitebuild import ROOT

SNIPPETS = ROOT / "snippets"


def _directives() -> list:
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        found += find_directives(page.read_text(encoding="utf-8"), str(page.relative_to(ROOT)))
    return found


def test_every_snippet_is_used_by_a_page_and_every_reference_resolves() -> None:
    modules = {p.stem for p in SNIPPETS.glob("*.py") if not p.name.startswith("_")}
    used = {d.snippet for d in _directives() if d.snippet}
    # A notebook outline may run a snippet no page shows (the derivative rules' checks).
    for outline in (SNIPPETS / "notebooks").glob("*.yml"):
        used |= set(re.findall(r"^\s*snippet:\s*(\w+)", outline.read_text(encoding="utf-8"), re.M))
    assert used == modules, f"unused: {modules - used}, missing: {used - modules}"


def test_every_referenced_artifact_exists(built_site: Path) -> None:
    # The strict build of the real site resolved every directive; its pages hold no directive.
    for page in built_site.rglob("*.html"):
        assert "md:snippet" not in page.read_text(encoding="utf-8"), page


def test_plots_come_in_light_and_dark_with_alt_text(built_site: Path) -> None:
    for page in ("derivative", "gradient", "exercises"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        images = re.findall(r"<img [^>]*>", html)
        light = [i for i in images if "#only-light" in i]
        dark = [i for i in images if "#only-dark" in i]
        assert light and len(light) == len(dark), page
        for img in light + dark:
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and len(alt[1]) > 15, img
            assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img), img
            src = re.search(r'src="([^"#]+)', img)[1]
            svg = (built_site / page / src).resolve()
            assert svg.is_file() and svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_generated_table_and_answers_are_on_their_pages(built_site: Path) -> None:
    derivative = (built_site / "derivative" / "index.html").read_text(encoding="utf-8")
    assert "2.3000000000000043" in derivative and "2.00003" in derivative
    exercises = (built_site / "exercises" / "index.html").read_text(encoding="utf-8")
    tex = [
        t for t in re.findall(r'encoding="application/x-tex">(.*?)</annotation>', exercises, re.S)
    ]
    joined = " ".join(tex)
    assert "4 x - 4" in joined  # exercise 1's tangent, as sympy prints it
    assert "5 e^{x_{2}}" in joined and "10 x_{2} e^{x_{2}^{2}}" in joined  # exercise 2, both forms
    assert "\\mathbf{x}=\\mathbf{0}" in joined  # exercise 3's x = 0 case
    assert joined.count("\\frac{\\partial f}{\\partial z}\\frac{\\partial z}{\\partial b}") == 1
    assert (
        exercises.count('class="admonition success"') + exercises.count('<details class="success"')
        >= 4
    )


def test_svg_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    outputs = []
    for run in ("one", "two"):
        workdir = tmp_path / run
        workdir.mkdir()
        out = run_snippet(SNIPPETS / "derivative_tangent.py", workdir, timeout=120)
        read_manifest(out, SNIPPETS / "derivative_tangent.py")
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    svg = outputs[0]["tangent-light.svg"].decode()
    assert "<dc:date>" not in svg
    assert outputs[0]["tangent-light.svg"] != outputs[0]["tangent-dark.svg"]


def test_missing_cjk_font_is_a_clear_error() -> None:
    code = "import _style\n_style.CJK_FONT = 'No Such CJK Font'\n_style.require_cjk_font()\n"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=SNIPPETS, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "font 'No Such CJK Font' not found" in result.stderr
    assert "fonts-noto-cjk" in result.stderr


def test_chinese_inside_mathtext_is_an_error_not_boxes(tmp_path: Path) -> None:
    code = (
        "from pathlib import Path\n"
        "import _style\n"
        "def draw(fig, theme):\n"
        "    fig.add_subplot().set_title('碗：$A$ 正定')\n"
        f"_style.save_plot(Path({str(tmp_path)!r}), 'mixed', draw, alt='一幅图')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=SNIPPETS, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "plot 'mixed' has glyphs no font can draw" in result.stderr
