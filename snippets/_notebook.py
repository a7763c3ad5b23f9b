"""What the snippets' ``save_*`` calls do inside a notebook: show the result instead of filing it.

In the build, ``build(out)`` of a snippet writes files for the site (``_style.save_plot``,
``_artifacts.save_markdown``). A notebook runs the very same ``build`` with these functions in
their place, so the reader sees the plot and the answer below the cell. This file is copied
into every notebook as it is: it needs only matplotlib and IPython, which a Jupyter kernel has.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
from IPython import display as ipd
from matplotlib import font_manager

OUT = None  # where the build would write files; a notebook writes none
DPI = 100
DARK_PNG = "application/vnd.calculus-notes.dark-png"  # the dark palette's plot, for the site

# Chinese labels need a CJK font; matplotlib falls back glyph by glyph along this list.
_CJK_FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei"]
_installed = {font.name for font in font_manager.fontManager.ttflist}
plt.rcParams["font.family"] = ["DejaVu Sans", *[f for f in _CJK_FONTS if f in _installed]]
plt.rcParams["axes.unicode_minus"] = False
if not _installed.intersection(_CJK_FONTS):
    print("提示：没有找到中文字体，图中的中文会显示为方框（可安装 Noto Sans CJK SC）。")


def save_plot(
    out: object,
    name: str,
    draw: Callable[..., None],
    alt: str,
    size: tuple[float, float] = (6.4, 4.0),
) -> None:
    """Draw the figure in both of the site's palettes and show the light one below the cell.

    The dark one rides along in the same output under ``DARK_PNG``, a type Jupyter does not
    render, so the site's notebook pages can show each palette its own plot. The size goes
    along so a page holds the plot's place before it loads, and so does the site's alt text.
    """
    pngs = {}
    for theme in (LIGHT, DARK):  # noqa: F821 - copied into the notebook from _style before
        with plt.rc_context(theme_rc(theme)):  # noqa: F821 - likewise
            fig = plt.figure(figsize=size, layout="constrained")
            draw(fig, theme)
            png = io.BytesIO()
            fig.savefig(png, format="png", dpi=DPI)
            plt.close(fig)
        pngs[theme.scheme] = base64.b64encode(png.getvalue()).decode("ascii")
    width, height = (round(side * DPI) for side in size)
    ipd.display(
        {"image/png": pngs["light"], DARK_PNG: pngs["dark"], "text/plain": alt},
        raw=True,
        metadata={"image/png": {"width": width, "height": height, "alt": alt}},
    )


def save_markdown(out: object, name: str, text: str) -> None:
    """Show a table or an answer as the page shows it (Jupyter renders the Markdown and math)."""
    ipd.display(ipd.Markdown(text))


def save_verdict(out: object, name: str, verdict: dict[str, Any]) -> None:
    """Print what a check found, and stop the notebook if a claim does not hold."""
    mark = "✓" if verdict["ok"] else "✗"
    print(f"{mark} {verdict['claim']}")
    if not verdict["ok"]:
        raise AssertionError(f"claim does not hold: {verdict['claim']}")
