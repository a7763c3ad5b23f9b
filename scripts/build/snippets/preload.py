"""Imported once by the snippet fork server (``forked.py``): what every snippet would import.

Importing numpy, sympy and matplotlib takes a fresh Python about 0.8 s, and a first figure
with text another 0.4 s (matplotlib imports mathtext lazily and loads its fonts on first use).
Both are done here, once, so that a snippet forked from this process starts with them done.
Nothing here changes what a snippet draws: the warm-up figure is drawn under ``rc_context``
and without pyplot, so rcParams and pyplot's figure numbers are as a fresh process has them
(``tests/test_snippets_forked.py`` compares every snippet's files byte for byte).

The module does its work on import because that is how ``set_forkserver_preload`` runs it.
"""

from __future__ import annotations

import io
import os

from scripts.build.cache_files import cache_root

# Before matplotlib is imported: no user matplotlibrc, and the font list built once and kept.
os.environ["MPLCONFIGDIR"] = str(cache_root() / "mplconfig")
os.environ["MPLBACKEND"] = "Agg"

import matplotlib
import matplotlib.pyplot  # the style module of the snippets uses pyplot
import numpy  # noqa: F401
import sympy  # noqa: F401
from matplotlib.figure import Figure

# Plain text in the Chinese font and mathtext apart: matplotlib parses a string holding `$`
# wholly as mathtext, whose fonts have no Chinese.
WARM_UP_RC = {"font.family": ["DejaVu Sans", "Noto Sans CJK SC"], "svg.fonttype": "path"}


def warm_up() -> None:
    """Draw one small figure with Chinese text, a formula and a legend, to SVG, and discard it."""
    with matplotlib.rc_context(WARM_UP_RC):
        figure = Figure(layout="constrained")
        axes = figure.subplots()
        axes.plot([0.0, 1.0], [0.0, 1.0], label=r"$f'(x) = 2x$")
        axes.set_title("导数和切线")
        axes.legend()
        figure.savefig(io.BytesIO(), format="svg")


warm_up()
