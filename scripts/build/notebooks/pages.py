"""Make mkdocs-jupyter's notebook pages behave like the site's other pages.

mkdocs-jupyter renders a notebook through nbconvert's JupyterLab template, which (1) loads
MathJax and Mermaid from CDNs, (2) leaves math in Markdown as ``$…$`` text for MathJax to find,
(3) inlines about 600 kB of JupyterLab CSS into every notebook page, (4) inlines each plot as
one PNG with a stand-in alt text and (5) links the notebook's way back to the site by its
absolute address. Here: the CDN scripts are dropped; the math in rendered Markdown (cells and
outputs) goes into the build's one KaTeX batch like any page's; the CSS goes to
``styles``, which makes one shared, pruned stylesheet of it; plots become files, one
per palette, with their own alt text; links to this site become relative. mkdocs-jupyter has
no options for these, hence this module.
"""

from __future__ import annotations

import base64
import hashlib
import html
import posixpath
import re
from dataclasses import dataclass

from scripts.build.math.extract import Formula, placeholder
from scripts.build.notebooks.styles import NotebookStyles

_CDN_SCRIPTS = re.compile(
    r'<script src="">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">(?:(?!</script>).)*cdnjs\.cloudflare\.com.*?</script>',
    re.S,
)
_DIV = re.compile(r"<(/?)div\b[^>]*>")
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?![\s$])([^$<>]+?)(?<![\s\\])\$(?!\$)")


def strip_cdn_scripts(content: str) -> str:
    """Remove the MathJax and Mermaid loaders nbconvert's template adds.

    >>> strip_cdn_scripts('a<script src=""> </script>b<script type="text/x-mathjax-config">x</script>c')
    'abc'
    """
    return _CDN_SCRIPTS.sub("", content)


def markdown_regions(content: str) -> list[tuple[int, int]]:
    """Spans of the rendered-Markdown blocks (cells and outputs), where math may be.

    Code cells are left alone: a ``$`` in code is code.

    >>> markdown_regions('<div class="jp-RenderedMarkdown"><div>x</div>$a$</div><div>$b$</div>')
    [(0, 54)]
    """
    regions, stack = [], []
    for tag in _DIV.finditer(content):
        if not tag[1]:
            stack.append((tag.start(), "jp-RenderedMarkdown" in tag[0]))
        elif stack:
            start, is_markdown = stack.pop()
            if is_markdown and not any(m for _, m in stack):
                regions.append((start, tag.end()))
    return regions


def extract_math(content: str, origin: str, formulas: list[Formula]) -> str:
    """Replace the math in rendered Markdown with the build's placeholders.

    >>> found: list[Formula] = []
    >>> extract_math('<div class="jp-RenderedMarkdown"><p>$x &lt; 1$</p></div><pre>$y$</pre>', "nb", found)
    '<div class="jp-RenderedMarkdown"><p>xkatexph0x</p></div><pre>$y$</pre>'
    >>> [(f.tex, f.display) for f in found]
    [('x < 1', False)]
    """

    def swap(display: bool) -> object:
        def replace(match: re.Match[str]) -> str:
            formulas.append(Formula(html.unescape(match[1]), display, origin, 0))
            return placeholder(len(formulas) - 1)

        return replace

    parts, at = [], 0
    for start, end in markdown_regions(content):
        region = _DISPLAY.sub(swap(True), content[start:end])  # type: ignore[arg-type]
        region = _INLINE.sub(swap(False), region)  # type: ignore[arg-type]
        parts += [content[at:start], region]
        at = end
    return "".join([*parts, content[at:]])


def relative_site_links(content: str, site_url: str, page_url: str) -> str:
    """Links to this site's own address become relative, so they work offline and locally.

    >>> relative_site_links('<a href="https://x.io/gradient/">', "https://x.io/", "notebooks/gradient/")
    '<a href="../../gradient/">'
    """
    if not site_url:
        return content
    prefix = re.escape(site_url.rstrip("/") + "/")

    def relative(match: re.Match[str]) -> str:
        target = posixpath.relpath("/" + match[1], "/" + page_url)
        return f'href="{target}{"/" if match[1].endswith("/") else ""}"'

    return re.sub(rf'href="{prefix}([^"#]*)"', relative, content)


DARK_PNG = "application/vnd.calculus-notes.dark-png"  # set by snippets/_notebook.py's save_plot
PLOT_DIR = "assets/notebooks/plots"
_PNG_IMG = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,([^"]+)"[^>]*>')


@dataclass(frozen=True)
class Plot:
    """One plot output of an executed notebook: its PNG per palette, its alt text and size."""

    light: bytes
    dark: bytes | None
    alt: str
    width: int | None
    height: int | None


def notebook_plots(notebook: dict) -> dict[str, Plot]:  # type: ignore[type-arg]
    """The notebook's PNG outputs, keyed by the light PNG's base64 as nbconvert inlines it."""
    plots = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            meta = output.get("metadata", {}).get("image/png", {})
            light = "".join(data["image/png"].split())
            dark = data.get(DARK_PNG)
            plots[light] = Plot(
                base64.b64decode(light),
                base64.b64decode(dark) if dark else None,
                meta.get("alt", ""),
                meta.get("width"),
                meta.get("height"),
            )
    return plots


def plot_path(png: bytes) -> str:
    """The site path of a plot image: named by its hash, so it caches forever."""
    return f"{PLOT_DIR}/{hashlib.sha256(png).hexdigest()[:16]}.png"


def link_plots(content: str, plots: dict[str, Plot], page_url: str) -> tuple[str, dict[str, bytes]]:
    """Show each plot as the chapter pages do: one image per palette, from files.

    nbconvert inlines a PNG as a data URI with one stand-in alt text for all. Inline, both
    palettes' plots would weigh on every page load; as files with Material's ``#only-light`` /
    ``#only-dark`` and ``loading=lazy``, the hidden palette's plot is never fetched. Returns the
    content and the files to write (site path → bytes).
    """
    files: dict[str, bytes] = {}

    def image(png: bytes, plot: Plot, variant: str) -> str:
        path = plot_path(png)
        files[path] = png
        size = "".join(
            f' {side}="{value}"'
            for side, value in (("width", plot.width), ("height", plot.height))
            if value
        )
        src = posixpath.relpath(path, page_url or ".") + variant
        return f'<img alt="{html.escape(plot.alt)}" src="{src}"{size} loading="lazy">'

    def replace(match: re.Match[str]) -> str:
        plot = plots.get("".join(match[1].split()))
        if plot is None:
            return match[0]
        if plot.dark is None:
            return image(plot.light, plot, "")
        return image(plot.light, plot, "#only-light") + image(plot.dark, plot, "#only-dark")

    return _PNG_IMG.sub(replace, content), files


def prepare_page(
    content: str,
    *,
    page_id: str,
    page_url: str,
    site_url: str,
    notebook: dict,  # type: ignore[type-arg]
    formulas: list[Formula],
    styles: NotebookStyles,
) -> tuple[str, dict[str, bytes]]:
    """All of the above for one notebook page: its content and its plots (site path → bytes)."""
    content = styles.take(strip_cdn_scripts(content), page_url)
    content = extract_math(content, f"{page_id} (executed notebook)", formulas)
    content = relative_site_links(content, site_url, page_url)
    return link_plots(content, notebook_plots(notebook), page_url)


OUT_OF_DATE = (
    '<div class="admonition warning"><p class="admonition-title">笔记本正在重新执行</p>'
    "<p>它用到的代码刚改过：这里显示的是上一次执行的结果，新的执行完成后本页会自动刷新。</p></div>"
)


def mark_out_of_date(html: str) -> str:
    """A notebook page served from its last execution while `mkdocs serve` runs the new one."""
    return OUT_OF_DATE + html
