"""Shared plot style: one look for every figure, a light and a dark variant, byte-stable SVG.

Chinese labels need a CJK font; without one matplotlib draws boxes, so a missing font is an
error here (install Debian's fonts-noto-cjk: ``make setup`` does) rather than a quietly broken
figure. Glyphs are drawn as paths, so the SVG looks the same whatever fonts the reader has.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from _artifacts import record
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

CJK_FONT = "Noto Sans CJK SC"


@dataclass(frozen=True)
class Theme:
    """Colours of one palette: Material's default (light) or slate (dark) scheme."""

    scheme: str
    background: str
    foreground: str
    grid: str
    colors: tuple[str, ...]


LIGHT = Theme(
    "light", "#ffffff", "#1f2328", "#d0d7de", ("#3f51b5", "#e8590c", "#2b8a3e", "#c2255c")
)
DARK = Theme("dark", "#1e2129", "#e3e6eb", "#3b4150", ("#8c9eff", "#ffa94d", "#69db7c", "#f783ac"))


def require_cjk_font() -> str:
    """The path of the CJK font, or a clear error when it is not installed."""
    try:
        return font_manager.findfont(
            font_manager.FontProperties(family=CJK_FONT), fallback_to_default=False
        )
    except ValueError:
        raise RuntimeError(
            f"font {CJK_FONT!r} not found: Chinese labels would show as boxes. "
            "Install Debian's fonts-noto-cjk (`make setup` does)."
        ) from None


def theme_rc(theme: Theme) -> dict[str, object]:
    """The rcParams that paint a figure in ``theme``'s colours.

    Kept apart from the font and SVG settings so the notebooks, which copy it, draw their plots
    in the same two palettes as the site.
    """
    return {
        "figure.facecolor": theme.background,
        "axes.facecolor": theme.background,
        "savefig.facecolor": theme.background,
        "text.color": theme.foreground,
        "axes.labelcolor": theme.foreground,
        "axes.edgecolor": theme.foreground,
        "xtick.color": theme.foreground,
        "ytick.color": theme.foreground,
        "grid.color": theme.grid,
        "axes.grid": True,
        "grid.linewidth": 0.6,
        "axes.prop_cycle": matplotlib.cycler(color=list(theme.colors)),
        "legend.frameon": False,
        "font.size": 11,
    }


def _apply(theme: Theme, salt: str) -> None:
    require_cjk_font()
    plt.rcdefaults()
    plt.rcParams.update(
        {
            # A family list turns on matplotlib's per-glyph fallback: Latin from DejaVu Sans,
            # Chinese from the CJK font.
            "font.family": ["DejaVu Sans", CJK_FONT],
            "axes.unicode_minus": False,
            "svg.hashsalt": salt,
            "svg.fonttype": "path",
            **theme_rc(theme),
        }
    )


class _GlyphLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "does not have a glyph" in record.getMessage():
            self.missing.append(record.getMessage())


@contextmanager
def _no_missing_glyphs(name: str) -> Iterator[None]:
    """A glyph that no font has would be drawn as a box: make it an error instead.

    Plain text falls back from font to font; mathtext (anything between ``$``) does not, so
    Chinese must stay outside ``$…$`` in labels.
    """
    log = _GlyphLog()
    logger = logging.getLogger("matplotlib")
    logger.addHandler(log)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message="Glyph .* missing from font")
            yield
    finally:
        logger.removeHandler(log)
    if log.missing:
        raise RuntimeError(
            f"plot {name!r} has glyphs no font can draw (Chinese inside $…$?): {log.missing[0]}"
        )


def save_plot(
    out: Path,
    name: str,
    draw: Callable[[Figure, Theme], None],
    alt: str,
    size: tuple[float, float] = (6.4, 4.0),
) -> None:
    """Draw ``draw`` once per palette and record the pair as the plot artifact ``name``.

    The SVG carries no date and a per-figure hash salt, so reruns give the same bytes and two
    figures of one page never share element ids.
    """
    files = {}
    for theme in (LIGHT, DARK):
        _apply(theme, salt=f"{name}-{theme.scheme}")
        filename = f"{name}-{theme.scheme}.svg"
        with _no_missing_glyphs(name):
            fig = plt.figure(figsize=size, layout="constrained")
            draw(fig, theme)
            fig.savefig(out / filename, format="svg", metadata={"Date": None})
            plt.close(fig)
        files[theme.scheme] = filename
    dpi = 72  # SVG user units are points; the page shows the figure at its natural size
    record(
        out, name, "plot", files, alt=alt, width=round(size[0] * dpi), height=round(size[1] * dpi)
    )


def axis_lines(ax: Axes, theme: Theme) -> None:
    """Draw the x and y axes through the origin, thinly."""
    ax.axhline(0, color=theme.foreground, linewidth=0.8)
    ax.axvline(0, color=theme.foreground, linewidth=0.8)
